import { z } from 'zod'
import { Agreement, InstrumentFile, Level, ROLES, Text } from './instrument.ts'

/**
 * What the JSON API answers where a browser script reads it (web/setup.ts), declared once: the
 * Worker's route builds its answer to the type (`satisfies`), the script reads it as that type
 * with `import type`, so the two cannot drift apart and no zod reaches the browser.
 */

/** A survey link made or revealed now: the token is in this answer and nowhere else afterwards. */
export const MadeLink = z.object({
  id: z.string(),
  partnerId: z.string(),
  role: z.enum(ROLES),
  token: z.string(),
  url: z.string(),
})
export type MadeLink = z.infer<typeof MadeLink>

/** A group the link set made no link for, and why: a refusal code and its message in the reader's language. */
export const SkippedGroup = z.object({
  partnerId: z.string(),
  role: z.enum(ROLES),
  code: z.string(),
  reason: z.string(),
})
export type SkippedGroup = z.infer<typeof SkippedGroup>

/** POST /api/waves/:wid/link-set. */
export const LinkSetAnswer = z.object({ links: z.array(MadeLink), skipped: z.array(SkippedGroup) })
export type LinkSetAnswer = z.infer<typeof LinkSetAnswer>

/**
 * POST /api/programmes/:pid/partners/import (worker/services/partner-import.ts): the partners
 * added, and the lines skipped because the programme has a partner of that name, left as it is.
 */
/** A pasted line whose name a partner of the programme has: skipped, or its headcounts written. */
const PastedPartner = (differences: string) =>
  z.object({
    line: z.number().int().describe('the line of the text it begins on, from 1'),
    partnerId: z.string(),
    name: z.string().describe('the name as the programme has it'),
    differences: z
      .array(
        z.object({
          role: z.enum(ROLES),
          stored: z.number().int().nullable().describe('the headcount the partner had; null: not filled in'),
          pasted: z.number().int(),
        }),
      )
      .describe(differences),
  })

export const PartnerImportAnswer = z.object({
  added: z.number().int().describe('how many partners the paste added; 0 when every line was there already'),
  ids: z.array(z.string()).describe('the ids of the partners added, in the order of the text'),
  updated: z
    .array(PastedPartner('each headcount written: the one the partner had, and the pasted one it has now'))
    .describe("the lines of partners the programme has whose headcounts were written (`headcounts: 'update'`)"),
  skipped: z
    .array(
      PastedPartner(
        "each headcount the line gives otherwise than the partner has (an empty cell differs from nothing); not written (written with `headcounts: 'update'`)",
      ),
    )
    .describe(
      "the lines whose name a partner of the programme has (capitals, spaces and accents' composition aside), left as they are",
    ),
  message: z.string().describe('what the paste did, in the language of problem details, as the setup page shows it'),
})
export type PartnerImportAnswer = z.infer<typeof PartnerImportAnswer>

/** A one-time password link to pass on (an invitation, a reset, or the acceptance of access). */
export const OneTimeLink = z.object({
  url: z.string(),
  expiresAt: z.string(),
  purpose: z.enum(['invite', 'reset', 'accept']),
})
export type OneTimeLink = z.infer<typeof OneTimeLink>

/**
 * The results (dashboard) and trend answers, as worker/services/results-service.ts `resultsFor`
 * and `trendOf` build them: declared here so that /api/openapi.json describes every field a
 * script reads (worker/openapi.ts takes them from the routes' `doc(...)`), and
 * tests/worker/routes/results-answers.test.ts parses what the routes really send with them. The
 * objects are strict: a field the service adds and this file does not name fails that test.
 */
const Role = z.enum(ROLES)
const nullableNumber = z.number().nullable()
const interval = z.tuple([z.number(), z.number()]).nullable()

/** Why a level is named or not (worker/domain/levels.ts `LevelVerdict`). */
const LevelVerdict = z.discriminatedUnion('because', [
  z.strictObject({ level: z.number().int(), because: z.literal('interval') }),
  z.strictObject({ level: z.number().int(), because: z.literal('n'), reaches: z.array(z.number().int()) }),
  z.strictObject({ level: z.null(), because: z.literal('not-yet-clear') }),
  z.strictObject({ level: z.null(), because: z.literal('disagree') }),
])

/** One dimension's shown score of a cell (worker/domain/publication.ts `Score`). */
const Score = z.strictObject({
  n: z.number().int(),
  mean: z.number(),
  sd: nullableNumber,
  ci95: interval,
  level: z.number().int().nullable(),
  capped: z.boolean(),
  agreement: nullableNumber,
  verdict: LevelVerdict,
  designEffect: z.number().optional(),
})

/** n, mean and sd of staff's score on the questions team managers are also asked. */
const SharedScore = z.strictObject({ n: z.number().int(), mean: z.number(), sd: nullableNumber })

