import qrcode from 'qrcode-generator'
import {
  downloadName,
  fill,
  isLang,
  type Lang,
  longDate,
  momentOfDay,
  pluralOf,
  sentenceStart,
  toCsv,
} from '../schema/format.ts'
import type {
  LinkSetAnswer,
  MadeLink,
  OneTimeLink,
  PartnerImportAnswer,
  Problem,
  SkippedGroup,
} from '../schema/api-answers.ts'
import { MANY_PARTNERS } from '../schema/page-data.ts'
import { pageData } from './page-data-reader.ts'

/**
 * The setup pages' script. Forms and buttons carry `data-api` (and `data-method`); their fields are
 * sent as JSON, since the API takes nothing else, so a forged cross-site form cannot act for a lead.
 * Each answer is announced in the element named by `data-status`: the API's own `detail` on a
 * refusal, the new links or invitation when something was made, else the page reloads to show it.
 */

const lang: Lang = isLang(document.documentElement.lang) ? document.documentElement.lang : 'nl'
/**
 * What the page hands the script, one typed block (schema/page-data.ts): its words in the page's
 * language (`setupWords` in worker/i18n/messages.ts), and on the setup page its links and open waves.
 */
const setup = pageData('setup-data')!
const words = setup.words

/** The JSON body of a form: numbers as numbers, empty optional fields left out or null; `a.b` names nest. */
function bodyOf(form: HTMLFormElement): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    'input[name], select[name], textarea[name]',
  )) {
    if (el.hidden || (el instanceof HTMLInputElement && el.type === 'hidden')) continue
    // A text field's lines go as typed: trimmed, a paste's first lines would lose the numbers the refusal names them by.
    const value = el instanceof HTMLTextAreaElement ? (el.value.trim() === '' ? '' : el.value) : el.value.trim()
    switch (el.dataset.type) {
      case 'number':
        fields[el.name] = value === '' ? null : Number(value)
        break
      case 'nullable':
        fields[el.name] = value === '' ? null : value
        break
      case 'day-start':
      case 'day-end':
        fields[el.name] = value === '' ? null : momentOfDay(value, el.dataset.type === 'day-end')
        break
      case 'instrument': {
        const [id, version] = value.split('@')
        fields.instrument = id
        fields.instrumentVersion = Number(version)
        break
      }
      default:
        // A paste of only blank lines goes as '' for the API to say there is no partner in it, not
        // that the field is missing, a schema's words (a new lead's walk-through).
        if (value !== '' || el instanceof HTMLTextAreaElement) fields[el.name] = value
    }
  }
  const nested: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fields)) {
    const [outer, inner] = name.split('.') as [string, string | undefined]
    if (inner === undefined) nested[outer] = value
    else nested[outer] = { ...(nested[outer] as Record<string, unknown> | undefined), [inner]: value }
  }
  // "Close the wave now": the moment it is sent, not the one the page was drawn at, which the
  // API would keep as the closing moment (`changeWave`, worker/domain/wave-lifecycle.ts).
  if (form.dataset.now) nested[form.dataset.now] = new Date().toISOString()
  return nested
}

function announce(statusId: string | undefined, text: string, error: boolean): HTMLElement | null {
  const status = statusId ? document.getElementById(statusId) : null
  if (!status) return null
  status.textContent = text
  status.classList.toggle('form-error', error)
  status.hidden = false
  return status
}

/**
 * Whether a wave form closes its open wave now: its new last day is before the first one that
 * keeps the wave open, as the page was told (`closing` in schema/page-data.ts).
 */
function closesNow(el: HTMLElement): string | null {
  const closing = el.dataset.closing ? setup.closing?.[el.dataset.closing] : undefined
  const lastDay = el.querySelector<HTMLInputElement>('input[name="closesAt"]')?.value ?? ''
  return closing && lastDay !== '' && lastDay < closing.keptOpenFrom ? closing.confirm : null
}

/**
 * A refusal in the form's words: each failing field by its label ("Naam: ontbreekt"), marked
 * invalid, where the API named fields the form has; else the API's own `detail`. The detail names
 * a field by its path ("Het verzoek klopt niet. name: ontbreekt"), which a lead did not follow.
 */
