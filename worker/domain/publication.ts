import type { Instrument, Role } from '../../schema/instrument.ts'
import { dimensionsFor } from './instrument-rules.ts'
import { agreementOf, levelOf, levelVerdict, shown, shownInterval, splitOf, type LevelVerdict } from './levels.ts'
import { allScored, withQuestions, type QuestionCounts } from './question-detail.ts'
import type { RollupCell } from './rollup.ts'
import { icc } from './measurement-quality.ts'
import { sharedItemsOf, sharedKey } from './shared-items.ts'
import { ci95, mean, sampleSd, tCdf, tQuantile, welch, welchCi95, type Moments } from './stats.ts'

/** A rollup cell as publishing reads it (with its question counts, when kept): the wave is the one being published. */
export type Cell = Omit<RollupCell, 'waveId'>

/**
 * `verdict` says whether the data can tell the level at all (worker/domain/levels.ts
 * `levelVerdict`). `level` is the level every view shows, null where the verdict names none: then
 * pages say "level not yet clear" (or, for a split group, "no level: answers within this partner
 * differ too much to name one level") with the mean
 * and interval. Being null there, rather than a band a view might print anyway, is what keeps the
 * heatmap, tables, stand-outs, report and export from naming a level the data cannot tell.
 */
export type Score = {
  n: number
  mean: number
  sd: number | null
  ci95: [number, number] | null
  level: number | null
  /** Rule set 1's dispersion cap lowered the level shown (never where no level is shown). */
  capped: boolean
  /**
   * Agreement of a partner's group on the dimension, by the instrument's rule: the mean item r_wg
   * (worker/domain/levels.ts `agreementOf`, version 2) or the split share (`splitOf`, version 3 on;
   * never printed, only whether it holds the level back). Null for the programme as a whole, for an
   * instrument without the rule, below its minimum group size, or when the publication holds no
   * counts for every item of the dimension (r_wg).
   */
  agreement: number | null
  verdict: LevelVerdict
  /**
   * The programme's design effect on this dimension (`designEffects`), by which its interval was
   * widened: absent for a partner, and for a programme of fewer than MIN_CLUSTERS shown partners.
   */
  designEffect?: number
}
export type CellView = {
  n: number | null
  suppressed: boolean
  hiddenBecause: HiddenBecause | null
  scores: Record<string, Score | null> | null
  /**
   * Staff's score on the questions team managers are also asked, per dimension whose staff
   * questions differ from theirs (worker/domain/shared-items.ts): what the gap is computed on.
   * Absent where the publication keeps none (another role, an instrument without such a
   * dimension, a wave published before they were kept); null where hidden.
   */
  shared?: Record<string, SharedScore | null>
}

/** n, mean and sd of staff's score on the shared questions: what the gap and its Welch interval need, no level. */
export type SharedScore = { n: number; mean: number; sd: number | null }

export const moments = (s: number[] | null | undefined): Moments => ({
  n: s?.[0] ?? 0,
  sum: s?.[1] ?? 0,
  sumsq: s?.[2] ?? 0,
})

/** Adds one cell's per-dimension moments into an accumulator, element by element. */
function addStats(into: Record<string, number[]>, from: Record<string, number[]>): void {
  for (const [key, values] of Object.entries(from)) {
    const acc = (into[key] ??= new Array<number>(values.length).fill(0))
    values.forEach((v, i) => {
      acc[i] = (acc[i] ?? 0) + v
    })
  }
}

/**
 * Mean, spread, interval and level of one dimension in one cell; null below two scored answers'
 * worth of meaning. `design`, a programme's design effect (`designEffects`), widens the interval:
 * the programme's answers come in partners, and answers within a partner are more alike than
 * answers across partners, so they hold less information than as many independent ones. Its half-width
 * is then t(0.975, partners − 1) · sd · √(deff / n): the standard error times √deff, on the degrees
 * of freedom of the partners, which are the units the spread between partners is estimated from.
 */
