import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { newApp } from '../../../worker/http/app-env.ts'
import { framePage, pageRefusal } from '../../../worker/http/page-reader.tsx'
import { errorsNl } from '../../../worker/i18n/errors-nl.ts'
import { refuse } from '../../../worker/services/refusal.ts'

/** A refusal thrown on a page is a page in the reader's language, whatever its status; a failure is not. */
describe('pageRefusal', () => {
  const app = newApp()
  app.onError(pageRefusal)
  app.get('/closed', () => {
    throw refuse('wave-closed')
  })
  app.get('/lead', () => {
    throw refuse('lead-only')
  })
  // A page that owns a refusal: its title over the refusal's one wording, in its frame (the setup page's 403).
  app.get('/setup', (c) => {
    framePage(c, { title: 'Programma inrichten', owns: ['lead-only'] })
    throw refuse('lead-only')
  })
  app.get('/framed-closed', (c) => {
    framePage(c, { title: 'Programma inrichten', owns: ['lead-only'] })
    throw refuse('wave-closed')
  })
  app.get('/broken', () => {
    throw new Error('a bug')
  })
  const get = (path: string) => app.request(`http://x${path}`, {}, env)

  it('renders a 409 and a 403 as HTML pages in Dutch, not as problem+json', async () => {
    for (const [path, status] of [
      ['/closed?lang=nl', 409],
      ['/lead?lang=nl', 403],
    ] as const) {
      const res = await get(path)
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      const html = await res.text()
      expect(html).toContain('Dit kan niet')
    }
    expect(await (await get('/lead?lang=nl')).text()).toContain(
      'Alleen een programmaleider van dit programma mag dit doen.',
    )
    expect(await (await get('/lead?lang=en')).text()).toContain('This is not possible')
  })

  it('says a refusal the page owns under the page’s title, in the words the API says it in, and any other under its status’s heading', async () => {
    const own = await get('/setup?lang=nl')
    expect(own.status).toBe(403)
    const html = await own.text()
    expect(html).toContain('<h1>Programma inrichten</h1>')
    expect(html).not.toContain('Dit kan niet')
    // One wording per code (worker/i18n/errors-nl.ts), for the page as for problem+json.
    expect(html).toContain(errorsNl['lead-only']())
    expect(html).toContain('Alleen een programmaleider van dit programma mag dit doen.')
    const other = await get('/framed-closed?lang=nl')
    expect(other.status).toBe(409)
    expect(await other.text()).toContain('Dit kan niet')
  })

  it('leaves what is no refusal to the Worker’s own handler', async () => {
    // Thrown on, so worker/index.ts logs it and answers 500 problem+json; never a page that hides a bug.
    await expect((async () => get('/broken'))()).rejects.toThrow('a bug')
  })
})
