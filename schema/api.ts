import { z } from 'zod'
import { msg } from './field-codes.ts'
import { LANGS } from './format.ts'
import { ROLES } from './instrument.ts'
import { PASSWORD_MIN_LENGTH } from './password.ts'

/**
 * Bodies, query strings and path parameters of the JSON API; the pages' query strings are in
 * schema/api-pages.ts. Routes apply them with `valid` (worker/http/validate.ts), and
 * /api/openapi.json describes them from there.
 */

const Name = z.string().trim().min(1, msg('not-empty')).max(200, msg('at-most-200-characters'))
const IsoDate = z.iso.datetime({
  offset: true,
  message: msg('iso-date-time'),
})

export const SessionBody = z
  .object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) })
  .strict()

export const ProgrammeBody = z.object({ name: Name }).strict()

export const ProgrammePatch = z
  .object({
    name: Name.optional(),
    /** Days answer sets are kept after a wave closes; 0 deletes them at closing. */
    retentionDays: z.number().int(msg('whole-days')).min(0).max(3650).optional(),
    /** Years after closing that whole waves are kept; null keeps them. */
    waveRetentionYears: z.number().int(msg('whole-years')).min(1).max(100).nullable().optional(),
    /** Re-assessment: a wave every so many months (null: no cadence), open so many days, the next from this date. */
    cadenceMonths: z.number().int(msg('whole-months')).min(1).max(60).nullable().optional(),
    cadenceOpenDays: z.number().int(msg('whole-days')).min(1).max(365).nullable().optional(),
    nextWaveAt: IsoDate.nullable().optional(),
  })
  .strict()

const Headcount = z.number().int(msg('whole-number')).min(0).max(1_000_000).nullable().optional()
/** Headcount per role, for response rates; `headcount` alone is the staff headcount. */
const Headcounts = z.object({ medewerker: Headcount, teammanager: Headcount, tactisch: Headcount }).strict().optional()

export const PartnerBody = z.object({ name: Name, headcount: Headcount, headcounts: Headcounts }).strict()

/**
 * The body limit of the partners' paste, in bytes (worker/http/guards.ts applies it to that one
 * route, 64 KB to the others): 200 lines of the longest the single add takes must get through to
 * the count of lines, whose refusal says what to do ("at most 200 lines"), where the generic 413
 * does not. Such a line is a 200-character name (600 bytes in UTF-8 at most; or quoted, every
 * quote in it doubled and escaped in JSON, about 800), three headcounts of up to 9 characters
 * ("1.000.000"), three separators and a line break, each escaped in JSON: under 900 bytes, 180 KB
 * for 200 lines. A quarter more for spaces, empty cells and empty lines a sheet's copy holds.
 */
export const MAX_PASTE_BYTES = 256 * 1024

/**
 * Many partners at once, as pasted from a sheet: one a line, a name and then the headcounts of
 * staff, team managers and tactical managers, separated by a tab, a semicolon or a comma
 * (schema/partner-names.ts reads it, each line held to `PartnerBody`). No longer than the route's
 * body limit lets through (`MAX_PASTE_BYTES`; a character is a byte at least), so that a paste
 * of too many lines is refused by its count, whatever its length. `headcounts`: what the paste
 * does with the headcounts of a partner the programme has, `keep` them (by default) or `update`
 * them to the pasted ones (worker/services/partner-import.ts `importPartners`).
 */
export const PartnerImportBody = z
  .object({ text: z.string().max(MAX_PASTE_BYTES), headcounts: z.enum(['keep', 'update']).optional() })
  .strict()

export const PartnerPatch = z.object({ name: Name.optional(), headcount: Headcount, headcounts: Headcounts }).strict()

export const WaveBody = z
  .object({
    label: Name,
    instrument: z.string().min(1).max(100),
    instrumentVersion: z.number().int().min(1).optional(),
    opensAt: IsoDate,
    closesAt: IsoDate,
  })
  .strict()

export const WavePatch = z
  .object({
    label: Name.optional(),
    opensAt: IsoDate.optional(),
    closesAt: IsoDate.optional(),
    /** Only before the wave opens: answers given to one version are not answers to another. */
    instrumentVersion: z.number().int().min(1).optional(),
  })
  .strict()

/** A person given access to a programme; a viewer may be limited to one partner. */
export const PersonBody = z
  .object({
    email: z.email({ message: msg('e-mail') }).max(320),
    role: z.enum(['lead', 'viewer']),
    partnerId: z.string().min(1).max(100).nullable().optional(),
  })
  .strict()

export const PersonPatch = z
  .object({ role: z.enum(['lead', 'viewer']).optional(), partnerId: z.string().min(1).max(100).nullable().optional() })
  .strict()

/** A new password, set through a one-time invitation or reset link. */
export const PasswordBody = z
  .object({
    password: z.string().min(PASSWORD_MIN_LENGTH, msg('password-length')).max(1000, msg('at-most-1000-characters')),
  })
  .strict()

export const LinkBody = z.object({ partnerId: z.string().min(1).max(100), role: z.enum(ROLES) }).strict()

/**
 * The link set of a wave: without `replace`, a working link for every group that has none; with
 * it, new links for the `groups` named (every group when left out), whose old links stop working.
 */
export const LinkSetBody = z
  .object({
    replace: z.boolean().optional(),
    groups: z.array(LinkBody).min(1).max(600).optional(),
  })
  .strict()