function scoreOf(
  ins: Instrument,
  m: Moments,
  agreement: number | null,
  design?: Design,
  programme = false,
): Score | null {
  const mu = mean(m)
  if (mu === null) return null
  const sd = sampleSd(m)
  // A score cannot leave the scale, so neither may the interval around it (small, split groups would).
  const half =
    design && sd !== null
      ? (tQuantile(0.975, design.partners - 1) * sd * Math.sqrt(design.deff)) / Math.sqrt(m.n)
      : null
  const ci: [number, number] | null = half === null ? ci95(m) : [mu - half, mu + half]
  const clip = (x: number) => Math.min(ins.scale.max, Math.max(ins.scale.min, x))
  const clippedCi: [number, number] | null = ci ? [clip(ci[0]), clip(ci[1])] : null
  // Mean and interval as shown (levels.ts `shown`, `shownInterval`) decide: two cells that both
  // read "3,4" get the same level, and a reader who sees "3,4–4,1" and the bands can check the verdict.
  //
  // For the programme, n is its effective n, N / deff: MIN_N_FOR_LEVEL was chosen on independent
  // scores, and N clustered ones hold as much as N / deff of them (tests/worker/domain/level-rule.test.ts).
  // Below MIN_CLUSTERS shown partners there is no design effect, and an interval that counts the
  // answers as independent holds the programme's mean in about two programmes of three
  // (tests/worker/domain/programme-interval.test.ts): no programme level is named from it then.
  const verdict: LevelVerdict =
    programme && !design
      ? { level: null, because: 'not-yet-clear' }
      : levelVerdict(ins, shown(mu), clippedCi && shownInterval(clippedCi), design ? m.n / design.deff : m.n, agreement)
  const { level, capped } = levelOf(ins, shown(mu), sd === null ? null : shown(sd))
  const named = verdict.level !== null
  return {
    n: m.n,
    mean: mu,
    sd,
    ci95: clippedCi,
    level: named ? level : null,
    capped: named && capped,
    agreement,
    verdict,
    ...(design === undefined ? {} : { designEffect: design.deff }),
  }
}

/**
 * From this many shown partners on, the programme's interval is widened by its design effect. With
 * fewer, the between-partner variance cannot be estimated usefully (two or three groups), and it
 * would tell a reader limited to one partner more than their own cell: with two other partners of
 * known size, the programme's totals, their own cell and the between-partner sum of squares give
 * the other two partners' means as a pair. From four on, three or more unknown means stand behind
 * the one sum of squares.
 */
export const MIN_CLUSTERS = 4

/** A programme dimension's design effect and the number of shown partners it was estimated from. */
type Design = { deff: number; partners: number }

/**
 * The programme's design effect per dimension (Kish): 1 + (m̄ − 1) · ICC(1), with ICC(1) from the
 * one-way ANOVA of the shown partners' scores on it (worker/domain/measurement-quality.ts `icc`,
 * taken as 0 where negative) and m̄ = Σ nⱼ² / Σ nⱼ, the size-weighted mean partner size, which is
 * the mean partner size when partners are equally large and makes the design effect exact for the
 * respondent-weighted programme mean under a random-intercept model. Only dimensions at least
 * MIN_CLUSTERS shown partners have. Made from the partner cells the programme cell is the sum of,
 * so it holds no hidden group (tests/worker/domain/programme-interval.test.ts).
 */
export function designEffects(pub: RolePublication): Record<string, Design> {
  const out: Record<string, Design> = {}
  const cells = Object.values(pub.partners).filter((c) => c.n !== null && c.stats)
  for (const d of pub.dimensions) {
    const design = designOf(cells.flatMap((c) => (c.stats?.[d] ? [moments(c.stats[d])] : [])))
    if (design) out[d] = design
  }
  return out
}

/** The design effect of a total over these partner groups (`designEffects`), or null below MIN_CLUSTERS of them. */
function designOf(groups: Moments[]): Design | null {
  if (groups.length < MIN_CLUSTERS) return null
  const n = groups.reduce((a, g) => a + g.n, 0)
  const mBar = groups.reduce((a, g) => a + g.n * g.n, 0) / n
  const icc1 = Math.max(0, icc(groups)?.icc1 ?? 0)
  return { deff: 1 + (mBar - 1) * icc1, partners: groups.length }
}

/**
 * Why a cell shows no numbers: fewer than k answer sets (or, for a dimension, scores on it), or,
 * said by the dashboard at read time and never stored in a publication, that the role was not
 * asked of the partner in that wave at all (no link was made for the group: worker/db/links.ts
 * `listAskedGroups`), or, in a partner's trend, that the partner was added after the wave began and
 * took no part in it (`not-partner`: worker/domain/wave-lifecycle.ts `takesPart`): what the lead
 * did, not a count.
 */
