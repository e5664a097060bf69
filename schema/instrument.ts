import { z } from 'zod'

/** Roles a collector link can carry, in the words SQL, API and pages use alike (README.md, "Instruments"). */
export const ROLES = ['medewerker', 'teammanager', 'tactisch'] as const
export type Role = (typeof ROLES)[number]

/** A string in every locale. Both are required: a missing translation is an error, not a fallback. */
export const Text = z.object({ nl: z.string().trim().min(1), en: z.string().trim().min(1) }).strict()
export type Text = z.infer<typeof Text>

const Key = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _ only')

/** The level a rater rates: itself, or the team manager or tactical management above it. */
const RATED_LEVELS = ['self', 'teammanager', 'tactisch'] as const
export const RatedLevel = z.enum(RATED_LEVELS)
export type RatedLevel = z.infer<typeof RatedLevel>

export const Dimension = z
  .object({
    key: Key,
    label: Text,
    description: Text,
    /** On the radar (in surveys/coachende-manager.v1.json the first eight) or reported beside it as a separate indicator. */
    radar: z.boolean(),
    /**
     * Who answers this dimension, and about whom: role → the management level it rates
     * ("self" for a self-rating). A role rates only what it can observe, so this is data in the
     * file rather than an accident of which wordings exist: every item of the dimension a role is
     * worded is about this target. Required from rule set 2 on; from rule set 3 on the target must
     * be one the file's `observes` lists for the role.
     */
    raters: z.partialRecord(z.enum(ROLES), RatedLevel).optional(),
  })
  .strict()
export type Dimension = z.infer<typeof Dimension>

export const Level = z
  .object({
    level: z.number().int().min(1),
    name: Text,
    /** Score band: `from` inclusive, `to` exclusive, except the top band, which includes the scale maximum. */
    from: z.number(),
    to: z.number(),
    /** What the level means overall. */
    description: Text,
    /** One line per dimension key, so a level means the same thing from wave to wave. */
    behaviour: z.record(z.string(), Text),
    /**
     * What the level means for a role whose conduct differs from a team manager's (from version 4:
     * tactical management, which rates itself on its own level's items), shown on that role's view
     * in place of `description` (worker/domain/wave-results.ts `levelsFor`).
     */
    descriptionFor: z.partialRecord(z.enum(ROLES), Text).optional(),
    /** Per role, behaviour lines in place of `behaviour`'s for the dimensions named (see `descriptionFor`). */
    behaviourFor: z.partialRecord(z.enum(ROLES), z.record(z.string(), Text)).optional(),
  })
  .strict()
export type Level = z.infer<typeof Level>

/** Wording of a question per role; a role without wording is not asked the question. */
const Wording = z
  .object({ medewerker: Text.optional(), teammanager: Text.optional(), tactisch: Text.optional() })
  .strict()

/** A scored item: rated on the instrument's scale, with "don't know" allowed. */
export const ScoredQuestion = z
  .object({
    type: z.literal('radiogroup'),
    name: Key,
    dimension: Key,
    /** Agreeing is the undesired pole (e.g. "my manager wants to decide every chain issue"); scored max+min−x. */
    reverse: z.boolean().default(false),
    /** The narrower behaviour within the dimension this item samples (e.g. `loslaten` within `autonomie`); for reading, not scored. */
    facet: Key.optional(),
    wording: Wording,
  })
  .strict()
export type ScoredQuestion = z.infer<typeof ScoredQuestion>

/** Free text is refused unless marked sensitive; a sensitive answer is never shown per partner or role. */
const TextQuestion = z
  .object({
    type: z.enum(['comment', 'text']),
    name: Key,
    sensitive: z.boolean().optional(),
    wording: Wording,
  })
  .strict()

export const Question = z.discriminatedUnion('type', [ScoredQuestion, TextQuestion])
export type Question = z.infer<typeof Question>

export const Page = z
  .object({
    name: Key,
    title: Text,
    description: Text.optional(),
    /**
     * A role's own page text in place of `description` (from version 4: staff's first page says
     * who "mijn leidinggevende" is, which a team manager on the same page is not asked about).
     */
    descriptionFor: z.partialRecord(z.enum(ROLES), Text).optional(),
    elements: z.array(Question).min(1),
  })
  .strict()
export type Page = z.infer<typeof Page>