function refusalText(el: HTMLElement, problem: Problem | null): string {
  if (!problem) return words.failed
  const form = el instanceof HTMLFormElement ? el : null
  // Pasted lines (the partners' paste): the detail names every failing line by its number and column.
  const lines = (problem.errors ?? []).filter((e) => e.line !== undefined)
  if (lines.length) {
    for (const e of lines) form?.querySelector(`[name="${CSS.escape(e.path)}"]`)?.setAttribute('aria-invalid', 'true')
    return problem.detail
  }
  const named = (problem.errors ?? []).map((e) => {
    const field = form?.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(e.path)}"]`)
    const label = field?.labels?.[0]?.textContent?.trim()
    if (!field || !label) return null
    field.setAttribute('aria-invalid', 'true')
    return `${label}: ${e.message}`
  })
  if (named.length === 0 || named.some((n) => n === null)) return problem.detail
  return `${words.checkFields} ${named.join('; ')}`
}

/**
 * Says why nothing was saved and puts the keyboard there: the submit button, disabled while the
 * request ran, had lost the focus to the page's top, and the next Tab left the form (a new lead's
 * walk-through). A field the refusal names is marked (`refusalText`); the message names it.
 */
function refused(el: HTMLElement, text: string): void {
  const status = announce(el.dataset.status, text, true)
  if (!status) return
  status.tabIndex = -1
  status.focus()
}