export type HiddenBecause = 'few' | 'not-asked' | 'not-partner'

/**
 * One cell as published: its response count and, per dimension shown, the moments behind it
 * ([n, sum, sumsq, level counts…]); a hidden cell has no numbers at all, a hidden dimension null.
 */
export type PublishedCell = {
  n: number | null
  hidden: HiddenBecause | null
  stats: Record<string, number[] | null> | null
  /** Per question, its counts or null when hidden (worker/domain/question-detail.ts); absent in publications made before these were kept. */
  questions?: Record<string, QuestionCounts | null>
  /**
   * Staff only: per dimension whose staff questions differ from team managers', the moments
   * [n, sum, sumsq] of the scores on the shared questions, or null when hidden (`withShared`);
   * no dimension at all where the group's rollup did not keep them for every answer set (a
   * publication stored before that rule holds each dimension null there); absent in publications
   * made before they were kept, and for other roles.
   */
  shared?: Record<string, number[] | null>
  /**
   * The programme cell only: its design effect per dimension (`designEffects`), worked out from the
   * shown partner cells whenever a publication is made or read (worker/db/publications.ts), so
   * every wave gets today's rule.
   */
  design?: Record<string, Design>
}
/** One role's part of a wave's publication: the programme as a whole and each partner that took part. */
export type RolePublication = {
  dimensions: string[]
  programme: PublishedCell
  partners: Record<string, PublishedCell>
}
/** What a closed wave shows, decided once for every reader (README, "Threat model"). */
export type Publication = { k: number; roles: Partial<Record<Role, RolePublication>> }

/**
 * One role's publication. A partner's cell is shown from k answer sets on, and within it each
 * dimension from k scores on. The programme as a whole is the sum of what is shown, nothing
 * more: a hidden group is in no published number, so no total minus the shown cells can give it
 * away, whatever the reader knows about the other hidden groups. (Leaving hidden groups in the
 * total, with complementary suppression, held only while the reader knew none of them: a lead
 * who answers a whole invented group of k could subtract it.) The same for every reader: a
 * restricted reader is given a subset of these cells.
 */
export function publishRole(
  ins: Instrument,
  partnerIds: string[],
  cells: Cell[],
  role: Role,
  k: number,
): RolePublication {
  const byPartner = new Map(cells.filter((c) => c.role === role).map((c) => [c.partnerId, c]))
  // Only what this role was asked: another role's dimensions are not "too few answers" here.
  const dimensions = dimensionsFor(ins, role)
  const total: Record<string, number[]> = {}
  let totalN = 0
  const partners: Record<string, PublishedCell> = {}
  for (const id of partnerIds) {
    const cell = byPartner.get(id)
    if (!cell || cell.n < k) {
      partners[id] = { n: null, hidden: 'few', stats: null }
      continue
    }
    const stats: Record<string, number[] | null> = {}
    for (const d of dimensions) {
      const m = cell.stats[d]
      stats[d] = m && moments(m).n >= k ? [...m] : null
      if (stats[d]) addStats(total, { [d]: stats[d]! })
    }
    partners[id] = { n: cell.n, hidden: null, stats }
    totalN += cell.n
  }
  const programme: PublishedCell =
    totalN === 0
      ? { n: null, hidden: 'few', stats: null }
      : { n: totalN, hidden: null, stats: Object.fromEntries(dimensions.map((d) => [d, total[d] ?? null])) }
  return withDesign({ dimensions, programme, partners })
}

/** The role publication with its programme cell's design effects set (`designEffects`), where it has any. */
export function withDesign(pub: RolePublication): RolePublication {
  if (pub.programme.n === null) return pub
  const design = designEffects(pub)
  const { design: _old, ...programme } = pub.programme
  return { ...pub, programme: Object.keys(design).length > 0 ? { ...programme, design } : programme }
}

/** A wave's publication for every role its instrument has. */
export function publishWave(ins: Instrument, partnerIds: string[], cells: Cell[], k: number): Publication {
  return {
    k,
    roles: Object.fromEntries(
      ins.roles.map((role) => [
        role,
        withShared(
          ins,
          role as Role,
          withQuestions(ins, role as Role, publishRole(ins, partnerIds, cells, role as Role, k), cells, k),
          cells,
          k,
        ),
      ]),
    ),
  }
}

