import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createProgramme } from '../../../worker/db/programmes.ts'
import { readPublications, storePublication } from '../../../worker/db/publications.ts'
import { LATEST_SHOWN_WAVE_SQL } from '../../../worker/db/shown-wave-sql.ts'
import { createWave } from '../../../worker/db/waves.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { showsAnything } from '../../../worker/domain/publication-parts.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { loadProgramme, pickWave } from '../../../worker/services/results-service.ts'

/**
 * The SQL form of "the wave a programme's results open on" (worker/db/shown-wave-sql.ts) names
 * the wave `pickWave` (worker/services/results-service.ts) picks with no wave asked for, for
 * programmes of every mix: closed waves that show a number or none, open and planned waves, two
 * waves opening at the same moment, only planned waves, and no wave at all.
 */

const DAY = 864e5
const ins = findInstrument('coachende-manager', 3)!
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString()

/** A staff cell of 30 in every dimension: the programme shows a number. */
const shownCell: Cell = {
  partnerId: 'p',
  role: 'medewerker',
  n: 30,
  stats: Object.fromEntries(dimensionsFor(ins, 'medewerker').map((d) => [d, [30, 90, 300, 0, 0, 0, 0, 0]])),
}

/** A wave by its opening and closing (days from now) and, once closed, whether its publication shows anything. */
type Shape = { opens: number; closes: number; shows?: boolean }

async function programmeOf(waves: Shape[]): Promise<string> {
  const programme = await createProgramme(env.DB, `Keten ${crypto.randomUUID().slice(0, 8)}`)
  for (const [i, w] of waves.entries()) {
    const wave = await createWave(env.DB, {
      programmeId: programme.id,
      label: `Ronde ${i}`,
      instrument: ins.id,
      instrumentVersion: ins.version,
      opensAt: at(w.opens),
      closesAt: at(w.closes),
      minGroupSize: 5,
    })
    if (w.shows === undefined) continue
    const publication = publishWave(ins, ['p'], w.shows ? [shownCell] : [], 5)
    expect(showsAnything(publication)).toBe(w.shows)
    await storePublication(env.DB, wave.id, publication)
  }
  return programme.id
}

const sqlPick = async (programmeId: string) =>
  (await env.DB.prepare(`SELECT ${LATEST_SHOWN_WAVE_SQL('?1')} AS id`)
    .bind(programmeId)
    .first<{ id: string | null }>())!.id

describe('LATEST_SHOWN_WAVE_SQL', () => {
  const programmes: Record<string, Shape[]> = {
    'an open wave after a closed one that shows': [
      { opens: -60, closes: -30, shows: true },
      { opens: -1, closes: 10 },
    ],
    'a closed wave that shows before one that does not': [
      { opens: -90, closes: -60, shows: true },
      { opens: -40, closes: -20, shows: false },
      { opens: 5, closes: 20 },
    ],
    'closed waves that show nothing, and an open one': [
      { opens: -90, closes: -60, shows: false },
      { opens: -40, closes: -20, shows: false },
      { opens: -1, closes: 10 },
    ],
    'two closed waves that show, opening at the same moment': [
      { opens: -40, closes: -20, shows: true },
      { opens: -40, closes: -30, shows: true },
    ],
    'closed waves that show nothing': [
      { opens: -90, closes: -60, shows: false },
      { opens: -40, closes: -20, shows: false },
    ],
    'only planned waves': [
      { opens: 5, closes: 20 },
      { opens: 30, closes: 40 },
    ],
  }

  for (const [name, waves] of Object.entries(programmes))
    it(`names the wave pickWave picks: ${name}`, async () => {
      const pid = await programmeOf(waves)
      const data = await loadProgramme(env.DB, pid, 5)
      expect(data.waves).toHaveLength(waves.length)
      const picked = pickWave(data, undefined).id
      expect(await sqlPick(pid)).toBe(picked)
      // The read scoped to the wave shown (worker/db/publications.ts) parses that wave's publication itself.
      const scoped = await readPublications(env.DB, pid, { wave: undefined })
      expect(scoped.parsed.has(picked)).toBe(data.published.has(picked))
    })

  it('names no wave for a programme without waves, where pickWave refuses', async () => {
    const pid = await programmeOf([])
    expect(await sqlPick(pid)).toBeNull()
    expect(() => pickWave({ waves: [] } as never, undefined)).toThrow()
  })
})