async function send(el: HTMLElement, body: unknown): Promise<void> {
  if (el.dataset.confirm && !confirm(el.dataset.confirm)) return
  // Closing an open wave early is final: ask first, in the words the page gave.
  const closing = closesNow(el)
  if (closing && !confirm(closing)) return
  const button = el instanceof HTMLButtonElement ? el : el.querySelector<HTMLButtonElement>('button[type=submit]')
  if (button) button.disabled = true
  // A field marked by the last refusal is unmarked by the next try, whatever it answers.
  for (const field of el.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid')
  try {
    const method = el.dataset.method ?? 'POST'
    const res = await fetch(el.dataset.api!, {
      method,
      // Refusals come back in the page's language, whatever the browser's own setting.
      headers: { 'accept-language': lang, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => null)
    if (!res) return refused(el, words.network)
    const data = res.status === 204 ? null : ((await res.json().catch(() => null)) as Record<string, unknown> | null)
    if (!res.ok) return refused(el, refusalText(el, data as Problem | null))
    if (el.dataset.then && data && typeof data.id === 'string')
      return void location.assign(fill(el.dataset.then, { id: data.id }))
    if (el.dataset.show === 'links' && data) {
      const answer = data as LinkSetAnswer
      return showLinks(el, answer.links, answer.skipped)
    }
    if (el.dataset.show === 'url' && data) {
      // An invitation for a new account, an acceptance link for one that exists, or a person's new link.
      const link = (data.invitation ?? data.acceptance ?? (data.url ? data : null)) as OneTimeLink | null
      if (link) return showUrl(el, link)
    }
    // What a paste did, as the API words it (`PartnerImportAnswer`): how many went in, how many were
    // there already, and the headcounts the paste gives otherwise, where a plain "Saved" says none of it.
    const pasted = el.dataset.show === 'added' && data ? (data as PartnerImportAnswer).message : null
    const said = pasted ?? words.saved
    announce(el.dataset.status, said, false)
    // The server renders the new state; after the reload the reader hears "Saved" where they were.
    if (el.dataset.status) {
      sessionStorage.setItem('ketenradar:saved', el.dataset.status)
      if (pasted !== null) sessionStorage.setItem('ketenradar:saved-text', said)
    }
    if (pasted !== null) keepPaste(body as { text: string; headcounts?: string }, data as PartnerImportAnswer)
    location.reload()
  } finally {
    if (button) button.disabled = false
  }
}

// A lead sees the whole programme: the partner limit applies to viewers only.
for (const role of document.querySelectorAll<HTMLSelectElement>('form select[name="role"]')) {
  const limit = role.form?.querySelector<HTMLSelectElement>('select[name="partnerId"]')
  if (!limit) continue
  const sync = () => {
    limit.disabled = role.value === 'lead'
    if (limit.disabled) limit.value = ''
  }
  role.addEventListener('change', sync)
  sync()
}

/**
 * The partners' paste kept over the reload when its answer names headcounts the table has
 * otherwise (`skipped[].differences`), for the button that sends it again to write them
 * (`takePaste`): a lead who pasted an updated sheet had to open each partner's form (a lead's
 * walk-through). Kept in this tab only, gone once read.
 */
const PASTE_KEY = 'ketenradar:paste'
function keepPaste(body: { text: string; headcounts?: string }, answer: PartnerImportAnswer): void {
  const differing = answer.skipped.filter((s) => s.differences.length).length
  if (differing && body.headcounts !== 'update')
    sessionStorage.setItem(PASTE_KEY, JSON.stringify({ text: body.text, differing }))
  else sessionStorage.removeItem(PASTE_KEY)
}

/** The button that writes the pasted headcounts, and the field whose text it sends (`data-resend`). */
const takePaste = document.querySelector<HTMLButtonElement>('button[data-resend]')
const pasteField = takePaste ? document.getElementById(takePaste.dataset.resend!) : null
if (takePaste && pasteField instanceof HTMLTextAreaElement) {
  const kept = sessionStorage.getItem(PASTE_KEY)
  sessionStorage.removeItem(PASTE_KEY)
  const paste = kept ? (JSON.parse(kept) as { text: string; differing: number }) : null
  if (paste) {
    pasteField.value = paste.text
    takePaste.textContent = fill(
      words[pluralOf(lang, paste.differing) === 'one' ? 'takeHeadcounts_one' : 'takeHeadcounts_other'],
      { n: paste.differing },
    )
    takePaste.hidden = false
  }
  takePaste.addEventListener('click', () => void send(takePaste, { text: pasteField.value, headcounts: 'update' }))
  // Another text is another paste: what the button counted no longer holds.
  pasteField.addEventListener('input', () => {
    takePaste.hidden = true
  })
}

// Back from a save: say so, and put the keyboard where the reader was.
const savedStatus = sessionStorage.getItem('ketenradar:saved')
if (savedStatus) {
  sessionStorage.removeItem('ketenradar:saved')
  const said = sessionStorage.getItem('ketenradar:saved-text')
  sessionStorage.removeItem('ketenradar:saved-text')
  const status = announce(savedStatus, said ?? words.saved, false)
  if (status) {
    // A status inside a closed <details> (the action form, worker/pages/actions-section.tsx) cannot
    // take focus, which then fell to the page's top: open it first.
    for (let up = status.parentElement; up; up = up.parentElement) if (up instanceof HTMLDetailsElement) up.open = true
    status.tabIndex = -1
    status.focus()
  }
}

/**
 * A select whose options belong to a choice in another (`data-follows`, its id): each option names in
 * `data-for` the values it goes with, and only those stay enabled (the action form's dimensions of
 * the partner chosen, worker/pages/actions-section.tsx). A disabled choice moves to the first enabled.
 */
for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-follows]')) {
  const leader = document.getElementById(select.dataset.follows!)
  if (!(leader instanceof HTMLSelectElement)) continue
  const follow = () => {
    for (const option of select.options) option.disabled = !(option.dataset.for ?? '').split(' ').includes(leader.value)
    if (select.selectedOptions[0]?.disabled) {
      const first = [...select.options].find((o) => !o.disabled)
      if (first) first.selected = true
    }
  }
  leader.addEventListener('change', follow)
  follow()
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-api]')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (!form.reportValidity()) return
    void send(form, bodyOf(form))
  })
  // A message about what was sent no longer fits once a field changes: it goes. But not the
  // refusal of a paste: it lists the lines to mend, and went at the first key a lead pressed to mend
  // one (a lead's walk-through); it stays until the next try.
  form.addEventListener('input', () => {
    const status = form.dataset.status ? document.getElementById(form.dataset.status) : null
    const paste = form.dataset.show === 'added' && status?.classList.contains('form-error')
    if (status && !status.hidden && !paste) {
      status.hidden = true
      status.textContent = ''
      status.classList.remove('form-error')
    }
  })
}
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-api]:not([data-resend])')) {
  button.addEventListener('click', () => {
    // New links for the groups ticked in the table of links, their old ones withdrawn.
    if (button.dataset.choose) {
      const groups = [
        ...document.querySelectorAll<HTMLInputElement>(`input[name="${button.dataset.choose}"]:checked`),
      ].map((box) => JSON.parse(box.value) as unknown)
      if (groups.length === 0) return void announce(button.dataset.status, words.chooseNone, true)
      return void send(button, { replace: true, groups })
    }
    void send(
      button,
      button.dataset.body ? JSON.parse(button.dataset.body) : button.dataset.method === 'POST' ? {} : undefined,
    )
  })
}

