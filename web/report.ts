/**
 * The partner report's script: a print button (the browser's print makes the PDF), and links that open the explanation they point to. The action
 * forms are sent by the setup script, which the page loads beside this one.
 */
import { wireDocumentControls } from './document-controls.ts'

// The margin's technical details open from the link in the gap table's header (web/document-controls.ts).
wireDocumentControls()
