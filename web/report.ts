/**
 * The partner report's script: a print button (the browser's print makes the PDF). The action
 * forms are sent by the setup script, which the page loads beside this one.
 */
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.hidden = false
  button.addEventListener('click', () => print())
}