/** Copies a text to the clipboard; false when the browser refused (the reader then copies by hand). */
const toClipboard = (text: string) =>
  navigator.clipboard?.writeText(text).then(
    () => true,
    () => false,
  ) ?? Promise.resolve(false)

/** A reminder to paste in the lead's own mail or chat: its buttons under `root`. */
function wireCopyFrom(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy-from]')) {
    button.addEventListener('click', async () => {
      const field = document.getElementById(button.dataset.copyFrom!) as HTMLTextAreaElement | null
      if (!field) return
      field.select()
      if (await toClipboard(field.value)) button.textContent = words.copied
    })
  }
}
wireCopyFrom(document)

/** A one-time URL (invitation, reset or acceptance) in a read-only field, with the text to pass on that fits it. */
function showUrl(el: HTMLElement, link: OneTimeLink): void {
  const status = announce(el.dataset.status, fill(words.invitation, { date: longDate(lang, link.expiresAt) }), false)
  if (!status) return
  const field = document.createElement('input')
  field.readOnly = true
  field.value = link.url
  field.className = 'url-field'
  field.setAttribute('aria-label', status.textContent ?? '')
  status.append(document.createElement('br'), field)
  // A message to pass on by the lead's own mail or chat: Ketenradar sends none.
  const kind = el.dataset.message && link.purpose === 'accept' ? 'accept' : el.dataset.message
  const message = kind === 'invite' || kind === 'reset' || kind === 'accept' ? setup.messages?.[kind] : undefined
  if (message) {
    const date = longDate(lang, link.expiresAt)
    const id = `${el.dataset.status}-message`
    const label = document.createElement('label')
    label.htmlFor = id
    label.textContent = words.messageLabel
    const text = document.createElement('textarea')
    text.id = id
    text.readOnly = true
    text.rows = 6
    text.className = 'message-field'
    text.value = fill(message, { date, url: link.url })
    status.append(document.createElement('br'), label, text)
  }
  field.focus()
  field.select()
}

