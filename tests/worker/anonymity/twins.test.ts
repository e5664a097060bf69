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
import { buildFive, differences, expectAlike, FIVE, hiddenPlans, readFive, renamer } from './twins-kit.ts'

let lead: string

const madeAt = (text: string) => text.replace(/"createdAt":"[^"]*"/g, '"createdAt":"…"')

beforeAll(async () => {
  lead = await signInAdmin()
})

describe('twins that differ only in a hidden group give the same bytes in every view', { timeout: 180_000 }, () => {
  it("a hidden group's size and answers (team managers of E, staff of E, team managers of A) change no byte, header or status", async () => {
    const [one, two] = hiddenPlans()
    const first = await buildFive(lead, one)
    const second = await buildFive(lead, two)
    const [a, b] = [await readFive(lead, first), await readFive(lead, second)]
    const rename = renamer(first, second, FIVE)
    // When a wave was made is a staff action's moment, given to the minute: the twins are made one after
    // the other, so two of one twin's waves may share a minute that the other's do not. Not a channel
    // about a hidden group; every other byte is compared.
    const differing = differences(a, b, rename, undefined, madeAt)
    expectAlike(first, a, b, differing)
  })
})
