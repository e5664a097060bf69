/**
 * The action form's parameters (`?actionPartner=&actionDimension=`, the link of a stand-out's next
 * step, worker/pages/results-standouts.tsx) as a probe: a reader writes any partner id into the
 * address and sees whether the form opens with it chosen. The form opens only on a pair the reader
 * may record an action on (worker/pages/actions-section.tsx, worker/services/action-service.ts
 * `recordableFor`), and no pair on a hidden group is one; if the page told a hidden partner from a
 * shown one, or either from an id that is nobody, it would say whose group is under k. So the results
 * page and B's report, read by a viewer limited to B (who may record B's actions) and by the lead,
 * naming a hidden partner (A: 3 staff answer sets, k = 5), a shown one (C), an unknown id and B, on a
 * shown dimension and one that does not exist, must be the same bytes but for the echoed parameter, except
 * where the results page's form opens: on B for B's viewer, on a shown partner for the lead.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { closeWave, setupProgramme, signInAdmin } from '../helpers.ts'
import { addViewer, answersFor, ins, req, submit } from './adversary.ts'

const opened = (page: string) => /<details class="no-print" id="action-add" open/.test(page)

let lead: string
beforeAll(async () => {
  lead = await signInAdmin()
})

describe('the action form opened by address', { timeout: 180_000 }, () => {
  it('naming a hidden partner, a shown one or nobody reads the same, the form open only on what the reader may record', async () => {
    const { programmeId: pid, waveId, partners, links } = await setupProgramme(lead, ['PA', 'PB', 'PC'])
    const [A, B, C] = partners.map((p) => p.id) as [string, string, string]
    for (const [id, count] of [
      [A, 3],
      [B, 6],
      [C, 6],
    ] as const)
      for (let i = 0; i < count; i++)
        expect((await submit(links[id]!.medewerker!, answersFor('medewerker', {}, 2 + (i % 3)))).status).toBe(201)
    await closeWave(lead, waveId)
    await req(`/api/programmes/${pid}/action-policy`, { method: 'PUT', json: { partnerViewers: true }, cookie: lead })
    const viewer = await addViewer(lead, pid, B)
    const named = { A, B, C, unknown: crypto.randomUUID() }
    const shownDim = ins.dimensions[0]!.key
    for (const [who, cookie] of [
      ['viewerB', viewer.cookie],
      ['lead', lead],
    ] as const)
      for (const [page, base] of [
        ['results', `/app/programmes/${pid}?wave=${waveId}&role=medewerker&lang=nl`],
        ['report', `/app/programmes/${pid}/partners/${B}/report?wave=${waveId}&role=medewerker&lang=nl`],
      ] as const)
        for (const dim of [shownDim, 'nonsense']) {
          const seen: Record<string, string> = {}
          for (const [label, id] of Object.entries(named)) {
            const res = await req(`${base}&actionPartner=${id}&actionDimension=${dim}`, { cookie })
            // The page's own links keep the address's parameters: the id echoed there is what the reader wrote.
            seen[label] = `${res.status} ${(await res.text()).replaceAll(`actionPartner=${id}`, 'actionPartner=X')}`
          }
          const what = `${who} ${page} ${dim}`
          expect(seen.A!.startsWith('200 '), what).toBe(true)
          // Where the form opens: on the results page, on a pair this reader may record (the report
          // takes none, worker/routes/report-html.tsx).
          const opens = (label: string) =>
            page === 'results' && dim === shownDim && (label === 'B' || (label === 'C' && who === 'lead'))
          for (const [label, body] of Object.entries(seen)) expect(opened(body), `${what} ${label}`).toBe(opens(label))
          // The hidden partner reads as nobody, and so does a shown one where the form does not open on it.
          for (const [label, body] of Object.entries(seen))
            if (!opens(label)) expect(body, `${what} ${label}`).toBe(seen.unknown)
        }
  })
})
