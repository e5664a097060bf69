/**
 * The small script every signed-in page loads: sign-in and sign-out through the JSON API (which
 * refuses form posts, so a cross-site form cannot act for the user). The results page's pickers
 * apply with their button only, never on change (worker/pages/results-page.tsx, WCAG 3.2.2).
 */
import { afterSignIn, isAppPath } from '../schema/format.ts'
import { PASSWORD_MIN_LENGTH } from '../schema/password.ts'
import { pageData } from './page-data-reader.ts'

/** The forms' words in the page's language (worker/pages/login-page.tsx, password-page.tsx); none on a page without these forms. */
const words = pageData('app-shell-data')?.words

const login = document.querySelector<HTMLFormElement>('form[data-login]')
if (login) {
  login.addEventListener('submit', async (event) => {
    event.preventDefault()
    const error = document.getElementById('login-error')!
    const data = new FormData(login)
    const res = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: data.get('email'), password: data.get('password') }),
    }).catch(() => null)
    if (res?.status === 204) {
      location.assign(afterSignIn(login.dataset.next))
      return
    }
    // The page's own words, in the page's language; the API's detail is English.
    error.textContent = (res?.status === 429 ? words?.signInThrottled : words?.signInFailed) ?? ''
    error.hidden = false
    document.querySelector<HTMLInputElement>('#password')?.focus()
  })
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-signout]')) {
  button.addEventListener('click', async () => {
    await fetch('/api/session', { method: 'DELETE' }).catch(() => null)
    // Back to where the reader was after signing in again (an acceptance link signed in as another account).
    const next = button.dataset.next
    location.assign(isAppPath(next) ? `/app/login?next=${encodeURIComponent(next)}` : '/app/login')
  })
}

/** Accepting access granted to this account, through the link its granter passed on; then on to the programme. */
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-accept]')) {
  button.addEventListener('click', async () => {
    button.disabled = true
    const res = await fetch(button.dataset.accept!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => null)
    const data = res?.ok ? ((await res.json().catch(() => null)) as { programmeId?: string } | null) : null
    if (data?.programmeId) return location.assign(`/app/programmes/${encodeURIComponent(data.programmeId)}`)
    button.disabled = false
    const error = document.getElementById('accept-error')
    if (error) {
      error.textContent = words?.acceptFailed ?? ''
      error.hidden = false
    }
  })
}

/** Setting a password through a one-time link; then on to sign-in with the address filled in. */
const passwordForm = document.querySelector<HTMLFormElement>('form[data-password]')
if (passwordForm) {
  passwordForm.addEventListener('submit', async (event) => {
    event.preventDefault()
    const error = document.getElementById('password-error')!
    const data = new FormData(passwordForm)
    const password = String(data.get('password') ?? '')
    const fail = (text: string | undefined) => {
      error.textContent = text ?? ''
      error.hidden = false
      document.querySelector<HTMLInputElement>('#new-password')?.focus()
    }
    if (password.length < PASSWORD_MIN_LENGTH) return fail(words?.passwordShort)
    if (password !== data.get('repeat')) return fail(words?.passwordMismatch)
    const res = await fetch(passwordForm.dataset.password!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    }).catch(() => null)
    if (res?.status === 204)
      return location.assign(`/app/login?set=1&email=${encodeURIComponent(passwordForm.dataset.email ?? '')}`)
    fail(words?.passwordFailed)
  })
}
