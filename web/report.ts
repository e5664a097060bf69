/**
 * The partner report's script: a print button (the browser's print makes the PDF), and links that open the explanation they point to. The action
 * forms are sent by the setup script, which the page loads beside this one.
 */
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.hidden = false
  button.addEventListener('click', () => print())
}

// A link to an explanation opens it (the margin's technical details): the term stays one click away.
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-open]')) {
  link.addEventListener('click', () => {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)))
    if (target instanceof HTMLDetailsElement) target.open = true
  })
}