/** A cell as a reader is shown it: hidden below k (`hiddenBecause: few`) or never asked (`not-asked`). */
const cellFields = {
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  hiddenBecause: z.enum(['few', 'not-asked']).nullable(),
  scores: z.record(z.string(), Score.nullable()).nullable(),
  shared: z.record(z.string(), SharedScore.nullable()).optional(),
}

/** manager − staff as shown, with its 95% Welch interval (worker/domain/gap.ts `Gap`). */
const gapFields = {
  manager: z.number(),
  staff: z.number(),
  gap: z.number(),
  ci95: interval,
  reading: z.enum(['higher', 'lower', 'unclear']),
}

/** A partner's gap set against the other shown partners' median, from three of them (`PartnerGap`). */
const PartnerGap = z.strictObject({
  partnerId: z.string(),
  partner: z.string(),
  dimension: z.string(),
  ...gapFields,
  typical: nullableNumber,
  typicalPartners: z.number().int().nullable(),
  versusTypical: z.enum(['larger', 'same', 'smaller']).nullable(),
})

const Participation = z.strictObject({
  status: z.enum(['none', 'few', 'counted']),
  n: z.number().int().nullable(),
  rate: nullableNumber,
})

/** What stands out of the programme or a partner (worker/domain/standouts.ts `StandoutGroup`). */
const Subject = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('programme') }),
  z.strictObject({ kind: z.literal('partner'), id: z.string(), name: z.string() }),
])
const StandoutGroup = z.looseObject({
  subject: Subject,
  items: z.array(z.looseObject({ kind: z.enum(['held', 'strongest', 'weakest', 'gap', 'change']), subject: Subject })),
  more: z.strictObject({ gap: z.number().int(), change: z.number().int() }),
  moved: z.strictObject({ up: z.array(z.string()), down: z.array(z.string()) }),
})

/** GET /api/programmes/:pid/dashboard: a wave's results as this reader may see them. */
export const ResultsAnswer = z.strictObject({
  programme: z.strictObject({
    id: z.string(),
    name: z.string(),
    ...cellFields,
    /** Its n over the headcounts of the shown partners it sums, where each has one; null for a one-partner viewer. */
    responseRate: nullableNumber,
  }),
  rolesAsked: z.record(Role, z.boolean()),
  wave: z.looseObject({
    id: z.string(),
    label: z.string(),
    instrument: z.string(),
    instrumentVersion: z.number().int(),
    opensAt: z.string(),
    closesAt: z.string(),
    state: z.enum(['planned', 'open', 'closed']),
  }),
  published: z.boolean(),
  waves: z.array(z.strictObject({ id: z.string(), label: z.string(), state: z.enum(['planned', 'open', 'closed']) })),
  role: Role,
  k: z.number().int(),
  dimensions: z.array(z.looseObject({ key: z.string(), label: Text })),
  levels: z.array(Level),
  dispersionCap: InstrumentFile.shape.dispersionCap.unwrap().nullable(),
  agreement: Agreement.nullable(),
  bands: z.array(z.strictObject({ level: z.number().int(), from: z.number(), to: z.number() })),
  partners: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      ...cellFields,
      headcount: z.number().int().nullable(),
      headcounts: z.record(z.string(), z.number().int().nullable()),
      /** The role shown's response rate, where its headcount is known; hidden with the count. */
      responseRate: nullableNumber,
    }),
  ),
  gap: z.array(PartnerGap),
  /** Per partner shown, why its staff or its managers are hidden (null: shown), as its cells say: what keeps it without gaps. */
  gapGroups: z.array(
    z.strictObject({
      id: z.string(),
      staff: z.enum(['few', 'not-asked']).nullable(),
      managers: z.enum(['few', 'not-asked']).nullable(),
    }),
  ),
  /**
   * How many partners shown have both groups shown, and per dimension those of them with no gap
   * there and why (worker/domain/gap.ts `NoGap`): a hidden score, or staff's hidden on the shared questions.
   */
  gapMissing: z.strictObject({
    partners: z.number().int(),
    dimensions: z.array(
      z.strictObject({
        dimension: z.string(),
        partners: z.array(
          z.strictObject({
            id: z.string(),
            name: z.string(),
            why: z.enum(['managers-few', 'staff-few', 'shared-hidden', 'shared-few', 'shared-not-kept']),
          }),
        ),
      }),
    ),
  }),
  /** Every dimension's name by its key, for the gap tables: a gap compares dimensions of two roles, not only the role shown. */
  gapLabels: z.record(z.string(), Text),
  /** The programme as a whole's own gap per dimension, from four partners with both cells shown. */
  gapTypical: z.array(
    z.strictObject({
      dimension: z.string(),
      label: Text,
      ...gapFields,
      /** How many partners (both groups shown) the mean and the median are of. */
      partners: z.number().int(),
      /** The median of those partners' shown gaps: each partner is set against the median of the others. */
      median: z.number(),
    }),
  ),
  gapBasis: z.array(
    z.strictObject({
      dimension: z.string(),
      staff: z.number().int(),
      managers: z.number().int(),
      shared: z.number().int(),
      staffOnly: z.number().int(),
      on: z.enum(['shared', 'all']),
    }),
  ),
  changes: z.array(z.looseObject({ partner: z.string() })),
  /** Per question its shares per group shown, only with `?questions=`; null before publication. */
  questions: z.unknown().optional(),
  standouts: z.array(StandoutGroup),
  headlines: z.array(z.unknown()),
  /** For a lead while the wave is open: each partner's participation per role; null otherwise. */
  participation: z
    .array(z.strictObject({ id: z.string(), name: z.string(), roles: z.record(Role, Participation) }))
    .nullable(),
})
export type ResultsAnswer = z.infer<typeof ResultsAnswer>