export const ResponseBody = z
  .object({
    id: z.uuid({ message: msg('attempt-id') }),
    // Checked against the instrument by the answer validator, on the object as JSON.parse made it:
    // copying it into a record first would silently turn a "__proto__" key into a prototype.
    answers: z.unknown(),
    // What the answers were given to: the instrument, version and role whose questions the survey
    // page served. With them a submission is checked and stored without first reading its link;
    // the statement that stores it checks that the link is of this role and its wave of this
    // instrument version (worker/db/responses.ts, storeClaimedResponse). Optional: without them
    // the link is read first, as it always was.
    instrument: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,99}$/, msg('instrument-id'))
      .optional(),
    version: z.number().int(msg('whole-number')).positive(msg('whole-number-from-1')).optional(),
    role: z.enum(ROLES).optional(),
  })
  .strict()
  .refine(
    (b) =>
      [b.instrument, b.version, b.role].every((x) => x === undefined) ||
      [b.instrument, b.version, b.role].every((x) => x !== undefined),
    {
      message: msg('answering-together'),
      path: ['instrument'],
    },
  )

export const ResultsQuery = z.object({
  wave: z.string().min(1).optional(),
  role: z.enum(ROLES).default('medewerker'),
  // Question detail is most of the answer's bytes (BENCHMARKS.md, "The results API in parts"): sent only
  // when asked, for every dimension of the role ("all") or for one, as a page opens it.
  questions: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, msg('questions-dimension'))
    .optional(),
})
export const TrendQuery = z.object({ partner: z.string().min(1).optional(), role: z.enum(ROLES).default('medewerker') })
/** The measurement quality of one wave × role; the latest published wave unless named. */
export const QualityQuery = z.object({ wave: z.string().min(1).optional(), role: z.enum(ROLES).default('medewerker') })
export const ExportQuery = z.object({
  wave: z.string().min(1).optional(),
  sep: z.enum(['comma', 'semicolon']).default('comma'),
  // The header's language: forgiving, as every route's `?lang` is (worker/http/lang.ts), so a
  // value it does not know gives the Dutch header, as none does, never a 400.
  lang: z.enum(LANGS).catch('nl'),
})

/** A page of a programme's trail, from 1 (the newest). */
export const AuditQuery = z.object({
  page: z.coerce
    .number({ message: msg('page-number') })
    .int(msg('whole-number'))
    .min(1)
    .max(100_000)
    .default(1),
})

/** An instrument version for one role; versions count from 1. */
export const InstrumentParams = z.object({
  id: z.string().max(100),
  version: z.coerce.number().int().min(1),
  role: z.enum(ROLES),
})

// Agreed actions: what a partner agreed to do about a dimension after a wave.

/** How far an agreed action got. */
export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'dropped'] as const
const ActionText = z.string().trim().min(1, msg('not-empty')).max(500, msg('at-most-500-characters'))
const ActionOwner = z.string().trim().max(200, msg('at-most-200-characters'))
const ActionDue = z.iso.date({ message: msg('date') })

/** A new action: for a partner and a dimension of a published wave; who does it is text (a role or a name), not an account. */
export const ActionBody = z
  .object({
    waveId: z.string().min(1).max(100),
    partnerId: z.string().min(1).max(100),
    dimension: z.string().min(1).max(100),
    what: ActionText,
    owner: ActionOwner.nullable().optional(),
    due: ActionDue.nullable().optional(),
    status: z.enum(ACTION_STATUSES).default('planned'),
  })
  .strict()

/** A change to an action; its wave, partner and dimension stay (record a new action for another). */
export const ActionPatch = z
  .object({
    what: ActionText.optional(),
    owner: ActionOwner.nullable().optional(),
    due: ActionDue.nullable().optional(),
    status: z.enum(ACTION_STATUSES).optional(),
  })
  .strict()

/** Whether viewers limited to one partner may record that partner's actions. */
export const ActionPolicyBody = z.object({ partnerViewers: z.boolean({ message: msg('true-or-false') }) }).strict()

/** Which actions to list: of one wave and/or partner, or all the reader may see. */
export const ActionsQuery = z.object({
  wave: z.string().min(1).max(100).optional(),
  partner: z.string().min(1).max(100).optional(),
})

/** The agreed actions as CSV: of one wave or all, with the separator and header language of the results' export. */
export const ActionsCsvQuery = ExportQuery.pick({ sep: true, lang: true }).extend({
  wave: z.string().min(1).max(100).optional(),
})

/**
 * What a path parameter may be, by its name in the route: an id the database made (a UUID, or a
 * slug of a name) or a token, in any case at most 100 characters. Longer or empty names nothing
 * that exists, so `valid('param', …)` answers 404 (worker/http/validate.ts) before any lookup.
 */
const PathId = z.string().min(1).max(100)
const PATH_PARAMS = {
  pid: PathId,
  wid: PathId,
  lid: PathId,
  aid: PathId,
  uid: PathId,
  partnerId: PathId,
  token: PathId,
  /** A dimension's key (the results page's answers per question, worker/routes/results-html.tsx). */
  dimension: PathId,
} as const
type PathParamName = keyof typeof PATH_PARAMS

/** The schema of a route's path parameters, read off the route's own path: `pathParams('/:pid/actions/:aid')`. */
export function pathParams<P extends string>(path: P) {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1] as PathParamName)
  for (const name of names) if (!(name in PATH_PARAMS)) throw new Error(`no schema for the path parameter :${name}`)
  return z
    .object(Object.fromEntries(names.map((n) => [n, PATH_PARAMS[n]])) as Record<PathParamName, typeof PathId>)
    .strict()
}
