/**
 * The partner report's script: a print button (the browser's print makes the PDF), and links that open the explanation they point to. The action
 * forms are sent by the setup script, which the page loads beside this one.
 */
import { isLang, longDate } from '../schema/format.ts'
import { wireDocumentControls } from './document-controls.ts'

// The margin's technical details open from the link in the gap table's header (web/document-controls.ts).
wireDocumentControls()

// The day the report is read or printed, in the page's language: a printed report passed round a
// management team says when it was made (the server leaves it out, worker/pages/report-page.tsx).
const asOf = document.getElementById('report-as-of')
if (asOf) {
  const lang = document.documentElement.lang
  // Today in Dutch time, as every page names a day (schema/format.ts TIME_ZONE), written as the
  // server writes a day (en-GB for English): a reader's own zone said 7 December at 00:30 on the
  // 8th in Amsterdam (a new lead's walk-through, its browser in UTC).
  asOf.textContent = longDate(isLang(lang) ? lang : 'nl', new Date().toISOString())
  for (const el of document.querySelectorAll<HTMLElement>('.report-as-of')) el.hidden = false
}
