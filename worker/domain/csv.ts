/**
 * CSV for spreadsheets. A cell that starts with = + - @ or a control character is prefixed with
 * an apostrophe, so a partner named "=HYPERLINK(…)" is shown as text, not run as a formula.
 * With `;` as separator (Dutch Excel) numbers get a decimal comma. A BOM makes Excel read UTF-8.
 */
export function toCsv(rows: (string | number | null)[][], separator: ',' | ';' = ','): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return ''
    if (typeof v === 'number') {
      const text = Number.isInteger(v) ? String(v) : v.toFixed(4)
      return separator === ';' ? text.replace('.', ',') : text
    }
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
    return /[",;\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  return '\ufeff' + rows.map((r) => r.map(cell).join(separator)).join('\r\n') + '\r\n'
}