/** An SVG QR code of the URL, drawn from the modules so no markup is parsed from a string. */
function qrSvg(url: string, title: string): SVGSVGElement {
  const qr = qrcode(0, 'M')
  qr.addData(url)
  qr.make()
  const n = qr.getModuleCount()
  const margin = 4
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  svg.setAttribute('xmlns', ns)
  svg.setAttribute('viewBox', `0 0 ${n + 2 * margin} ${n + 2 * margin}`)
  svg.setAttribute('width', '200')
  svg.setAttribute('height', '200')
  svg.setAttribute('role', 'img')
  svg.setAttribute('shape-rendering', 'crispEdges')
  const t = document.createElementNS(ns, 'title')
  t.textContent = title
  const bg = document.createElementNS(ns, 'rect')
  bg.setAttribute('width', '100%')
  bg.setAttribute('height', '100%')
  bg.setAttribute('fill', '#fff')
  let d = ''
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + margin} ${r + margin}h1v1h-1z`
  const path = document.createElementNS(ns, 'path')
  path.setAttribute('d', d)
  path.setAttribute('fill', '#000')
  svg.append(t, bg, path)
  return svg
}

/** A link shown on this page, once: what the CSV, the copy-all text and the printed sheets are made of. */
type Shown = { partner: string; role: string; roleLabel: string; url: string; message: string }
const shown = new Map<string, Shown>()

/**
 * The links shown, as CSV (partner, role, URL), made here from what the page shows: the server
 * keeps no token. With `;` for Dutch Excel, which opens a comma file as one column. The role as
 * its cell in the table shows it, the page's label capitalised ('Medewerker', 'Tactisch
 * management'): in lower case 'medewerker' and 'teammanager' read as the codes beside the label
 * 'tactisch management' (a lead's walk-through).
 */
function linksCsv(head: string[], separator: ',' | ';'): string {
  // The invitation too, in the page's language: with it a mail merge sends every group its own text,
  // where 56 links took 56 clicks on "Copy invitation" (a lead's review); its line breaks are quoted by `toCsv`.
  const rows = [head, ...[...shown.values()].map((l) => [l.partner, sentenceStart(l.roleLabel), l.url, l.message])]
  return toCsv(rows, separator)
}

/** The links section's names and words (the setup page only): read where a link is shown. */
const links = setup.links

/** Every invitation shown, each under its group, for a lead who sends them from one document. */
document.getElementById('copy-all-invitations')?.addEventListener('click', async () => {
  const text = [...shown.values()]
    .map((l) => `${l.partner}, ${sentenceStart(l.roleLabel)}\n\n${l.message}`)
    .join('\n\n----------\n\n')
  const ok = await toClipboard(text)
  announce(
    'status-new-links',
    ok ? fill(links?.words.copiedAllInvitations ?? '', { n: shown.size }) : (links?.words.copyFailed ?? words.failed),
    !ok,
  )
})

document.getElementById('copy-all-links')?.addEventListener('click', async () => {
  const text = [...shown.values()].map((l) => `${l.partner}, ${l.roleLabel}: ${l.url}`).join('\n')
  const ok = await toClipboard(text)
  announce(
    'status-new-links',
    ok ? fill(links?.words.copiedAll ?? '', { n: shown.size }) : (links?.words.copyFailed ?? words.failed),
    !ok,
  )
})

for (const button of document.querySelectorAll<HTMLButtonElement>('#download-links, #download-links-nl')) {
  button.addEventListener('click', () => {
    const separator = button.dataset.separator === ';' ? ';' : ','
    const a = document.createElement('a')
    a.href = URL.createObjectURL(
      new Blob([linksCsv(links?.csv.head ?? [], separator)], { type: 'text/csv;charset=utf-8' }),
    )
    a.download =
      separator === ';'
        ? (links?.csv.fileNl ?? 'ketenradar-links-excel-nl.csv')
        : (links?.csv.file ?? 'ketenradar-links.csv')
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
  })
}

/**
 * One A4 sheet per group for a noticeboard or a meeting screen: the group, the wave, the last
 * day, the QR code, the address and the invitation. Built from the links shown, outside the page's
 * main content, and printed alone (web/app-shell.css, `.print-sheets`).
 */
function buildSheets(): HTMLElement {
  const words = links?.sheets
  document.querySelector('.link-sheets')?.remove()
  const sheets = document.createElement('div')
  sheets.className = 'link-sheets'
  for (const l of shown.values()) {
    const sheet = document.createElement('article')
    sheet.className = 'sheet'
    const h = document.createElement('h1')
    h.textContent = fill(words?.for ?? '{partner} · {role}', { partner: l.partner, role: sentenceStart(l.roleLabel) })
    const wave = document.createElement('p')
    wave.className = 'sheet-wave'
    wave.textContent = `${words?.wave ?? ''} · ${words?.until ?? ''}`
    const qr = qrSvg(l.url, `QR: ${l.partner}, ${l.roleLabel}`)
    qr.setAttribute('width', '300')
    qr.setAttribute('height', '300')
    const scan = document.createElement('p')
    scan.textContent = words?.scan ?? ''
    const url = document.createElement('p')
    url.className = 'sheet-url'
    url.textContent = l.url
    const message = document.createElement('p')
    message.className = 'sheet-message'
    message.textContent = l.message
    sheet.append(h, wave, qr, scan, url, message)
    sheets.append(sheet)
  }
  document.body.append(sheets)
  return sheets
}

document.getElementById('print-links')?.addEventListener('click', () => {
  buildSheets()
  document.documentElement.classList.add('print-sheets')
  addEventListener('afterprint', () => document.documentElement.classList.remove('print-sheets'), { once: true })
  window.print()
})

/** The links just made or revealed: each URL once, with copy, QR code and an SVG download for posters. */
function showLinks(button: HTMLElement, made: MadeLink[], skipped: SkippedGroup[]): void {
  const partners = links?.partners ?? {}
  const roles: Partial<Record<string, string>> = links?.roles ?? {}
  // Groups below k are told in one number (the page lists them beside the links' actions), the others by name.
  // Said once: where the page explains them beside the links (`#below-k`), the note said it again under it (a lead's review).
  const small = document.getElementById('below-k') ? 0 : skipped.filter((s) => s.code === 'group-below-k').length
  const named = skipped.filter((s) => s.code !== 'group-below-k')
  const groups = named.map((s) => `${partners[s.partnerId] ?? ''} (${roles[s.role] ?? s.role})`).join(', ')
  const said = [
    named.length ? fill(words.skipped, { groups }) : '',
    small ? fill(words[small === 1 ? 'skippedBelowK_one' : 'skippedBelowK_other'], { n: small }) : '',
  ]
    .filter(Boolean)
    .join(' ')
  if (made.length === 0) return void announce(button.dataset.status, said || words.none, skipped.length > 0)
  if (said) announce(button.dataset.status, said, named.length > 0)
  const box = document.getElementById('new-links')!
  const tbody = box.querySelector('tbody')!
  const label: Partial<NonNullable<typeof links>['words']> = links?.words ?? {}
  const messages: Partial<Record<string, string>> = links?.invitations ?? {}
  for (const link of made) {
    const key = `${link.partnerId} ${link.role}`
    // A group shown before and given a new link now: its old link no longer works, so its row goes.
    tbody.querySelector(`tr[data-group="${CSS.escape(key)}"]`)?.remove()
    const who = `${partners[link.partnerId] ?? ''}, ${roles[link.role] ?? link.role}`
    const message = fill(messages[link.role] ?? '{url}', { url: link.url })
    shown.delete(key)
    shown.set(key, {
      partner: partners[link.partnerId] ?? '',
      role: link.role,
      roleLabel: roles[link.role] ?? link.role,
      url: link.url,
      message,
    })
    const row = tbody.insertRow()
    row.dataset.group = key
    row.dataset.partner = partners[link.partnerId] ?? ''
    const name = row.insertCell()
    name.className = 'name'
    name.textContent = partners[link.partnerId] ?? ''
    const role = row.insertCell()
    role.className = 'name'
    role.textContent = sentenceStart(roles[link.role] ?? link.role)
    const field = document.createElement('input')
    field.readOnly = true
    field.value = link.url
    field.className = 'url-field'
    field.setAttribute('aria-label', who)
    // The address, its buttons under it and its QR code under them, in one cell: as a column of
    // their own they took the table past its column at 1366 px, cutting the buttons and the code (a lead's review).
    const cell = row.insertCell()
    cell.className = 'link-cell'
    cell.append(field)
    const bar = document.createElement('div')
    bar.className = 'actions'
    /** A small button in this row, named for the link it acts on. */
    const button = (text: string | undefined, onClick: (self: HTMLButtonElement) => void) => {
      const b = document.createElement('button')
      b.type = 'button'
      b.className = 'secondary'
      b.textContent = text ?? ''
      b.setAttribute('aria-label', `${text}: ${who}`)
      b.addEventListener('click', () => onClick(b))
      return b
    }
    /** "Copied" only when the clipboard took it; otherwise the URL stays selected to copy by hand. */
    const copyInto = async (self: HTMLButtonElement, text: string) => {
      field.select()
      if (await toClipboard(text)) self.textContent = label.copied ?? 'Copied'
    }
    const copy = button(label.copy, (self) => void copyInto(self, link.url))
    // The text a lead pastes into their own mail or intranet post, with this link and the role's minutes in it.
    const invite = button(label.invite, (self) => void copyInto(self, message))
    const figure = document.createElement('figure')
    figure.hidden = true
    const show = button(label.qr, (self) => {
      if (!figure.firstChild) {
        const svg = qrSvg(link.url, `${label.qrAlt ?? 'QR'}: ${who}`)
        const download = document.createElement('a')
        download.href = URL.createObjectURL(
          new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }),
        )
        download.download = downloadName(['qr', who], 'svg')
        download.textContent = label.qrDownload ?? 'Download'
        figure.append(svg, download)
      }
      figure.hidden = !figure.hidden
      self.setAttribute('aria-expanded', String(!figure.hidden))
    })
    show.setAttribute('aria-expanded', 'false')
    bar.append(copy, invite, show)
    cell.append(bar, figure)
  }
  // Each link on its own folds from MANY_PARTNERS partners on, the first time: copy, CSV and print hold them all.
  const each = document.getElementById('new-links-each') as HTMLDetailsElement | null
  if (each) {
    if (box.hidden) each.open = new Set([...shown.values()].map((l) => l.partner)).size < MANY_PARTNERS
    const summary = each.querySelector('summary')
    if (summary) summary.textContent = fill(each.dataset.summary ?? '{n}', { n: shown.size })
  }
  box.hidden = false
  filterAgain()
  box.querySelector<HTMLElement>('h3')?.focus()
  void drawParticipationAgain()
}