/**
 * Adds to staff's publication the moments of their scores on the questions team managers are also
 * asked (worker/domain/shared-items.ts), under the dimension's own suppression and one rule more.
 * A partner's shared moment [n, sum, sumsq] is shown only where (1) the cell and the dimension are
 * shown (k answer sets, k scores), (2) k or more staff have a shared score, and (3) every question
 * of the dimension that team managers are not asked shows its counts in the cell (k answers on
 * the scale, worker/domain/question-detail.ts `publishQuestions`); else null. The programme's is
 * the sum of the partners' shown ones, nothing more, as for every total.
 *
 * Why (3): the two moments of one group are two equations over the same answer sets. For a
 * respondent who answered all five of autonomie's questions, 5 × whole score − 4 × shared score is
 * their answer to autonomie_5 (reversed), so 5 × sum − 4 × shared sum is the group's sum on that
 * question, and with "don't know" in the mix a weighted sum of it. Where the question's counts are
 * shown, that sum is in the published counts already; where they are hidden (fewer than k answered
 * it), the equation would give the few answers the counts hide: one colleague's autonomie_5 when
 * only they answered it. So the shared moment is published only beside the counts it could be
 * solved against, and the equation's first moment then adds nothing to them
 * (tests/worker/anonymity/shared-items.test.ts solves it both ways). The sums of squares add one
 * number per group and dimension that the counts do not hold, Σ shared × whole (equally, Σ of the
 * shared sum × autonomie_5): a second moment of the group's scores over the same k or more answer
 * sets, the kind of number each dimension's own sum of squares already is (its Σ over pairs of
 * questions of xᵢxⱼ), never one person's answer; the Welch interval of the gap cannot do without it.
 *
 * Only where every answer set of the cell was counted with it: a group counted partly before the
 * moment was kept (its `@items` count, worker/domain/rollup.ts `cellDelta`, short of n) shows
 * none, so the two moments are always over the same answer sets. Nothing is added where the
 * instrument has no such dimension, or for another role.
 */
export function withShared(
  ins: Instrument,
  role: Role,
  pub: RolePublication,
  cells: Cell[],
  k: number,
): RolePublication {
  const dims = role === 'medewerker' ? sharedItemsOf(ins).filter((s) => pub.dimensions.includes(s.dimension)) : []
  const byPartner = new Map(cells.filter((c) => c.role === role).map((c) => [c.partnerId, c]))
  const kept = (c: Cell) => dims.every((s) => c.stats[sharedKey(s.dimension)]) && c.stats['@items']?.[0] === c.n
  const shownCells = Object.entries(pub.partners).filter(([, p]) => p.n !== null && p.stats)
  // A publication of rollups that never kept it (a wave answered before) stays as it was.
  if (dims.length === 0 || !shownCells.some(([id]) => byPartner.get(id) && kept(byPartner.get(id)!))) return pub
  const partners: Record<string, PublishedCell> = { ...pub.partners }
  const total: Record<string, number[] | null> = Object.fromEntries(dims.map((s) => [s.dimension, null]))
  for (const [id, published] of shownCells) {
    const cell = byPartner.get(id)!
    const shared: Record<string, number[] | null> = {}
    // A cell whose rollup did not keep shared scores for every answer set names no dimension at
    // all, so that a reader can tell "not kept for this wave" from "hidden" (a dimension's null).
    if (!kept(cell)) {
      partners[id] = { ...published, shared }
      continue
    }
    for (const s of dims) {
      const m = cell.stats[sharedKey(s.dimension)]
      const show =
        published.stats![s.dimension] != null &&
        m !== undefined &&
        moments(m).n >= k &&
        s.staffOnly.every((q) => published.questions?.[q.name] != null)
      shared[s.dimension] = show ? m!.slice(0, 3) : null
      if (show) total[s.dimension] = (total[s.dimension] ?? [0, 0, 0]).map((x, i) => x + m![i]!)
    }
    partners[id] = { ...published, shared }
  }
  return { ...pub, partners, programme: pub.programme.n === null ? pub.programme : { ...pub.programme, shared: total } }
}

