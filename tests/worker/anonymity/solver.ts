/**
 * A small exact linear solver for the adversarial anonymity tests: rational numbers as BigInt
 * fractions, Gaussian elimination to reduced row echelon form. An attacker who has read a set of
 * released numbers (counts, n × mean sums, programme totals, …) holds a system of linear
 * equations over the hidden group values; an unknown is *determined* exactly when its unit vector
 * lies in the row space of that system, i.e. when some combination of the released numbers equals
 * that unknown alone. In RREF that is the case iff some row is exactly the unit vector: the row
 * space is spanned by the RREF rows, and a combination of them is zero on every pivot column but
 * those it uses.
 *
 * Determinedness depends only on the coefficients; right-hand sides are optional and, when given,
 * let a test show the value an attack would recover.
 */

const abs = (x: bigint) => (x < 0n ? -x : x)
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a)
  b = abs(b)
  while (b) [a, b] = [b, a % b]
  return a
}

/** An exact rational number, always in lowest terms with a positive denominator. */
export class Frac {
  readonly num: bigint
  readonly den: bigint
  constructor(num: bigint, den = 1n) {
    if (den === 0n) throw new Error('division by zero')
    if (den < 0n) {
      num = -num
      den = -den
    }
    const g = gcd(num, den) || 1n
    this.num = num / g
    this.den = den / g
  }
  static of(x: number | bigint | Frac): Frac {
    if (x instanceof Frac) return x
    if (typeof x === 'bigint') return new Frac(x)
    if (Number.isInteger(x)) return new Frac(BigInt(x))
    // A released float (a mean, n × mean) to 1e-9: exact enough to show a recovered value.
    return new Frac(BigInt(Math.round(x * 1e9)), 1_000_000_000n)
  }
  static readonly ZERO = new Frac(0n)
  static readonly ONE = new Frac(1n)
  isZero() {
    return this.num === 0n
  }
  add(o: Frac) {
    return new Frac(this.num * o.den + o.num * this.den, this.den * o.den)
  }
  sub(o: Frac) {
    return new Frac(this.num * o.den - o.num * this.den, this.den * o.den)
  }
  mul(o: Frac) {
    return new Frac(this.num * o.num, this.den * o.den)
  }
  div(o: Frac) {
    return new Frac(this.num * o.den, this.den * o.num)
  }
  equals(o: Frac) {
    return this.num === o.num && this.den === o.den
  }
  toNumber() {
    return Number(this.num) / Number(this.den)
  }
  toString() {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`
  }
}

export type Row = { coeffs: Frac[]; rhs: Frac }

/**
 * Linear equations over named unknowns. `add({ a: 1, b: 1 }, 9)` says a + b = 9. Unknowns are
 * made on first mention, so an equation may name one the others never do.
 */
export class LinearSystem {
  private names: string[] = []
  private index = new Map<string, number>()
  private rows: { coeffs: Map<number, Frac>; rhs: Frac }[] = []
  private seen = new Set<string>()

  unknown(name: string): number {
    let i = this.index.get(name)
    if (i === undefined) {
      i = this.names.length
      this.names.push(name)
      this.index.set(name, i)
    }
    return i
  }

  get unknowns(): readonly string[] {
    return this.names
  }

  get size(): number {
    return this.rows.length
  }

  /** Adds Σ coeff·unknown = rhs; an identical equation seen before is skipped (rereading adds nothing). */
  add(coeffs: Record<string, number | bigint | Frac>, rhs: number | bigint | Frac = 0): this {
    const row = new Map<number, Frac>()
    for (const [name, c] of Object.entries(coeffs)) {
      const f = Frac.of(c)
      if (f.isZero()) continue
      const i = this.unknown(name)
      row.set(i, (row.get(i) ?? Frac.ZERO).add(f))
    }
    const r = Frac.of(rhs)
    const key = `${[...row.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([i, c]) => `${i}:${c}`)
      .join(',')}=${r}`
    if (this.seen.has(key)) return this
    this.seen.add(key)
    this.rows.push({ coeffs: row, rhs: r })
    return this
  }

  /** Reduced row echelon form of the system (augmented with the right-hand sides), with its pivot columns. */
  rref(): { rows: Row[]; pivots: number[]; consistent: boolean } {
    const width = this.names.length
    const m: Row[] = this.rows.map((r) => ({
      coeffs: Array.from({ length: width }, (_, i) => r.coeffs.get(i) ?? Frac.ZERO),
      rhs: r.rhs,
    }))
    const pivots: number[] = []
    let top = 0
    for (let col = 0; col < width && top < m.length; col++) {
      const p = m.findIndex((r, i) => i >= top && !r.coeffs[col]!.isZero())
      if (p < 0) continue
      ;[m[top], m[p]] = [m[p]!, m[top]!]
      const pivot = m[top]!
      const inv = Frac.ONE.div(pivot.coeffs[col]!)
      pivot.coeffs = pivot.coeffs.map((c) => c.mul(inv))
      pivot.rhs = pivot.rhs.mul(inv)
      for (let i = 0; i < m.length; i++) {
        if (i === top) continue
        const f = m[i]!.coeffs[col]!
        if (f.isZero()) continue
        m[i]!.coeffs = m[i]!.coeffs.map((c, j) => c.sub(f.mul(pivot.coeffs[j]!)))
        m[i]!.rhs = m[i]!.rhs.sub(f.mul(pivot.rhs))
      }
      pivots.push(col)
      top++
    }
    const rows = m.slice(0, top)
    // A zero row with a non-zero right-hand side: the numbers read contradict each other.
    const consistent = m.slice(top).every((r) => r.rhs.isZero())
    return { rows, pivots, consistent }
  }

  /** Every unknown the equations fix, with its value: those whose unit vector is in the row space. */
  determined(): Map<string, Frac> {
    const { rows, pivots } = this.rref()
    const out = new Map<string, Frac>()
    rows.forEach((r, i) => {
      const col = pivots[i]!
      if (r.coeffs.every((c, j) => j === col || c.isZero())) out.set(this.names[col]!, r.rhs)
    })
    return out
  }

  isDetermined(name: string): boolean {
    return this.determined().has(name)
  }

  /** Whether a combination of the unknowns (e.g. a + b) is fixed by the equations: it lies in the row space. */
  fixes(coeffs: Record<string, number | bigint | Frac>): boolean {
    const before = this.rref().rows.length
    const probe = new LinearSystem()
    for (const n of this.names) probe.unknown(n)
    for (const r of this.rows) probe.rows.push(r)
    probe.add(coeffs, 0)
    return probe.rref().rows.length === before
  }
}
