import { describe, expect, it } from 'vitest'
import { actionOutcomes, actionsInView, type TrendStep } from '../../../worker/domain/action-outcomes.ts'
import { outcomeText } from '../../../worker/pages/actions-section.tsx'

const step = (waveId: string, means: Record<string, number | null>, change: TrendStep['change'] = null): TrendStep => ({
  waveId,
  label: waveId.toUpperCase(),
  means,
  change,
})
const action = (waveId: string, dimension: string) => ({
  id: `${waveId}-${dimension}`,
  waveId,
  dimension,
  what: 'x',
  status: 'planned',
})

describe('an action without a change beside it says why, and in which wave', () => {
  // "no change to show (too few answers in one of the two waves, or not comparable)": the trend
  // knows which (a lead's review), and says it in that wave's cell already.
  it.each([
    [
      'its cell hidden for too few answers in the later wave',
      [step('w1', { a: 3 }), { ...step('w2', {}), hiddenBecause: 'few' as const }],
      'en',
      'no change to show (too few answers in W2).',
    ],
    [
      'its dimension hidden in the earlier wave',
      [step('w1', { a: null }), step('w2', { a: 3 })],
      'nl',
      'geen verandering te tonen (te weinig antwoorden in W1).',
    ],
    [
      'not asked in the later wave',
      [step('w1', { a: 3 }), { ...step('w2', {}), hiddenBecause: 'not-asked' as const }],
      'nl',
      'geen verandering te tonen (niet gevraagd in W2).',
    ],
    [
      'its questions changed',
      [step('w1', { a: 3 }), { ...step('w2', { a: 3.5 }), notComparable: ['a'] }],
      'en',
      'no change to show (the questions changed between W1 and W2).',
    ],
  ] as const)('%s', (_, steps, lang, said) => {
    const [o] = actionOutcomes([...steps], [action('w1', 'a')])
    expect(o!.change).toBeNull()
    expect(outcomeText(lang, o!).endsWith(said), outcomeText(lang, o!)).toBe(true)
  })
})

describe('an action beside the next wave', () => {
  it('names the difference of the shown (rounded) means, with the test of the change', () => {
    // 3.64 shows as 3.6 and 3.96 as 4.0: the reader checks 4.0 − 3.6 = +0.4, not the 0.32 of the raw means.
    const steps = [step('w1', { a: 3.64 }), step('w2', { a: 3.96 }, { a: { diff: 0.32, significant: true } })]
    expect(actionOutcomes(steps, [action('w1', 'a')])).toEqual([
      {
        action: action('w1', 'a'),
        agreedIn: 'W1',
        next: { waveId: 'w2', label: 'W2' },
        change: { diff: 0.4, significant: true },
        others: null,
      },
    ])
  })

  it("sets the change beside the subject's other dimensions over the same waves, shown and comparable only", () => {
    const steps = [
      step('w1', { a: 1.5, b: 2.04, c: 3, d: null, e: 2 }),
      // b: 2.0 → 2.5 = +0,5; c: 3.0 → 3.7 = +0,7; d hidden before; e not comparable (no test).
      step(
        'w2',
        { a: 2.4, b: 2.5, c: 3.66, d: 4, e: 4.9 },
        {
          a: { diff: 0.9, significant: true },
          b: { diff: 0.46, significant: true },
          c: { diff: 0.66, significant: true },
          d: { diff: 1, significant: true },
          e: null,
        },
      ),
    ]
    const [o] = actionOutcomes(steps, [action('w1', 'a')])
    expect(o!.change).toEqual({ diff: 0.9, significant: true })
    expect(o!.others).toEqual({ min: 0.5, max: 0.7, count: 2 })
    expect(outcomeText('nl', o!)).toBe(
      'Verbeterafspraak in W1 → W2: +0,9, duidelijk hoger. De andere dimensies veranderden in dezelfde tijd +0,5 tot +0,7.',
    )
    expect(outcomeText('en', o!)).toMatch(/Over the same time the other dimensions changed \+0\.5 to \+0\.7\.$/)
    // A clear change says which way it went: "−0,7, een duidelijk verschil" read as good news (a lead's review).
    const fell = { ...o!, change: { diff: -0.7, significant: true } }
    expect(outcomeText('nl', fell)).toMatch(/^Verbeterafspraak in W1 → W2: −0,7, duidelijk lager\. /)
    expect(outcomeText('en', fell)).toMatch(/^Action agreed in W1 → W2: −0\.7, clearly lower\. /)
    // Where it moved no further than the others, that is said, so it is not read as the action's doing.
    const within = { ...o!, change: { diff: 0.6, significant: true } }
    expect(outcomeText('nl', within)).toMatch(
      /\+0,5 tot \+0,7\. Andere dimensies veranderden even veel of meer, dus deze verandering alleen laat niet zien dat de afspraak werkte\.$/,
    )
    expect(outcomeText('en', within)).toMatch(
      /\+0\.5 to \+0\.7\. Other dimensions changed as much or more, so this change alone does not show that the action worked\.$/,
    )
  })

  it('has no change where either wave hides the dimension, and no next wave yet for the latest', () => {
    const steps = [
      step('w1', { a: null, b: 3 }),
      step('w2', { a: 3.5, b: 3.2 }, { a: null, b: { diff: 0.2, significant: false } }),
    ]
    const [a, b, later] = actionOutcomes(steps, [action('w1', 'a'), action('w1', 'b'), action('w2', 'b')])
    expect(a!.change).toBeNull()
    expect(b!.change).toEqual({ diff: 0.2, significant: false })
    expect(later).toMatchObject({ agreedIn: 'W2', next: null, change: null })
  })

  it('leaves out an action of a wave the trend does not have (not published)', () => {
    expect(actionOutcomes([step('w1', {})], [action('w9', 'a')])).toEqual([])
  })
})

describe('actionsInView', () => {
  const waves = [
    { id: 'w1', label: 'Najaar 2025' },
    { id: 'w2', label: 'Voorjaar 2026' },
    { id: 'w3', label: 'Najaar 2026' },
  ]
  const acts = [{ waveId: 'w1' }, { waveId: 'w2' }, { waveId: 'w3' }, { waveId: 'elsewhere' }]

  it("shows the shown wave's actions and those carried over from earlier waves, never a later wave's", () => {
    expect(actionsInView(acts, waves, 'w2')).toEqual([
      { action: acts[0], wave: waves[0], carried: true },
      { action: acts[1], wave: waves[1], carried: false },
    ])
    expect(actionsInView(acts, waves, 'w1').map((x) => x.action.waveId)).toEqual(['w1'])
    expect(actionsInView(acts, waves, 'nope')).toEqual([])
  })
})
