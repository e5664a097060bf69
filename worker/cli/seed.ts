import type { Role } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import { addDays, DAY_MS, dayOf, momentOfDay } from '../../schema/format.ts'
import { parseInstrument } from '../domain/instrument-rules.ts'
import { rng, simulateAnswers } from '../domain/simulated-answers.ts'
import v1File from '../../surveys/coachende-manager.v1.json' with { type: 'json' }
import v5File from '../../surveys/coachende-manager.v5.json' with { type: 'json' }

const DEMO_PROGRAMME = 'Werk en Inkomen'

export type DemoLink = { partner: string; role: Role; url: string }
type Demo = { programmeId: string; links: DemoLink[] }

/** The demo chain: partners whose middle management has come along to different degrees. */
const PARTNERS: {
  name: string
  headcount: number
  base: number
  gain: number
  staff: number
  managers: number
  tactical: number
}[] = [
  { name: 'UWV', headcount: 120, base: 3.3, gain: 0.35, staff: 24, managers: 7, tactical: 5 },
  { name: 'SVB', headcount: 60, base: 2.4, gain: 0.1, staff: 14, managers: 6, tactical: 3 },
  { name: 'Gemeente Utrecht', headcount: 80, base: 2.9, gain: 0.5, staff: 18, managers: 6, tactical: 5 },
  { name: 'Gemeente Amersfoort', headcount: 40, base: 3.6, gain: 0.05, staff: 11, managers: 5, tactical: 4 },
  { name: 'Werkbedrijf Regio', headcount: 30, base: 2.2, gain: 0.3, staff: 4, managers: 3, tactical: 2 },
]

/**
 * How much a dimension lags or leads the partner's base: restraint and chain priority lag most,
 * so the demo shows a gap to find. Version 1's keys, then those of versions 2 to 5 (the same scales,
 * which hold v1's dimensions as facets).
 */
const DIMENSION_OFFSET: Record<string, number> = {
  coaching: 0.2,
  ruimte: 0.1,
  loslaten: -0.5,
  output: 0.5,
  steun: 0.4,
  vertrouwen: 0.1,
  luisteren: -0.1,
  ketendoel: 0,
  ketenprioriteit: -0.6,
  leren: -0.3,
  autonomie: -0.2,
  kader: 0.3,
  ketensamenwerking: -0.5,
  luisteren_bewaken: -0.1,
  omslag: -0.4,
}

const day = DAY_MS

class Client {
  cookie = ''
  readonly base: string
  constructor(base: string) {
    this.base = base
  }
  async request<T>(method: string, path: string, body?: unknown, expected = [200, 201, 204]): Promise<T> {
    const res = await fetch(new URL(path, this.base), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) this.cookie = setCookie.split(';')[0]!
    // A refusal the caller allowed (a full group) is null; 204 has no body.
    if (res.status >= 400) {
      await res.body?.cancel()
      return null as T
    }
    return (res.status === 204 ? undefined : await res.json()) as T
  }
}

/** Signs in through the API; returns the client holding the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<Client> {
  const client = new Client(base)
  await client.request('POST', '/api/session', { email, password })
  return client
}

/** The demo programme's id, when the database already has it. */
export async function findDemo(client: Client): Promise<string | undefined> {
  const { programmes } = await client.request<{ programmes: { id: string; name: string }[] }>('GET', '/api/programmes')
  return programmes.find((p) => p.name === DEMO_PROGRAMME)?.id
}

type Existing = {
  id: string
  name: string
  partners: { id: string; name: string }[]
  waves: { id: string; label: string; state: 'planned' | 'open' | 'closed' }[]
}

/**
 * Seeds the demo programme through the public API, exactly as a lead and respondents would:
 * two past waves filled with generated answers and then closed, and one open wave with a link
 * per partner and role and the first staff answers.
 *
 * It resumes what an earlier run left half done (`npm start` stopped with Ctrl+C while seeding):
 * the programme, partners and waves that exist are used, a past wave that was closed is left as it
 * is, and groups get new links (the old ones stop working), since a token is shown only once and
 * the earlier run's went with it. A group that is full meanwhile refuses more answers, so a
 * resumed wave has at most as many answer sets as its group has people.
 */
