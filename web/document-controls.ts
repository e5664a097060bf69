/**
 * What the results page and the partner report both do on load: show their print buttons (the
 * browser's print makes the PDF), and make a link to an explanation open it, so the technical
 * term stays one click away (a `<details>` the link points to).
 */
export function wireDocumentControls(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
    button.hidden = false
    button.addEventListener('click', () => print())
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-open]')) {
    link.addEventListener('click', () => {
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)))
      if (target instanceof HTMLDetailsElement) target.open = true
    })
  }
}