/**
 * What a published cell shows: scores derived from its moments, and agreement from its question
 * counts, by today's code, at read time (the publication keeps only moments and counts, fixed
 * when the wave closed). So a rule change shows in every wave read after it, within what each
 * wave's instrument file says: a version-1 wave keeps its dispersion cap, a version-2 wave has
 * the agreement rule.
 *
 * Agreement is a partner's: the programme as a whole (`group` "programme") is not one group of
 * people rating one manager, and its spread holds the real differences between partners (ICC,
 * the measurement-quality view), which are findings, not disagreement. It is made only from the
 * counts this cell publishes: a hidden cell has no scores, and a hidden item leaves the agreement
 * of its dimension unknown, so no hidden number goes into it.
 */
export function cellView(
  ins: Instrument,
  cell: PublishedCell | undefined,
  group: 'partner' | 'programme' = 'partner',
): CellView {
  if (!cell || cell.n === null || !cell.stats)
    return { n: null, suppressed: true, hiddenBecause: cell?.hidden ?? 'few', scores: null }
  const questions = cell.questions
  const agreement = (d: string, stats: number[]): number | null => {
    if (group !== 'partner' || !ins.agreement) return null
    // The split rule reads the dimension's level counts (`splitOf`), which every shown score has.
    if (ins.agreement.index === 'band_split') return splitOf(ins, stats.slice(3))
    if (!questions) return null
    // The cell's questions are its role's: the dimension's items are those of them that map to it.
    const items = allScored(ins).filter((q) => q.dimension === d && q.name in questions)
    return agreementOf(
      ins,
      items.map((q) => questions[q.name]),
    )
  }
  const scores: Record<string, Score | null> = {}
  // The programme's interval widened by its design effect (`designEffects`); a partner's is its own.
  const deff = (d: string) => (group === 'programme' ? cell.design?.[d] : undefined)
  for (const [d, stats] of Object.entries(cell.stats))
    scores[d] = stats ? scoreOf(ins, moments(stats), agreement(d, stats), deff(d), group === 'programme') : null
  if (!cell.shared) return { n: cell.n, suppressed: false, hiddenBecause: null, scores }
  const shared: Record<string, SharedScore | null> = {}
  for (const [d, m] of Object.entries(cell.shared)) {
    const mu = m ? mean(moments(m)) : null
    shared[d] = m && mu !== null ? { n: m[0]!, mean: mu, sd: sampleSd(moments(m)) } : null
  }
  return { n: cell.n, suppressed: false, hiddenBecause: null, scores, shared }
}

/** How a read makes a published cell's view: `cellView` itself, or `cellViews()`, which makes each once. */
export type ViewOf = (ins: Instrument, cell: PublishedCell | undefined, group?: 'partner' | 'programme') => CellView

/**
 * `cellView` that makes each published cell's view once, for one read: the dashboard views every
 * cell of three roles and the stand-outs view most of them again (BENCHMARKS.md, "The results API
 * in parts"). Made per read, not kept in the module: a view is cached by the cell object, so a
 * caller that changed a cell after viewing it would get the old view; within one read nothing
 * changes a publication (worker/services/results-service.ts `resultsFor` only reads it). The
 * views it hands out are shared, so a caller must not change them either.
 */
export function cellViews(): ViewOf {
  const made = new WeakMap<PublishedCell, Map<Instrument, Partial<Record<'partner' | 'programme', CellView>>>>()
  return (ins, cell, group = 'partner') => {
    // No cell: a fresh "hidden" view, cheap and with nothing to key on.
    if (!cell) return cellView(ins, cell, group)
    let byIns = made.get(cell)
    if (!byIns) made.set(cell, (byIns = new Map()))
    let byGroup = byIns.get(ins)
    if (!byGroup) byIns.set(ins, (byGroup = {}))
    return (byGroup[group] ??= cellView(ins, cell, group))
  }
}

/**
 * A change of one dimension between two waves: the difference of the means and its test. For a
 * partner that is Welch's test. For the programme as a whole it is the same test on the model the
 * programme's interval rests on (`clusteredChange`): each wave's variance sd² · deff / N with that
 * wave's design effect (`designEffects`), on the partners' degrees of freedom. Without a test,
 * never significant: when the partners its total holds differ between the two waves
 * (`partnersChanged`: a partner shown in one wave and hidden in the other, or taking part in one
 * only, moves the total by who is in it, not by what changed), or when either wave has fewer than
 * MIN_CLUSTERS shown partners on it (`fewPartners`: no design effect, and a test that counts the
 * answers as independent ones calls a change real far too often, tests/worker/domain/programme-trend.test.ts).
 * README, "Levels and agreement". Null where either side is hidden, too small or not comparable.
 */
