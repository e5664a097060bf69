import { toMinute, waveToMinute } from '../../schema/format.ts'
import type { Instrument, Role } from '../../schema/instrument.ts'
import { surveyJsFor } from '../domain/instrument-rules.ts'
import { canonicalAnswers, scoreAnswers, validateAnswers, type Answers, type Scores } from '../domain/scoring.ts'
import { waveState } from '../domain/wave-lifecycle.ts'
import { sha256Hex, TOKEN_PATTERN } from '../db/ids.ts'
import { findLink, type LinkTarget } from '../db/links.ts'
import { readResponse, storeClaimedResponse, storeResponse, type StoredResponse } from '../db/responses.ts'
import { findInstrument } from './instrument-catalogue.ts'
import { refuse, type Refusal } from './refusal.ts'
import { forgetLinks, groupClosedFor, openLink, unknownLink } from './link-service.ts'

/**
 * Taking part: the survey a link opens, and storing an answer set once (claim, replay, store,
 * race). worker/routes/survey-api.ts only reads the request and answers with what this returns.
 */

/** What a submission came to: stored now (201), or the same answer set stored before (200). */
type Submitted = { id: string; stored: boolean }

/** The rate limiter's verdict for a submission, asked by the caller (worker/http/ratelimit.ts): a refusal, or null. */
type SubmitLimit = () => Promise<Refusal | null>

function gone(state: 'planned' | 'closed', wave: { opensAt: string; closesAt: string }): Refusal {
  // To the minute, as every answer gives a wave's moments (schema/format.ts `waveToMinute`).
  const shown = waveToMinute(wave)
  return state === 'closed'
    ? refuse('survey-closed', { closesAt: shown.closesAt })
    : refuse('survey-not-open', { opensAt: shown.opensAt })
}

const groupError = (why: 'complete' | 'uncounted') =>
  why === 'complete' ? refuse('group-complete') : refuse('group-uncounted')

/**
 * Whether the link `token` may be answered now, decided once for the survey page
 * (worker/routes/survey-html.tsx) and the API (`surveyOf`): the link and its instrument when its
 * wave is open and its group takes answers; else the refusal (unknown link, closed or not yet open
 * wave, complete or uncounted group).
 */
export async function answerableLink(
  db: D1Database,
  token: string,
): Promise<{ link: LinkTarget; instrument: Instrument }> {
  const { link, instrument, state } = await openLink(db, token)
  if (state !== 'open') throw gone(state, link.wave)
  const closedFor = groupClosedFor(link)
  if (closedFor) throw groupError(closedFor)
  return { link, instrument }
}

/** The survey behind a link, for the respondent's script: only while its wave is open and its group takes answers. */
export async function surveyOf(db: D1Database, token: string) {
  const { link, instrument } = await answerableLink(db, token)
  return {
    instrument: surveyJsFor(instrument, link.role),
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    wave: link.wave.label,
    partner: link.partner.name,
    role: link.role,
    closesAt: toMinute(link.wave.closesAt),
  }
}

/**
 * Stores one answer set for the link `token`, once. A submission that says what it answered and
 * holds for it takes one round trip (`submitClaimed`); any other reads the link first.
 */
export async function submitResponse(
  db: D1Database,
  token: string,
  body: { id: string; answers: unknown; instrument?: string; version?: number; role?: Role },
  limit: SubmitLimit,
): Promise<Submitted> {
  const claimed = TOKEN_PATTERN.test(token) ? claimOf(body) : null
  if (claimed) {
    // The limiter before the batch: a submission past it is not stored (the survey keeps the
    // answers and asks to wait). It is asked now, and the token's hash and the batch's statements
    // are made while it answers (BENCHMARKS.md, "A submission's cost (2026-12-07)").
    const answered = await submitClaimed(db, token, claimed, body.id, limit())
    if (answered) return answered
  }
  return submitReadingLink(db, token, body, claimed ? async () => null : limit)
}

/** The first result for an id, whatever the retry: 200 when the same answers come again, 409 when others do. */
async function replay(db: D1Database, link: LinkTarget, id: string, answers: string): Promise<Submitted | null> {
  const stored = await readResponse(db, id)
  return stored
    ? replayOf({ waveId: link.wave.id, partnerId: link.partner.id, role: link.role }, stored, id, answers)
    : null
}

function replayOf(
  cell: { waveId: string; partnerId: string; role: string },
  stored: StoredResponse,
  id: string,
  answers: string,
): Submitted {
  if (
    stored.waveId !== cell.waveId ||
    stored.partnerId !== cell.partnerId ||
    stored.role !== cell.role ||
    stored.answers !== answers
  ) {
    throw refuse('response-id-used')
  }
  return { id, stored: false }
}

