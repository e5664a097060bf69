import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * Text without what a printed line break puts into it: white space, soft hyphens and the hyphen
 * Chromium prints where it breaks a word at one (U+2010). pdf.js also gives a ligature's letters
 * apart ("fi rst"), so words are compared without their spaces.
 */
const squeezed = (text: string): string => text.replace(/[\s\u00ad\u2010]/g, '')

/** Each page of a PDF as `squeezed` text, in print order: where a printed report broke its pages. */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  try {
    const pages: string[] = []
    for (let i = 1; i <= doc.numPages; i++) {
      const { items } = await (await doc.getPage(i)).getTextContent()
      pages.push(squeezed(items.map((item) => ('str' in item ? item.str : '')).join('')))
    }
    return pages
  } finally {
    await doc.destroy()
  }
}

/** The page (from 0) that holds `text` whole, or -1 when none does (it is broken over two pages, or missing). */
export function pageOf(pages: string[], text: string): number {
  const wanted = squeezed(text)
  return pages.findIndex((page) => page.includes(wanted))
}

/**
 * The images a PDF holds (its image XObjects, soft masks among them), counted in its bytes: pdf.js
 * lists a page's images only where the page paints them itself, not those inside the patterns
 * Chromium fills a box with. Chromium writes every object's dictionary as plain text (no object
 * streams), so each image is one `/Subtype /Image` there.
 */
export function imageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Subtype\s*\/Image\b/g)?.length ?? 0
  )
}