export async function seedDemo(
  client: Client,
  now = Date.now(),
  // A line per wave as it is done: seeding takes a minute or more, and `npm start` said nothing meanwhile (a new lead's walk-through).
  progress: (line: string) => void = () => {},
): Promise<Demo> {
  // The past waves were answered on version 1, which stays theirs; the open wave uses the latest
  // version (5), as every new wave does, so the trend shows a v1 wave followed by a v5 wave (not comparable).
  const versions = [parseInstrument(v1File), parseInstrument(v5File)]
  const found = await findDemo(client)
  const programmeId =
    found ?? (await client.request<{ id: string }>('POST', '/api/programmes', { name: DEMO_PROGRAMME })).id
  const existing = found ? await client.request<Existing>('GET', `/api/programmes/${programmeId}`) : null
  const partners: { id: string; spec: (typeof PARTNERS)[number] }[] = []
  for (const spec of PARTNERS) {
    const had = existing?.partners.find((p) => p.name === spec.name)
    const { id } =
      had ??
      (await client.request<{ id: string }>('POST', `/api/programmes/${programmeId}/partners`, {
        name: spec.name,
        headcount: spec.headcount,
        // A few managers and tactical managers did not answer: the rate is below 100% for them too.
        headcounts: { teammanager: spec.managers + 2, tactisch: spec.tactical + 1 },
      }))
    partners.push({ id, spec })
  }
  // Named after the half-year they open in, as leads name their waves: spring is March–August,
  // autumn September–February (January and February belong to the previous year's autumn).
  // The waves lie more than 184 days apart, so no two get the same label.
  const label = (t: number) => {
    const [year, month] = dayOf(t).split('-').map(Number) as [number, number]
    return month >= 3 && month <= 8 ? `Voorjaar ${year}` : `Najaar ${year - (month <= 2 ? 1 : 0)}`
  }
  // Whole Dutch days, as a lead sets them on the setup page: each opens at the start of a day and
  // closes at the start of the day after its last (schema/format.ts `momentOfDay`).
  const today = dayOf(now)
  const startOf = (days: number) => Date.parse(momentOfDay(addDays(today, days), false))
  const waves = [-420, -220, -7].map((opens, i) => ({
    label: label(startOf(opens)),
    opens: startOf(opens),
    closes: i < 2 ? startOf(opens + 21) : startOf(21),
  }))
  const random = rng(20261126)
  const links: DemoLink[] = []
  for (const [w, wave] of waves.entries()) {
    const past = w < waves.length - 1
    const had = existing?.waves.find((x) => x.label === wave.label)
    // A past wave an earlier run finished (closed) is done.
    if (had?.state === 'closed') continue
    const ins = versions[past ? 0 : 1]!
    // Past waves are created open so their answers go through the real submission path, then closed.
    const { id: waveId } =
      had ??
      (await client.request<{ id: string }>('POST', `/api/programmes/${programmeId}/waves`, {
        label: wave.label,
        instrument: ins.id,
        instrumentVersion: ins.version,
        opensAt: new Date(wave.opens).toISOString(),
        closesAt: new Date(past ? now + day : wave.closes).toISOString(),
      }))
    const made = had
      ? (
          await client.request<{ links: { partnerId: string; role: Role; url: string }[] }>(
            'POST',
            `/api/waves/${waveId}/link-set`,
            { replace: true },
          )
        ).links
      : []
    let answered = 0
    for (const { id: partnerId, spec } of partners) {
      for (const role of ROLES) {
        const url =
          made.find((l) => l.partnerId === partnerId && l.role === role)?.url ??
          (await client.request<{ url: string }>('POST', `/api/waves/${waveId}/links`, { partnerId, role })).url
        if (!past) links.push({ partner: spec.name, role, url })
        // The open wave has some staff answers already, so its participation shows each state
        // (none yet, fewer than k, an exact count); its scores are shown to nobody until it closes.
        // A resumed open wave keeps the answers it has: only its links are new.
        const count = !past
          ? role === 'medewerker' && !had
            ? Math.round(spec.staff * 0.4)
            : 0
          : role === 'medewerker'
            ? spec.staff
            : role === 'teammanager'
              ? spec.managers
              : spec.tactical
        // Managers see themselves about 0.6 higher than their staff do: the gap the dashboard shows.
        const selfView = role === 'medewerker' ? 0 : 0.6
        const level = (dim: string) => spec.base + w * spec.gain + (DIMENSION_OFFSET[dim] ?? 0) + selfView
        const token = new URL(url).pathname.split('/').pop()!
        // A resumed wave already has some of these; a group that is full says so (409) and takes no more.
        for (let i = 0; i < count; i++) {
          const answers = simulateAnswers(ins, role, random, level)
          const stored = await client.request<unknown>(
            'POST',
            `/api/s/${token}/responses`,
            { id: crypto.randomUUID(), answers },
            had ? [200, 201, 409] : [200, 201],
          )
          if (stored === null) break
          answered++
        }
      }
    }
    if (past) await client.request('PATCH', `/api/waves/${waveId}`, { closesAt: new Date(wave.closes).toISOString() })
    progress(
      `  wave ${w + 1} of ${waves.length}, "${wave.label}": ${answered} answer sets${past ? ', closed' : ', open'}`,
    )
  }
  return { programmeId, links }
}
