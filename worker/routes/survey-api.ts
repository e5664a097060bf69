import type { Context } from 'hono'
import { ResponseBody } from '../../schema/api.ts'
import { surveyJsFor } from '../domain/instrument.ts'
import { canonicalAnswers, scoreAnswers, validateAnswers } from '../domain/scoring.ts'
import { findLink, type LinkTarget } from '../db/links.ts'
import { readResponse, storeResponse } from '../db/responses.ts'
import { waveState } from '../db/waves.ts'
import { forgetLinks, groupClosedFor, openLink, unknownLink } from '../services/survey-link-service.ts'
import { newApp, type AppEnv } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { HttpError, problem } from '../http/problem.ts'
import { rateLimited } from '../http/ratelimit.ts'

const app = newApp()

function gone(state: 'planned' | 'closed', link: LinkTarget): HttpError {
  return state === 'closed'
    ? new HttpError(410, 'Survey closed', { en: `This survey closed on ${link.wave.closesAt.slice(0, 10)}; answers can no longer be given.`, nl: `Deze vragenlijst is gesloten op ${link.wave.closesAt.slice(0, 10)}; er kunnen geen antwoorden meer worden gegeven.` }, { closesAt: link.wave.closesAt })
    : new HttpError(410, 'Survey not open yet', { en: `This survey opens on ${link.wave.opensAt.slice(0, 10)}.`, nl: `Deze vragenlijst opent op ${link.wave.opensAt.slice(0, 10)}.` }, { opensAt: link.wave.opensAt })
}

const groupError = (why: 'complete' | 'uncounted') =>
  why === 'complete'
    ? new HttpError(409, 'Group complete', { en: 'Everyone in this group has already answered: the survey takes as many answer sets as the group has people. Thank you all the same. If you have not answered and think you should, tell whoever sent you the link.', nl: 'Iedereen in deze groep heeft al geantwoord: de vragenlijst neemt zoveel antwoorden aan als de groep mensen telt. Toch bedankt. Hebt u nog niet geantwoord en zou dat wel moeten, laat het dan weten aan wie u de link stuurde.' }, { code: 'group-complete' })
    : new HttpError(409, 'Group not counted', { en: 'This link does not take answers yet: the number of people in this group has not been entered. Tell whoever sent you the link; your answers would otherwise not be counted.', nl: 'Deze link neemt nog geen antwoorden aan: het aantal mensen in deze groep is nog niet ingevuld. Laat het weten aan wie u de link stuurde; anders zouden uw antwoorden niet meetellen.' }, { code: 'group-uncounted' })

app.get('/:token', doc({ summary: 'The survey of a link', who: 'anyone with the link', ok: '200 { instrument, wave, partner, role, closesAt }', errors: [404, 410] }), async (c) => {
  const { link, instrument, state } = await openLink(c.env.DB, c.req.param('token'))
  if (state !== 'open') throw gone(state, link)
  const closedFor = groupClosedFor(link)
  if (closedFor) throw groupError(closedFor)
  return c.json({
    instrument: surveyJsFor(instrument, link.role),
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    wave: link.wave.label,
    partner: link.partner.name,
    role: link.role,
    closesAt: link.wave.closesAt,
  })
})

/** The first result for an id, whatever the retry: 200 when the same answers come again, 409 when others do. */
async function replay(c: Context<AppEnv>, link: LinkTarget, id: string, answers: string): Promise<Response | null> {
  const stored = await readResponse(c.env.DB, id)
  if (!stored) return null
  if (stored.waveId !== link.wave.id || stored.partnerId !== link.partner.id || stored.role !== link.role || stored.answers !== answers) {
    return problem(409, 'Response id already used', { en: 'A different answer set was already stored under this id; the first one is kept. Make a new id for a new attempt.', nl: 'Onder dit id zijn al andere antwoorden opgeslagen; de eerste blijven bewaard. Maak een nieuw id voor een nieuwe poging.' })
  }
  return c.json({ id, stored: false }, 200)
}

app.post('/:token/responses', doc({ summary: 'Submit an answer set once', who: 'anyone with the link', ok: '201 stored, 200 same id again', errors: [400, 404, 409, 410, 413, 415, 429] }), valid('json', ResponseBody), async (c) => {
  // The limiter and the link lookup do not depend on each other: ask both at once.
  const [limited, opened] = await Promise.allSettled([
    rateLimited(c.env.SUBMIT_LIMITER, 'submit', c.req.param('token'), { en: 'submissions for this survey link', nl: 'inzendingen via deze link' }),
    openLink(c.env.DB, c.req.param('token')),
  ])
  if (limited.status === 'rejected') throw limited.reason
  if (limited.value) return limited.value
  if (opened.status === 'rejected') throw opened.reason
  const { link, instrument, state } = opened.value
  const body = c.req.valid('json')
  const checked = validateAnswers(instrument, link.role, body.answers)
  if (state !== 'open' || !checked.ok) {
    // A retry of an acknowledged submission is answered as before, even after closing, so nothing
    // acknowledged looks lost. On the happy path the batch's primary key does this check instead.
    const earlier = await replay(c, link, body.id, checked.ok ? canonicalAnswers(checked.answers) : '')
    if (earlier) return earlier
    if (state !== 'open') throw gone(state, link)
  }
  if (!checked.ok) return problem(400, 'Invalid answers', checked.problems.join('; '), { errors: checked.problems })
  const scores = scoreAnswers(instrument, link.role, checked.answers)
  if (Object.values(scores).every((score) => score === null)) {
    // Counted, it would raise the group's n without a single score: a free way to make a group look large enough.
    throw new HttpError(400, 'No scored answers', { en: 'This answer set has no score on any dimension: every question was answered "don\'t know" (or too few per dimension). Choose an answer on the scale where you can; "don\'t know" is fine for the rest.', nl: 'Deze antwoorden geven op geen enkele dimensie een score: elke vraag is met "weet ik niet" beantwoord (of te weinig per dimensie). Kies een antwoord op de schaal waar u dat kunt; "weet ik niet" mag bij de rest.' }, { code: 'no-scores' })
  }
  let stored: boolean
  try {
    stored = await storeResponse(c.env.DB, instrument, { linkId: link.id, waveId: link.wave.id, partnerId: link.partner.id, role: link.role }, body.id, checked.answers, scores)
  } catch (error) {
    // The id is stored already (a retry, or two requests racing): the batch was rolled back whole;
    // answer as the first one was answered.
    const raced = await replay(c, link, body.id, canonicalAnswers(checked.answers))
    if (raced) return raced
    throw error
  }
  if (!stored) {
    // Refused by the store's own guard: a retry of an acknowledged set is still answered 200,
    // else the group is complete or the wave closed just now.
    const earlier = await replay(c, link, body.id, canonicalAnswers(checked.answers))
    if (earlier) return earlier
    forgetLinks()
    const fresh = await findLink(c.env.DB, c.req.param('token'))
    if (!fresh || fresh.revoked) throw unknownLink()
    if (fresh.wave.instrumentVersion !== instrument.version) throw new HttpError(409, 'Survey changed', { en: 'This survey was changed just before it opened; reload the page to answer the current questions.', nl: 'Deze vragenlijst is vlak voor de opening gewijzigd; laad de pagina opnieuw om de huidige vragen te beantwoorden.' })
    const why = waveState(fresh.wave) === 'open' ? groupClosedFor(fresh) : null
    if (why) throw groupError(why)
    throw gone('closed', fresh)
  }
  return c.json({ id: body.id, stored: true }, 201)
})

export default app