/**
 * A dimension's change since the previous published wave (worker/domain/publication.ts `Change`):
 * Welch's test, or for the programme no test when the partners in its total changed
 * (`partnersChanged`) or it has fewer than four shown partners in either wave (`fewPartners`).
 */
const Change = z
  .union([
    // `margin`: the half-width of the change's 95% interval by the same test (0 is outside it exactly when `significant`).
    z.strictObject({ diff: z.number(), p: z.number(), significant: z.boolean(), margin: z.number().nonnegative() }),
    // `matched`: the same test over the partners shown in both waves alone, with their means (worker/domain/publication.ts `matchedChange`).
    z.strictObject({
      diff: z.number(),
      p: z.null(),
      significant: z.literal(false),
      partnersChanged: z.literal(true),
      matched: z
        .strictObject({
          partners: z.number().int(),
          from: z.number(),
          to: z.number(),
          diff: z.number(),
          p: z.number(),
          significant: z.boolean(),
          margin: z.number().nonnegative(),
        })
        .optional(),
    }),
    z.strictObject({ diff: z.number(), p: z.null(), significant: z.literal(false), fewPartners: z.literal(true) }),
  ])
  .nullable()

/** GET /api/programmes/:pid/trend: a partner's or the programme's shown cells per published wave. */
export const TrendAnswer = z.strictObject({
  partner: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  role: Role,
  k: z.number().int(),
  waves: z.array(
    z.strictObject({
      wave: z.strictObject({
        id: z.string(),
        label: z.string(),
        opensAt: z.string(),
        closesAt: z.string(),
        instrumentVersion: z.number().int(),
      }),
      ...cellFields,
      /**
       * Also `not-partner`: the partner was added after this wave began and took no part in it
       * (worker/domain/wave-lifecycle.ts `takesPart`); `not-asked`, its group had no link; for the
       * programme, no partner of the wave had one.
       */
      hiddenBecause: z.enum(['few', 'not-asked', 'not-partner']).nullable(),
      /** Per dimension, against the wave before; null for the first wave or a hidden side. */
      change: z.record(z.string(), Change).nullable(),
      /** The dimensions whose questions changed from the wave before, so no change is computed. */
      notComparable: z.array(z.string()),
    }),
  ),
})
export type TrendAnswer = z.infer<typeof TrendAnswer>

/** With code invalid-request: one failing field, its message in the language of the detail. */
const FieldError = z.object({
  path: z.string().describe('the field, dotted: groups.0.role'),
  code: z
    .string()
    .describe(
      "stable: a field message's code where the schema names one (such as not-empty or date), missing for a field left out, else zod's issue code (invalid_type, too_big, …); for refused answers (invalid-answers) not-an-object, not-a-question, off-scale, text-too-long, unanswered or more (the faults past the first 20, counted)",
    ),
  message: z.string().describe('the code in words, in the language of detail'),
  line: z
    .number()
    .int()
    .optional()
    .describe('with partner-lines-invalid: the pasted line, counted from 1 as in the text'),
  field: z
    .string()
    .optional()
    .describe(
      "with partner-lines-invalid: the line's column, as the single add names it (name, headcounts.<role>), or line; its code is then a field's, or same-as-line or too-many-columns",
    ),
})

/**
 * An RFC 9457 problem document, as worker/http/problem.ts renders every refusal: `detail` for the
 * person who acts on it, `code` and the refusal's parameters (beside these) for a program. The
 * API description's `Problem` is this schema (worker/openapi.ts adds the codes there are).
 */
export const Problem = z
  .looseObject({
    type: z.literal('about:blank'),
    status: z.number().int(),
    title: z
      .string()
      .describe("a short summary of the code's kind, the same for every refusal of it, in the language of detail"),
    detail: z.string().describe('what to do about it, in Dutch for ?lang=nl or Accept-Language: nl, else in English'),
    code: z.string().describe('stable and machine-readable; the values the detail names are further properties'),
    errors: z
      .array(FieldError)
      .optional()
      .describe(
        'with code invalid-request: each failing field; with invalid-answers: each fault of the answers (path answers.<question>); with partner-lines-invalid: each fault of a pasted line (path text, with line and field); the detail worded per field',
      ),
  })
  .describe('RFC 9457 problem details')
export type Problem = z.infer<typeof Problem>
