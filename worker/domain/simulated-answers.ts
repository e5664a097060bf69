import type { Instrument, Role } from '../../schema/instrument.ts'
import type { Answers } from './scoring.ts'
import { questionsFor } from './instrument-rules.ts'

/** A small seeded PRNG (mulberry32), so demo data and tests are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A plausible answer set for demo data, benchmarks and load tests: around `level` (1–5) per
 * dimension, reverse-keyed items answered the other way round, and now and then "don't know".
 * Not used by the Worker itself: pure, so the seed (worker/cli/seed.ts) and the tests in workerd share it.
 */
export function simulateAnswers(
  ins: Instrument,
  role: Role,
  random: () => number,
  level: (dimension: string) => number,
): Answers {
  const answers: Answers = {}
  for (const q of questionsFor(ins, role)) {
    if (q.type !== 'radiogroup') continue
    if (random() < 0.04) {
      answers[q.name] = ins.scale.dontKnow.value
      continue
    }
    const centre = level(q.dimension) + (random() + random() + random() - 1.5) * 1.2
    const value = Math.min(ins.scale.max, Math.max(ins.scale.min, Math.round(centre)))
    answers[q.name] = q.reverse ? ins.scale.min + ins.scale.max - value : value
  }
  return answers
}
