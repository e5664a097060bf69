/**
 * A programme wider than the demo's: seven partners with answers in one closed wave, through the
 * public API as respondents and a lead would (worker/cli/seed.ts does the same for the demo). The
 * demo shows at most four partners per role; the radar's choice of lines needs more.
 */
import { parseInstrument, scoredQuestions } from '../../worker/domain/instrument-rules.ts'
import { signIn } from '../../worker/cli/seed.ts'
import { rng, simulateAnswers } from '../../worker/domain/simulated-answers.ts'
import v2File from '../../surveys/coachende-manager.v2.json' with { type: 'json' }

const day = 24 * 60 * 60 * 1000

export const WIDE_PARTNERS = ['Almere', 'Breda', 'Capelle', 'Delft', 'Ede', 'Gouda', 'Hoorn']

export async function seedWide(
  base: string,
  admin: { email: string; password: string },
  name: string,
  /** A partner whose staff answer "weet ik niet" to the first dimension's questions: its score there is not shown. */
  opts: { leaveOutFirstDimension?: string } = {},
): Promise<string> {
  const client = await signIn(base, admin.email, admin.password)
  const ins = parseInstrument(v2File)
  const { id: programmeId } = await client.request<{ id: string }>('POST', '/api/programmes', { name })
  const now = Date.now()
  const random = rng(1414)
  const first = ins.dimensions[0]!.key
  const leftOut = new Set(
    scoredQuestions(ins, 'medewerker')
      .filter((q) => q.dimension === first)
      .map((q) => q.name),
  )
  // Partners first: a partner added after a wave opened takes part only from the next wave.
  const partnerIds: string[] = []
  for (const partner of WIDE_PARTNERS) {
    partnerIds.push(
      (
        await client.request<{ id: string }>('POST', `/api/programmes/${programmeId}/partners`, {
          name: partner,
          headcount: 20,
        })
      ).id,
    )
  }
  const { id: waveId } = await client.request<{ id: string }>('POST', `/api/programmes/${programmeId}/waves`, {
    label: 'Voorjaar breed',
    instrument: ins.id,
    instrumentVersion: ins.version,
    opensAt: new Date(now - 30 * day).toISOString(),
    closesAt: new Date(now + day).toISOString(),
  })
  for (const [i, partnerId] of partnerIds.entries()) {
    const { url } = await client.request<{ url: string }>('POST', `/api/waves/${waveId}/links`, {
      partnerId,
      role: 'medewerker',
    })
    const token = new URL(url).pathname.split('/').pop()!
    // Each partner a little further along than the last, so their lines differ.
    for (let n = 0; n < 6; n++) {
      const all = simulateAnswers(ins, 'medewerker', random, () => 2.2 + 0.3 * i)
      const answers =
        WIDE_PARTNERS[i] === opts.leaveOutFirstDimension
          ? Object.fromEntries(Object.entries(all).map(([q, v]) => [q, leftOut.has(q) ? ins.scale.dontKnow.value : v]))
          : all
      await client.request('POST', `/api/s/${token}/responses`, { id: crypto.randomUUID(), answers })
    }
  }
  await client.request('PATCH', `/api/waves/${waveId}`, { closesAt: new Date(now - 9 * day).toISOString() })
  return programmeId
}