/**
 * The shown wave's participation, drawn again by the server once links were made: it went on
 * saying "no link made yet" for the groups whose links were just shown until a reload, which
 * would have lost those links (a lead's review). Only that section: the links, shown once, stay.
 * A failed fetch leaves it as it was; the next reload draws it.
 */
async function drawParticipationAgain(): Promise<void> {
  const old = document.getElementById('participation')
  if (!old) return
  const res = await fetch(location.href, { headers: { accept: 'text/html' } }).catch(() => null)
  if (!res?.ok) return
  const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('participation')
  if (!fresh) return
  const placed = document.adoptNode(fresh)
  // What the reader had typed in its filter and opened stays so.
  const typed = old.querySelector<HTMLInputElement>('.partner-filter input')?.value ?? ''
  for (const details of placed.querySelectorAll<HTMLDetailsElement>('details[id]'))
    details.open = old.querySelector<HTMLDetailsElement>(`#${CSS.escape(details.id)}`)?.open ?? details.open
  old.replaceWith(placed)
  wireCopyFrom(placed)
  for (const box of placed.querySelectorAll<HTMLElement>('.partner-filter[data-filter]')) {
    const field = box.querySelector('input')
    if (field) field.value = typed
    wireFilter(box)
  }
  filterAgain()
}