export type Change =
  /**
   * `margin`: the half-width of the change's 95% interval, by the same test (diff ± margin excludes 0
   * exactly when `significant`), so a change without an arrow can say how far chance reaches.
   */
  | {
      diff: number
      p: number
      significant: boolean
      margin: number
      partnersChanged?: undefined
      fewPartners?: undefined
    }
  | {
      diff: number
      p: null
      significant: false
      partnersChanged: true
      fewPartners?: undefined
      /** The same test over the partners shown in both waves alone (`matchedChange`), where there are MIN_CLUSTERS of them. */
      matched?: Matched
    }
  | { diff: number; p: null; significant: false; partnersChanged?: undefined; fewPartners: true }
  | null

/**
 * The partners a role's programme total holds for one dimension: those whose cell shows it
 * (`publishRole` sums exactly these). Read off the publication, so a reader learns from it only
 * which cells are shown, which the publication says to every reader.
 */
function partnersBehind(pub: RolePublication | undefined, dimension: string): string[] {
  if (!pub) return []
  return Object.keys(pub.partners)
    .filter((id) => showsScore(pub, id, dimension))
    .sort()
}

/**
 * Whether a role's publication shows the partner's score on the dimension: its cell is shown and
 * the dimension within it. The one test of what a programme total, a matched change and an agreed
 * action may be made of or about (worker/services/action-service.ts).
 */
export function showsScore(pub: RolePublication | undefined, partnerId: string, dimension: string): boolean {
  const cell = pub?.partners[partnerId]
  return cell !== undefined && cell.n !== null && cell.stats?.[dimension] != null
}

/** Whether the programme totals of two waves' role publications hold other partners for `dimension`. */
export function partnersChangedBetween(
  prev: RolePublication | undefined,
  next: RolePublication | undefined,
  dimension: string,
): boolean {
  const a = partnersBehind(prev, dimension)
  const b = partnersBehind(next, dimension)
  return a.length !== b.length || a.some((id, i) => id !== b[i])
}

/**
 * Where the programme's total holds other partners in two waves, its change over the partners
 * shown in both alone: each wave's total of those partners' shown cells, tested as the programme's
 * change is (`clusteredChange`, with the design effect of those partners, `designOf`). With 40
 * partners one of them hidden in either wave left every programme change untested (a lead's
 * walk-through). Made of shown cells only, a sum any reader of both waves can add up from them, so
 * it holds no hidden group. `from` and `to` are those partners' means, which the trend shows
 * beside it, so the change is theirs. Null below MIN_CLUSTERS such partners.
 */
export type Matched = {
  partners: number
  from: number
  to: number
  diff: number
  p: number
  significant: boolean
  margin: number
}
export function matchedChange(
  prev: RolePublication | undefined,
  next: RolePublication | undefined,
  dimension: string,
): Matched | null {
  if (!prev || !next) return null
  const later = new Set(partnersBehind(next, dimension))
  // In the publication's own order, as its total and design effect are summed: in the order of
  // the ids, sums of the same cells differed in their last bits between two programmes alike but
  // for their ids (tests/worker/anonymity/twins-margin.test.ts).
  const behind = new Set(partnersBehind(prev, dimension))
  const both = Object.keys(prev.partners).filter((id) => behind.has(id) && later.has(id))
  const groupsOf = (pub: RolePublication) => both.map((id) => moments(pub.partners[id]!.stats![dimension]))
  const [was, now] = [groupsOf(prev), groupsOf(next)]
  const [before, after] = [designOf(was), designOf(now)]
  if (!before || !after) return null
  const total = (gs: Moments[]) => ({
    n: gs.reduce((a, g) => a + g.n, 0),
    sum: gs.reduce((a, g) => a + g.sum, 0),
    sumsq: gs.reduce((a, g) => a + g.sumsq, 0),
  })
  const [a, b] = [total(was), total(now)]
  const t = clusteredChange(a, b, before.deff, after.deff, both.length)
  if (!t) return null
  return {
    partners: both.length,
    from: a.sum / a.n,
    to: b.sum / b.n,
    diff: t.diff,
    p: t.p,
    significant: t.p < 0.05,
    margin: t.half,
  }
}