export const Scale = z
  .object({
    min: z.number().int(),
    max: z.number().int(),
    /** One label per scale point, from min to max. */
    labels: z.array(Text),
    /** "weet ik niet / n.v.t.": allowed as an answer, left out of every score. */
    dontKnow: z.object({ value: z.literal('nvt'), label: Text }).strict(),
    /**
     * How to answer, shown in the survey's intro before the first question (worker/pages/survey-page.tsx):
     * what the midpoint means and which option a respondent picks when something did not happen.
     * Each page repeats the midpoint's meaning in its own text, and from version 5 the guide in brief
     * (`pageReminder`); the whole guide on every page put a page's first question below the fold on
     * a phone (tests/e2e/first-minute.test.ts).
     * Part of the scale, so a version that changes it compares nothing with one that did not
     * (`comparableDimensions`): every answer then means something else. Required from rule set 4 on.
     */
    guide: Text.optional(),
    /**
     * The guide in brief, which every page's text carries (from version 5): the midpoint's meaning,
     * and that a behaviour which never happens is answered with disagreement, not "weet ik niet /
     * n.v.t.". Given once in the intro, the guide was forgotten by the later pages, where staff chose
     * "n.v.t." for a manager who never does something and so left out the low answers. Required, and
     * quoted on every page, from rule set 5 on (worker/domain/instrument-guidance.ts).
     */
    pageReminder: Text.optional(),
  })
  .strict()
export type Scale = z.infer<typeof Scale>

/**
 * The agreement rule: the mean single-item r_wg of a partner's group over a dimension's items
 * (`"index": "rwg_mean"`), each item's variance against the uniform null of the answer scale
 * ("weet ik niet" left out), from `minGroupSize` answers on every item; below `threshold` the
 * group's level is not named. The validator (worker/domain/instrument-rules.ts) holds `threshold` in
 * (0, 1] and `minGroupSize` at or above the size the simulation in
 * tests/worker/domain/agreement-rule.test.ts justifies. Files once named r_wg(j) here
 * (`"rwg_j"`, threshold .70): it let a two-camp split pass on four or five items.
 */
const RwgMean = z
  .object({
    index: z.literal('rwg_mean'),
    null: z.literal('uniform'),
    minGroupSize: z.number().int(),
    threshold: z.number(),
  })
  .strict()
/**
 * The split rule (`"index": "band_split"`, from version 3 on): a partner's group is split on a
 * dimension where, for some level band b between the first and the last, at least `flank` of its
 * person scores lie in the bands below b and at least `flank` in the bands above b while at most
 * `middle` lie in b itself: two camps with a gap between them, read off the level counts each
 * cell keeps (worker/domain/rollup.ts). From `minGroupSize` scores on. The mean item r_wg it
 * replaced fell below .50 wherever an item's SD passed 1.0, the ordinary spread of a five-point item,
 * most often at the middle of the scale (tests/worker/domain/split-rule.test.ts gives the figures).
 */
const BandSplit = z
  .object({
    index: z.literal('band_split'),
    minGroupSize: z.number().int(),
    flank: z.number(),
    middle: z.number(),
  })
  .strict()
export const Agreement = z.discriminatedUnion('index', [RwgMean, BandSplit])
export type Agreement = z.infer<typeof Agreement>

export const InstrumentFile = z
  .object({
    id: Key.or(z.string().regex(/^[a-z][a-z0-9-]*$/)),
    version: z.number().int().min(1),
    /**
     * Which validator rule set the file was written to (worker/domain/instrument-rules.ts). Absent means
     * 1: a version answered by a wave is frozen, so files written before the stricter rules keep
     * loading under the rules they were written to, and a new file opts in to the stricter ones.
     */
    rules: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).default(1),
    title: Text,
    description: Text,
    scale: Scale,
    roles: z.array(z.enum(ROLES)).min(1),
    /**
     * Whom each role can observe and so may rate: staff see their own team manager, a team manager
     * sees themselves and the tactical management above them, a tactical manager sees themselves.
     * A dimension's `raters` may name for a role only a level listed here. Required from rule set 3 on.
     */
    observes: z.partialRecord(z.enum(ROLES), z.array(RatedLevel).min(1)).optional(),
    dimensions: z.array(Dimension).min(1),
    levels: z.array(Level).min(1),
    /**
     * A respondent's dimension score needs at least numerator/denominator of the items the role is
     * asked to be answered (not "don't know"); kept as a fraction so 2 of 3 is exact. Absent: half,
     * the rule the first version was scored by. Required from rule set 2 on.
     */
    minAnswered: z
      .object({ numerator: z.number().int().min(1), denominator: z.number().int().min(1) })
      .strict()
      .optional(),
    /**
     * Rule set 1 only (version 1 was published with it): a cell whose standard deviation exceeds
     * `sdAbove` cannot reach a level above `maxLevel`. Replaced by `agreement` from rule set 2 on.
     */
    dispersionCap: z
      .object({ sdAbove: z.number().positive(), maxLevel: z.number().int().min(1) })
      .strict()
      .optional(),
    /**
     * When a partner's group agrees too little for its mean to describe the group, no level is
     * named (worker/domain/levels.ts `agreementOf`, `levelVerdict`). Required from rule set 2 on.
     */
    agreement: Agreement.optional(),
    /** SurveyJS-shaped pages; the Worker turns them into plain SurveyJS JSON per role. */
    survey: z.object({ pages: z.array(Page).min(1) }).strict(),
  })
  .strict()
export type Instrument = z.infer<typeof InstrumentFile>