/** A name as the filter compares it: lower case, without accents ("Súdwest" is found by "sudwest"). */
const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** Each partner filter's rerun, by its box, for rows the script adds (the new links, the participation drawn again). */
const filters = new Map<HTMLElement, () => void>()
function filterAgain(): void {
  for (const [box, run] of filters)
    if (box.isConnected) run()
    else filters.delete(box)
}

/**
 * The partner filters (worker/pages/setup-page.tsx `PartnerFilter`): shown by this script, since
 * without it they would do nothing. Only the rows whose partner's name holds every word typed stay;
 * a list folded in <details> opens while something is typed, so what matched is in view; the count
 * of partners left is said politely in the filter's status.
 */
function wireFilter(box: HTMLElement): void {
  const field = box.querySelector('input')
  const status = box.querySelector('.filter-count')
  if (!field || !status) return
  const run = () => {
    const terms = plain(field.value).split(/\s+/).filter(Boolean)
    const rows = [...document.querySelectorAll<HTMLElement>(box.dataset.filter!)]
    const all = new Set<string>()
    const left = new Set<string>()
    for (const row of rows) {
      const name = row.dataset.partner ?? ''
      const keep = terms.every((t) => plain(name).includes(t))
      all.add(name)
      if (keep) left.add(name)
      row.hidden = !keep
      if (keep && terms.length)
        for (let up = row.parentElement; up; up = up.parentElement) if (up instanceof HTMLDetailsElement) up.open = true
    }
    const text =
      left.size === 0 && terms.length
        ? fill(box.dataset.none ?? '', { n: all.size, q: field.value.trim() })
        : fill(box.dataset.count ?? '', { shown: left.size, n: all.size })
    if (status.textContent !== text) status.textContent = text
    // Nothing to find before there is a row (this wave's links before any are made: '0 van 0
    // partners', a new lead's walk-through); shown once the script adds some.
    box.hidden = all.size === 0
  }
  field.addEventListener('input', run)
  filters.set(box, run)
  run()
}
for (const box of document.querySelectorAll<HTMLElement>('.partner-filter[data-filter]')) wireFilter(box)