/**
 * A submission that says what it answered (instrument, version, role: what the survey page
 * served), with answers valid and scored for it: stored in one round trip, without reading the
 * link first (worker/db/responses.ts, storeClaimedResponse). When nothing was stored, what the
 * statement found gives the answer a request that read the link first would have given, in the
 * same order: unknown or withdrawn link, then a retry of an id already stored, then a closed
 * wave, then a full group. Null when the claim does not hold for the link (another role, or the
 * wave's instrument version is not the one answered): the caller then reads the link and checks
 * the answers against what it names, as for a submission that claims nothing. `limited` is the
 * rate limiter's verdict, asked by the caller and awaited before the batch is sent: a refusal
 * stores nothing.
 */
async function submitClaimed(
  db: D1Database,
  token: string,
  { claim, answers, scores }: { claim: { instrument: Instrument; role: Role }; answers: Answers; scores: Scores },
  id: string,
  limited: Promise<Refusal | null>,
): Promise<Submitted | null> {
  const result = await storeClaimedResponse(db, claim, await sha256Hex(token), id, answers, scores, async () => {
    const refusal = await limited
    if (refusal) throw refusal
  })
  if (result.stored) return { id, stored: true }
  const { link, earlier } = result.finding
  if (!link || link.revoked) throw unknownLink()
  if (earlier) return replayOf(link, earlier, id, canonicalAnswers(answers))
  if (
    link.role !== claim.role ||
    link.instrument !== claim.instrument.id ||
    link.instrumentVersion !== claim.instrument.version
  )
    return null
  if (link.state !== 'open' || link.published) throw gone(link.state === 'planned' ? 'planned' : 'closed', link)
  const why = groupClosedFor(link)
  if (why) throw groupError(why)
  // Every condition of the statement held when it was asked again, in the same transaction: not expected.
  throw new Error('storeClaimedResponse stored nothing, yet found the link open and its group not complete')
}

/**
 * The claim a submission makes (instrument, version, role), when the answers are valid and
 * scored for it; null otherwise, and then the link is read first: which answer an invalid set
 * gets (404, 410, 400, a replay) depends on the link, as it always has.
 */
function claimOf(body: { answers: unknown; instrument?: string; version?: number; role?: Role }) {
  if (body.instrument === undefined || body.version === undefined || body.role === undefined) return null
  const instrument = findInstrument(body.instrument, body.version)
  if (!instrument?.roles.includes(body.role)) return null
  const checked = validateAnswers(instrument, body.role, body.answers)
  if (!checked.ok) return null
  const scores = scoreAnswers(instrument, body.role, checked.answers)
  if (Object.values(scores).every((score) => score === null)) return null
  return { claim: { instrument, role: body.role }, answers: checked.answers, scores }
}

/** A submission checked against the link it names, read first (from this isolate's cache when it can be). */
async function submitReadingLink(
  db: D1Database,
  token: string,
  body: { id: string; answers: unknown },
  limit: SubmitLimit,
): Promise<Submitted> {
  // The limiter counts only what would be stored: a set refused for its answers, its link or its
  // wave spends no budget, so it is no free probe of a counter others move (a claimed submission
  // read again here has asked the limiter already, and passes a limit that says yes).
  const { link, instrument, state } = await openLink(db, token)
  const checked = validateAnswers(instrument, link.role, body.answers)
  if (state !== 'open' || !checked.ok) {
    // A retry of an acknowledged submission is answered as before, even after closing, so nothing
    // acknowledged looks lost. On the happy path the batch's primary key does this check instead.
    const earlier = await replay(db, link, body.id, checked.ok ? canonicalAnswers(checked.answers) : '')
    if (earlier) return earlier
    if (state !== 'open') throw gone(state, link.wave)
  }
  if (!checked.ok) throw refuse('invalid-answers', { problems: checked.problems })
  const scores = scoreAnswers(instrument, link.role, checked.answers)
  if (Object.values(scores).every((score) => score === null)) {
    // Counted, it would raise the group's n without a single score: a free way to make a group look large enough.
    throw refuse('no-scores')
  }
  const limited = await limit()
  if (limited) throw limited
  let stored: boolean
  try {
    stored = await storeResponse(
      db,
      instrument,
      { linkId: link.id, waveId: link.wave.id, partnerId: link.partner.id, role: link.role },
      body.id,
      checked.answers,
      scores,
    )
  } catch (error) {
    // The id is stored already (a retry, or two requests racing): the batch was rolled back whole;
    // answer as the first one was answered.
    const raced = await replay(db, link, body.id, canonicalAnswers(checked.answers))
    if (raced) return raced
    throw error
  }
  if (!stored) {
    // Refused by the store's own guard: a retry of an acknowledged set is still answered 200,
    // else the group is complete or the wave closed just now.
    const earlier = await replay(db, link, body.id, canonicalAnswers(checked.answers))
    if (earlier) return earlier
    forgetLinks()
    const fresh = await findLink(db, token)
    if (!fresh || fresh.revoked) throw unknownLink()
    if (fresh.wave.instrumentVersion !== instrument.version) throw refuse('survey-changed')
    const why = waveState(fresh.wave) === 'open' ? groupClosedFor(fresh) : null
    if (why) throw groupError(why)
    throw gone('closed', fresh.wave)
  }
  return { id: body.id, stored: true }
}
