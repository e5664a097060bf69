import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn as apiSignIn } from '../../worker/cli/seed.ts'
import { messages } from '../../worker/i18n/messages.ts'
import { base, launch, violations } from './browser.ts'

/**
 * Access granted to an account that exists already waits until that account accepts it, through
 * the link the lead passes on; the setup page shows the person as pending, then the trail of it.
 */

let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${base()}/app/login?lang=nl`)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(password)
  await Promise.all([page.waitForURL(/\/app\/programmes/), page.getByRole('button', { name: 'Inloggen' }).click()])
}

type Client = Awaited<ReturnType<typeof apiSignIn>>

/** An account invited by the administrator to a programme, with its password set through the invitation. */
async function account(admin: Client, programmeId: string, email: string, role: 'lead' | 'viewer', password: string) {
  const { invitation } = await admin.request<{ invitation: { url: string } }>(
    'POST',
    `/api/programmes/${programmeId}/people`,
    { email, role },
  )
  await admin.request('POST', `/api/password-links/${new URL(invitation.url).pathname.split('/').pop()}`, { password })
}

describe('the sign-in and password forms', () => {
  it('say a failed sign-in and a password too short in the page’s language, from the page’s typed block', async () => {
    const page = await browser.newPage()
    for (const lang of ['nl', 'en'] as const) {
      const t = messages[lang]
      await page.goto(`${base()}/app/login?lang=${lang}`)
      await page.locator('#email').fill(`niemand.${Date.now()}@e2e.local`)
      await page.locator('#password').fill('niet het wachtwoord')
      await page.locator('form[data-login] button[type="submit"]').click()
      const error = page.locator('#login-error')
      await error.waitFor({ state: 'visible' })
      expect(await error.textContent()).toBe(t.signInFailed)
    }
    // An invitation's page checks the length before it asks the Worker.
    const admin = await apiSignIn(base(), inject('admin').email, inject('admin').password)
    const { id } = await admin.request<{ id: string }>('POST', '/api/programmes', { name: `Keten Zuid ${Date.now()}` })
    const { invitation } = await admin.request<{ invitation: { url: string } }>(
      'POST',
      `/api/programmes/${id}/people`,
      {
        email: `nieuw.${Date.now()}@e2e.local`,
        role: 'viewer',
      },
    )
    await page.goto(`${invitation.url.replace(/^https?:\/\/[^/]+/, base())}?lang=en`)
    await page.locator('#new-password').fill('kort')
    await page.locator('#repeat-password').fill('kort')
    await page.locator('form[data-password] button[type="submit"]').click()
    const error = page.locator('#password-error')
    await error.waitFor({ state: 'visible' })
    expect(await error.textContent()).toBe(messages.en.passwordShort)
    await page.close()
  })
})

describe('a lead adds an existing account to a second programme', () => {
  it('stays invisible to that account until it opens the acceptance link, and the setup page shows the trail', async () => {
    const stamp = Date.now()
    const leadEmail = `leider.${stamp}@e2e.local`
    const viewerEmail = `lezer.${stamp}@e2e.local`
    const first = `Keten Oost ${stamp}`
    const second = `Keten West ${stamp}`
    // The administrator makes two programmes, a lead of both and a viewer of the first only.
    const admin = await apiSignIn(base(), inject('admin').email, inject('admin').password)
    const { id: firstId } = await admin.request<{ id: string }>('POST', '/api/programmes', { name: first })
    const { id: secondId } = await admin.request<{ id: string }>('POST', '/api/programmes', { name: second })
    await account(admin, firstId, leadEmail, 'lead', 'wachtwoord van de leider')
    // The lead's account exists: even the administrator's grant waits for it, accepted here through its link.
    const granted = await admin.request<{ acceptance: { url: string } }>('POST', `/api/programmes/${secondId}/people`, {
      email: leadEmail,
      role: 'lead',
    })
    await admin.request('POST', `/api/password-links/${new URL(granted.acceptance.url).pathname.split('/').pop()}`, {
      password: 'wachtwoord van de leider',
    })
    await account(admin, firstId, viewerEmail, 'viewer', 'wachtwoord van de lezer')

    // The lead gives the viewer's address access to the second programme on its setup page.
    const leadContext = await browser.newContext({ locale: 'nl-NL' })
    const lead = await leadContext.newPage()
    await signIn(lead, leadEmail, 'wachtwoord van de leider')
    await lead.goto(`${base()}/app/programmes/${secondId}/setup?lang=nl`)
    const invite = lead.locator('#people form[data-method="POST"]')
    await invite.getByLabel('E-mailadres').fill(viewerEmail)
    await invite.getByRole('button', { name: 'Uitnodigen' }).click()
    const acceptance = await lead.locator('#status-invite input').inputValue()
    expect(acceptance).toMatch(/\/app\/password\/[A-Za-z0-9_-]{22}$/)
    // The text to pass on fits an account that exists: accept, not "choose your password".
    const message = await lead.getByLabel('Tekst om door te sturen').inputValue()
    expect(message).toContain('U heeft al een account in Ketenradar')
    expect(message).toContain(acceptance)
    await lead.reload()
    await expect
      .poll(() => lead.locator('#people tbody th', { hasText: viewerEmail }).textContent())
      .toContain('wacht tot die de toegang aanvaardt')

    // The viewer, signed in, sees only the first programme; the second is not there at all.
    const viewerContext = await browser.newContext({ locale: 'nl-NL', bypassCSP: true })
    const viewer = await viewerContext.newPage()
    await signIn(viewer, viewerEmail, 'wachtwoord van de lezer')
    expect(await viewer.locator('.programme-list a').allTextContents()).toEqual([first])
    const hidden = await viewer.goto(`${base()}/app/programmes/${secondId}?lang=nl`)
    expect(hidden!.status()).toBe(404)

    // Until they open the link the lead passed on, and accept.
    await viewer.goto(acceptance)
    await viewer.getByRole('heading', { name: `Toegang tot ${second} aanvaarden` }).waitFor()
    expect(await violations(viewer), 'acceptance page').toEqual([])
    await Promise.all([
      viewer.waitForURL(new RegExp(`/app/programmes/${secondId}`)),
      viewer.getByRole('button', { name: 'Toegang aanvaarden' }).click(),
    ])
    await viewer.goto(`${base()}/app/programmes?lang=nl`)
    expect((await viewer.locator('.programme-list a').allTextContents()).sort()).toEqual([first, second].sort())
    await viewerContext.close()

    // The lead's setup page shows who did what, newest first.
    await lead.reload()
    await expect
      .poll(() => lead.locator('#people tbody th', { hasText: viewerEmail }).textContent())
      .toContain('actief')
    const rows = lead.locator('#trail tbody tr')
    expect(await rows.first().textContent()).toContain('toegang aanvaard')
    expect(await rows.first().textContent()).toContain(viewerEmail)
    const trail = await lead.locator('#trail tbody').textContent()
    expect(trail).toContain('link uitgegeven')
    expect(trail).toContain('persoon toegevoegd')
    expect(trail).toContain(leadEmail)
    await leadContext.close()
  })
})
