import { describe, expect, it } from 'vitest'
import { Frac, LinearSystem } from './solver.ts'

describe('Frac', () => {
  it('keeps fractions exact and in lowest terms', () => {
    expect(new Frac(6n, -4n).toString()).toBe('-3/2')
    expect(
      Frac.of(1)
        .div(Frac.of(3))
        .add(Frac.of(1).div(Frac.of(6)))
        .toString(),
    ).toBe('1/2')
    expect(Frac.of(0.25).equals(new Frac(1n, 4n))).toBe(true)
    expect(() => new Frac(1n, 0n)).toThrow()
  })
})

describe('LinearSystem', () => {
  it('finds nothing determined from one total of two unknowns', () => {
    const s = new LinearSystem().add({ a: 1, b: 1 }, 9)
    expect([...s.determined().keys()]).toEqual([])
    expect(s.fixes({ a: 1, b: 1 })).toBe(true)
    expect(s.fixes({ a: 1 })).toBe(false)
  })

  it('recovers the hidden cell of the issue: total − C − D − B = A', () => {
    // The first recovered attack (attacks.test.ts): the lead sees C, D and the total, the B-limited viewer B.
    const s = new LinearSystem().add({ A: 1, B: 1, C: 1, D: 1 }, 28).add({ C: 1 }, 7).add({ D: 1 }, 12).add({ B: 1 }, 5)
    const d = s.determined()
    expect(d.get('A')?.toString()).toBe('4')
    expect(d.size).toBe(4)
  })

  it('finds a value that only a combination of three equations fixes', () => {
    // No single equation, and no pair, names x alone: x = ((x+y) + (x+z) − (y+z)) / 2.
    const s = new LinearSystem().add({ x: 1, y: 1 }, 5).add({ x: 1, z: 1 }, 7).add({ y: 1, z: 1 }, 8)
    const pairs = [
      new LinearSystem().add({ x: 1, y: 1 }, 5).add({ x: 1, z: 1 }, 7),
      new LinearSystem().add({ x: 1, y: 1 }, 5).add({ y: 1, z: 1 }, 8),
      new LinearSystem().add({ x: 1, z: 1 }, 7).add({ y: 1, z: 1 }, 8),
    ]
    for (const p of pairs) expect(p.isDetermined('x')).toBe(false)
    const d = s.determined()
    expect(d.get('x')?.toString()).toBe('2')
    expect(d.get('y')?.toString()).toBe('3')
    expect(d.get('z')?.toString()).toBe('5')
  })

  it('works with fractional coefficients and n × mean sums', () => {
    // Two means over known counts: 3·m1 + 2·m2 = 17 and m1 − m2 = 1/2.
    const s = new LinearSystem().add({ m1: 3, m2: 2 }, 17).add({ m1: 1, m2: -1 }, new Frac(1n, 2n))
    expect(s.determined().get('m1')?.toString()).toBe('18/5')
    expect(s.determined().get('m2')?.toString()).toBe('31/10')
  })

  it('does not call a free unknown determined even when others are', () => {
    // a is known; b + c only as a sum; d appears in no equation but a combination.
    const s = new LinearSystem().add({ a: 1 }, 1).add({ a: 1, b: 1, c: 1 }, 6).add({ b: 1, c: 1, d: 0 }, 5)
    expect(s.isDetermined('a')).toBe(true)
    expect(s.isDetermined('b')).toBe(false)
    expect(s.isDetermined('c')).toBe(false)
    expect(s.fixes({ b: 1, c: 1 })).toBe(true)
    expect(s.fixes({ b: 1, c: 2 })).toBe(false)
  })

  it('skips repeated equations and spots contradictions', () => {
    const s = new LinearSystem().add({ a: 1, b: 1 }, 3).add({ b: 1, a: 1 }, 3)
    expect(s.size).toBe(1)
    expect(s.rref().consistent).toBe(true)
    s.add({ a: 2, b: 2 }, 7)
    expect(s.rref().consistent).toBe(false)
  })

  it('handles a larger random system exactly (rank of a known-singular matrix)', () => {
    // Rows 0..5 over 8 unknowns, row 5 = row 0 + 2·row 1 − row 3: rank 5.
    const base = [
      [1, 0, 2, 0, 0, 1, 0, 0],
      [0, 1, 0, 0, 3, 0, 0, 1],
      [0, 0, 1, 1, 0, 0, 1, 0],
      [1, 1, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 1, 0, 1, 1, 0],
    ]
    const s = new LinearSystem()
    const names = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']
    const eq = (r: number[]) => Object.fromEntries(r.map((c, i) => [names[i]!, c]))
    for (const r of base) s.add(eq(r))
    s.add(eq(base[0]!.map((c, i) => c + 2 * base[1]![i]! - base[3]![i]!)))
    expect(s.rref().rows.length).toBe(5)
  })
})
