import { stampOf } from '../db/publications.ts'
import { participationIn, type ProgrammeData } from '../domain/wave-results.ts'
import { waveState } from '../domain/wave-lifecycle.ts'

/**
 * Finished answers kept in the isolate: the dashboard's JSON text and the results page's HTML,
 * each under a key of everything it is made from (BENCHMARKS.md, "A read answered from what the
 * isolate holds"). A repeated read still runs its whole gated D1 batch, the access check with it,
 * and only then looks here: what it skips is composing the answer (`resultsFor`, the page's
 * render, `JSON.stringify`): at 40 partners about 1.3 of a dashboard read's 6 ms, 52 of a page's 63.
 *
 * The key is not a list of what the answer is thought to depend on but the inputs themselves:
 * every row of the programme the batch read (`programmeKey`: partners, waves with their state now,
 * which waves are published, the stamp of each publication parsed, wave changes, participation as the reader may see it,
 * asked groups), and what the route adds (the reader's access, the query, the language, the
 * threshold, the actions, the day). Two reads with equal keys are made from equal inputs by the
 * same code, so they answer alike; anything a reader may not see is in neither the key's inputs
 * nor the answer unless their access lets it be. A publication without a stamp has no key: its
 * answer is made every time.
 */

const kept = new Map<string, string>()
let keptChars = 0

/** How much is kept, in characters of key and answer (for tests: the budget may be lowered to see it hold). */
export const answerCache = {
  budget: 4_000_000,
  size: () => kept.size,
  chars: () => keptChars,
  /** Forgets everything (tests that time or count a read made afresh). */
  clear: () => {
    kept.clear()
    keptChars = 0
  },
}

/**
 * Everything of the programme `data` holds that an answer may be made from, as one text: the
 * publications by the stamp of their text, the rest as read; null when a publication has no
 * stamp. Each wave's state is taken now: a wave opens and closes by the clock, not by a row.
 *
 * The participation of open waves only as `reader` may see it (`participationIn`: a lead's, with no
 * count below k; nothing for anyone else). Whether a read is kept or made afresh shows in its time
 * (a page 10 against 63 ms at 40 partners), so a key holding the raw counts told a lead each answer
 * under k and a viewer of one partner every answer to any other (a hostile review;
 * tests/worker/anonymity/kept-answers.test.ts). What a reader's answer cannot show must not turn
 * their key.
 */
export function programmeKey(data: ProgrammeData, reader: { canLead: boolean; k: number }): string | null {
  const stamps: [string, string][] = []
  for (const [id, publication] of data.publications) {
    const stamp = stampOf(publication)
    if (stamp === undefined) return null
    stamps.push([id, stamp])
  }
  const participation = reader.canLead
    ? data.waves.filter((w) => waveState(w) === 'open').map((w) => [w.id, participationIn(data, w, reader.k)])
    : null
  return JSON.stringify([
    data.partners,
    data.waves.map((w) => [w, waveState(w)]),
    [...data.published],
    stamps,
    data.scope,
    [...data.changes],
    participation,
    [...data.asked],
    data.askedOnly ?? null,
  ])
}

/**
 * The answer kept under `key`, else `make`'s, kept. `key` is asked again after `make`: when it
 * changed meanwhile (a wave opened or closed by the clock, the day turned), the answer is not
 * kept, as it may be of either. The least recently used are dropped past the budget.
 */
export async function keptAnswer(key: () => string | null, make: () => string | Promise<string>): Promise<string> {
  const before = key()
  if (before === null) return make()
  const hit = kept.get(before)
  if (hit !== undefined) {
    kept.delete(before)
    kept.set(before, hit)
    return hit
  }
  const answer = await make()
  if (key() !== before) return answer
  const chars = before.length + answer.length
  if (chars > answerCache.budget) return answer
  // Another read of the same key may have kept its answer while this one was made.
  const twin = kept.get(before)
  if (twin !== undefined) keptChars -= before.length + twin.length
  kept.delete(before)
  kept.set(before, answer)
  keptChars += chars
  for (const [k, v] of kept) {
    if (keptChars <= answerCache.budget) break
    kept.delete(k)
    keptChars -= k.length + v.length
  }
  return answer
}
