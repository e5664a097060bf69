/**
 * Twins: two programmes alike in everything but a hidden group (fewer than k answer sets) — its
 * size and its answers — over three waves. Every view the lead and a viewer limited to one partner
 * can read of the results (JSON, CSV, pages, quality, the moments export, the partner report) must
 * then be the same bytes in both, status and headers included (Content-Length, Content-Type,
 * Content-Disposition, caching), once the one programme's ids are written as the other's: a
 * difference anywhere, a length or a header, would be a side channel on the hidden group.
 */
import { beforeAll, describe, it } from 'vitest'
import { signInAdmin } from '../helpers.ts'
import { ins, ROLES } from './adversary.ts'
import {
  buildFive,
  differences,
  expectAlike,
  FIVE,
  hiddenPlans,
  madeAt,
  readFive,
  renamer,
  type Twin,
} from './twins-kit.ts'

let lead: string

/** Views the original twins (twins.test.ts) do not read, read between their results views and trends. */
function more(t: Twin): string[] {
  const paths: string[] = []
  // Views the original twins do not read: sorted heatmaps, a partner's trend on the page, setup,
  // actions, the programme itself, the links list.
  const dims = ins.dimensions.map((d) => d.key)
  for (const wave of t.waves)
    for (const role of ROLES) {
      const q = `wave=${wave}&role=${role}&lang=en`
      for (const sort of ['gap', 'gap:asc', 'partner:desc', ...dims.flatMap((d) => [`dim:${d}`, `dim:${d}:asc`])])
        paths.push(`/app/programmes/${t.pid}?${q}&sort=${sort}`)
      for (const name of FIVE) paths.push(`/app/programmes/${t.pid}?${q}&trend=${t.ids[name]}`)
    }
  paths.push(
    `/app/programmes/${t.pid}/setup?lang=en`,
    `/app/programmes/${t.pid}?lang=en`,
    `/app/programmes/${t.pid}?lang=nl`,
  )
  paths.push(`/api/programmes/${t.pid}/actions`, `/api/programmes/${t.pid}/actions.csv`, `/api/programmes/${t.pid}`)
  for (const wave of t.waves) paths.push(`/api/waves/${wave}`)
  return paths
}

// The setup page breaks a long e-mail address with <wbr/> (worker/pages/setup-page.tsx), so the renaming of
// one twin's viewer's address to the other's reads it whole first,
// and names each person by a random id of their twin's: once the ids are renamed, what is left of an
// id is random and about nobody's answers, so ids are compared as one word.
const unbroken = (text: string) =>
  text.replaceAll('<wbr/>', '').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id')
beforeAll(async () => {
  lead = await signInAdmin()
})

describe('twins that differ only in a hidden group give the same bytes in every view, sorts, partner trends, setup and actions included', {
  timeout: 180_000,
}, () => {
  it("a hidden group's size and answers (team managers of E, staff of E, team managers of A) change no byte, header or status", async () => {
    const [one, two] = hiddenPlans()
    const first = await buildFive(lead, one)
    const second = await buildFive(lead, two)
    const [a, b] = [await readFive(lead, first, more), await readFive(lead, second, more)]
    const rename = renamer(first, second, FIVE)
    // When a wave was made is a staff action's moment, given to the minute: the twins are made one after
    // the other, so two of one twin's waves may share a minute that the other's do not. Not a channel
    // about a hidden group; every other byte is compared.
    const differing = differences(a, b, rename, unbroken, madeAt)
    expectAlike(first, a, b, differing)
  })
})