/**
 * The test of a programme's change: diff / √(sd²ₐ · deffₐ / Nₐ + sd²ᵦ · deffᵦ / Nᵦ) against t on
 * J − 1 degrees of freedom, J the shown partners (the same in both waves, as `partnersChanged`
 * rules out any other). Each wave's variance is the one its interval uses (`scoreOf`), so the
 * trend calls a change real only where the two waves' intervals, as widened, leave room for it.
 * Partner effects that differ from wave to wave move the programme's mean without any change in
 * the programme, and the design effect is what holds them; Welch's test on the totals ignores them
 * (tests/worker/domain/programme-trend.test.ts). Made from the programme's published moments and
 * design effects only, which are worked out from shown partner cells.
 */
export function clusteredChange(
  was: Moments,
  now: Moments,
  wasDesign: number,
  nowDesign: number,
  partners: number,
): { diff: number; t: number; df: number; p: number; half: number } | null {
  const sdA = sampleSd(was)
  const sdB = sampleSd(now)
  if (sdA === null || sdB === null || partners < 2) return null
  const diff = now.sum / now.n - was.sum / was.n
  const se2 = (sdA * sdA * wasDesign) / was.n + (sdB * sdB * nowDesign) / now.n
  const df = partners - 1
  if (se2 === 0)
    return diff === 0
      ? { diff, t: 0, df, p: 1, half: 0 }
      : { diff, t: diff > 0 ? Infinity : -Infinity, df, p: 0, half: 0 }
  const t = diff / Math.sqrt(se2)
  return { diff, t, df, p: 2 * (1 - tCdf(Math.abs(t), df)), half: tQuantile(0.975, df) * Math.sqrt(se2) }
}

/** Welch's test with the half-width of the interval it inverts (stats.ts `welchCi95`). */
function welchTest(a: Moments, b: Moments): { diff: number; p: number; half: number } | null {
  const t = welch(a, b)
  const ci = welchCi95(a, b)
  return t && ci ? { diff: t.diff, p: t.p, half: ci.half } : null
}

/**
 * The test per dimension between two visible cells; null where either side is hidden or too
 * small. `programme` is given for the programme's cells: its `partnersChanged` marks the
 * dimensions whose totals hold other partners in the two waves, and the rest are tested by
 * `clusteredChange` where both waves' programme cells have a design effect on them (`design`,
 * the published cells' `design`), else not at all (`Change`).
 */
export function changeBetween(
  prev: CellView,
  next: CellView,
  comparable: (dimension: string) => boolean,
  stats: { prev: Record<string, number[] | null>; next: Record<string, number[] | null> },
  programme?: {
    partnersChanged: (dimension: string) => boolean
    design: { prev: Record<string, Design> | undefined; next: Record<string, Design> | undefined }
    /** Over the partners shown in both waves (`matchedChange`): the trend and the stand-outs give it to a reader who sees every partner. */
    matched?: (dimension: string) => Matched | null
  },
): Record<string, Change> | null {
  if (prev.suppressed || next.suppressed || !prev.scores || !next.scores) return null
  const change: Record<string, Change> = {}
  for (const d of Object.keys(next.scores)) {
    const was = prev.scores[d]
    const now = next.scores[d]
    if (!was || !now || !comparable(d)) {
      change[d] = null
      continue
    }
    if (programme?.partnersChanged(d)) {
      const matched = programme.matched?.(d)
      change[d] = {
        diff: now.mean - was.mean,
        p: null,
        significant: false,
        partnersChanged: true,
        ...(matched ? { matched } : {}),
      }
      continue
    }
    const before = programme?.design.prev?.[d]
    const after = programme?.design.next?.[d]
    if (programme && (!before || !after)) {
      change[d] = { diff: now.mean - was.mean, p: null, significant: false, fewPartners: true }
      continue
    }
    const a = moments(stats.prev[d])
    const b = moments(stats.next[d])
    const t =
      before && after
        ? clusteredChange(a, b, before.deff, after.deff, Math.min(before.partners, after.partners))
        : welchTest(a, b)
    change[d] = t ? { diff: t.diff, p: t.p, significant: t.p < 0.05, margin: t.half } : null
  }
  return change
}
