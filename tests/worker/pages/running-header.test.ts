import { describe, expect, it } from 'vitest'
import { RunningHeader } from '../../../worker/pages/layout.tsx'

/**
 * The printed pages' running header (worker/pages/layout.tsx `RunningHeader`) carries names a lead
 * typed: nothing in one may end the CSS string or the <style> element it is written into.
 */
describe('the running header of a printed page', () => {
  const css = (text: string) => String(RunningHeader({ text }))

  it('writes a plain name as it is, for print only', () => {
    const out = css('Rapport: Gemeente Amersfoort 2026')
    expect(out).toContain('<style media="print">')
    expect(out).toContain('content: "Rapport\\3a  Gemeente Amersfoort 2026"')
  })

  it('escapes quotes, backslashes, angle brackets and line ends, so no name leaves its string', () => {
    const out = css('Zorg & "Welzijn"</style><script>alert(1)</script>\\\n')
    const inside = /content: "(.*)"; font-size/.exec(out)?.[1] ?? ''
    // Only escapes stand for them: no quote, bracket, ampersand or line end of its own, and every
    // backslash begins an escape.
    expect(inside).not.toMatch(/["<>&\n]/)
    expect(inside.replace(/\\[0-9a-f]+ /g, '')).not.toContain('\\')
    expect(out.match(/<\/style>/g)).toHaveLength(1)
    expect(out).not.toContain('<script>')
    // Decoded as CSS would, it is the name again.
    const decoded = inside.replace(/\\([0-9a-f]+) /g, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    expect(decoded).toBe('Zorg & "Welzijn"</style><script>alert(1)</script>\\\n')
  })
})
