/**
 * The survey island: SurveyJS in the respondent's language, progress kept in this browser only
 * (so a reload or a closed tab resumes), and one POST with an id made once per attempt, so a
 * retry after a network error never counts twice.
 *
 * SurveyJS (most of the page's weight) is fetched and compiled after the intro's first paint,
 * while the respondent reads it, so "Begin" shows the first question at once; a respondent who
 * comes back to a survey they began gets it straight away. The intro paints without it.
 */
import { pageData } from './page-data-reader.ts'
import { fill, isLang, type Lang } from '../schema/format.ts'

type Saved = { id: string; data: Record<string, unknown>; page: number; lang?: string; done?: boolean }

const root = document.getElementById('survey')!

/**
 * SurveyJS's stylesheet (35 KB) is loaded here rather than in the page's head, so it does not hold
 * up the first paint of the intro and privacy text on a slow connection.
 */
const surveyCss = new Promise<void>((resolve) => {
  const href = root.dataset.css
  if (!href || document.querySelector(`link[href="${href}"]`)) return resolve()
  const link = document.createElement('link')
  link.rel = 'stylesheet'
  link.href = href
  link.addEventListener('load', () => resolve())
  // Unstyled questions still work; never leave the respondent without them.
  link.addEventListener('error', () => resolve())
  document.head.append(link)
})
const token = root.dataset.token!
const pageLang: Lang = isLang(root.dataset.lang) ? root.dataset.lang : 'nl'
const { words: t, answering } = pageData('survey-data')!
const key = `ketenradar:survey:${token}`

function load(): Saved {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as Saved | null
    if (saved && typeof saved.id === 'string') return saved
  } catch {
    // Unreadable storage: start afresh.
  }
  return { id: crypto.randomUUID(), data: {}, page: 0 }
}

let saved = load()
const save = () => {
  try {
    localStorage.setItem(key, JSON.stringify(saved))
  } catch {
    // Private mode or full storage: the survey still works, only resuming does not.
  }
}

// The respondent's earlier choice of language wins over the browser's, unless the URL says otherwise.
const urlLang = new URLSearchParams(location.search).get('lang')
if (!urlLang && saved.lang && saved.lang !== pageLang) {
  location.replace(`${location.pathname}?lang=${saved.lang}`)
}
for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-lang-switch]')) {
  link.addEventListener('click', () => {
    saved.lang = link.dataset.langSwitch
    save()
  })
}
if (isLang(urlLang)) {
  saved.lang = urlLang
  save()
}

// Below the survey, next to the buttons the respondent just pressed, so a failure is seen.
const status = document.createElement('div')
status.className = 'survey-status'
status.setAttribute('role', 'status')
status.setAttribute('aria-live', 'polite')
status.tabIndex = -1
root.after(status)

function showError(text: string): void {
  status.className = 'survey-status error'
  status.textContent = text
  status.scrollIntoView({ block: 'center' })
  status.focus()
}

/** Replaces the survey with a closing message: the thank-you page, or a wave that closed meanwhile. */
function showMessage(heading: string, body: string): void {
  document.querySelector('.survey-intro')?.remove()
  root.innerHTML = ''
  const done = document.createElement('section')
  done.className = 'survey-done'
  done.setAttribute('aria-labelledby', 'done-heading')
  const h = document.createElement('h1')
  h.id = 'done-heading'
  h.textContent = heading
  h.tabIndex = -1
  const p = document.createElement('p')
  p.textContent = body
  done.append(h, p)
  root.append(done)
  status.textContent = ''
  status.className = 'survey-status'
  h.focus()
}

function showDone(): void {
  showMessage(t.thanksHeading, t.thanksBody)
}

async function submit(answers: Record<string, unknown>): Promise<boolean> {
  status.className = 'survey-status'
  status.textContent = t.sending
  try {
    const res = await fetch(`/api/s/${encodeURIComponent(token)}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // The instrument version and role these questions were of: the Worker stores the answers
      // without first reading the link (it checks, in the statement that stores them, that they match).
      body: JSON.stringify({ id: saved.id, answers, ...answering }),
    })
    // 200 is a retry of an answer set already stored: just as good.
    if (res.status === 201 || res.status === 200) return true
    if (res.status === 410) {
      // The wave closed while the respondent was answering: retrying cannot help, so say so.
      showMessage(t.closedHeading, t.closedNow)
      return false
    }
    const code =
      res.status === 409 || res.status === 400
        ? ((await res.json().catch(() => ({}))) as { code?: string }).code
        : undefined
    if (code === 'group-complete' || code === 'group-uncounted') {
      // Everyone in the group has answered, or it has no headcount yet: retrying now cannot help.
      showMessage(
        code === 'group-complete' ? t.groupCompleteHeading : t.groupUncountedHeading,
        code === 'group-complete' ? t.groupCompleteBody : t.groupUncountedBody,
      )
      return false
    }
    if (code === 'no-scores') {
      showError(t.sendNoScores)
      return false
    }
    showError(res.status === 429 ? t.sendThrottled : t.sendFailed)
  } catch {
    showError(t.sendFailed)
  }
  return false
}

/**
 * Fetches and compiles SurveyJS's chunks without running them (`modulepreload`), and fetches the
 * questions. Compiling is most of what import() costs; running the compiled modules at "Begin" is
 * quick. Called once, after first paint; a failed preload only means "Begin" loads them itself.
 */
let prefetched: Promise<Record<string, unknown>> | undefined
function prefetch(): Promise<Record<string, unknown>> {
  prefetched ??= (() => {
    for (const href of (root.dataset.preload ?? '').split(' ').filter(Boolean)) {
      if (document.querySelector(`link[href="${href}"]`)) continue
      const link = document.createElement('link')
      link.rel = 'modulepreload'
      link.href = href
      document.head.append(link)
    }
    // The questions of this instrument version and role: one URL per version, so the browser keeps them.
    const instrument = fetch(root.dataset.instrument!).then((res) => {
      if (!res.ok) throw new Error(`instrument: ${res.status}`)
      return res.json() as Promise<Record<string, unknown>>
    })
    // A failed fetch is tried again at "Begin", not kept as the answer.
    instrument.catch(() => (prefetched = undefined))
    return instrument
  })()
  return prefetched
}

const notice = document.getElementById('survey-notice')

/** The first question's first answer, focused without scrolling: the caller has put the page in view. */
function focusFirstQuestion(): void {
  root
    .querySelector<HTMLElement>('.sd-page .sd-question input:not([type="hidden"]), .sd-page .sd-question textarea')
    ?.focus({ preventScroll: true })
}

/** Loads SurveyJS and shows the questions, from where the respondent left off. */
async function startSurvey(): Promise<void> {
  const [{ Model, surveyLocalization }, { renderSurvey }, , , json] = await Promise.all([
    import('survey-core'),
    import('survey-js-ui'),
    import('survey-core/i18n/dutch'),
    surveyCss,
    prefetch(),
  ])
  // Our own words for a missing answer, not the library's "Dit is een vereiste vraag".
  // Only the page's locale: the survey is shown in no other (the language switch reloads the page).
  const locale = (surveyLocalization.locales[pageLang] ??= {}) as Record<string, string>
  locale.requiredError = t.requiredAnswer
  const model = new Model(json)
  model.locale = pageLang
  model.completedHtml = `<h2>${t.thanksHeading}</h2><p>${t.thanksBody}</p>`
  const resumed = Object.keys(saved.data).length > 0
  if (resumed) {
    model.data = saved.data
    model.currentPageNo = Math.min(saved.page, model.visiblePages.length - 1)
    // The respondent went past every page before this one (Next checks each), so the progress bar
    // shows them done; SurveyJS marks only the page it leaves, which here was the first.
    for (const page of model.visiblePages.slice(0, model.currentPageNo)) page.passed = true
  }
  // The survey's top (title, progress bar, first question) in view, below the welcome-back notice
  // when there is one, and focus on the first question.
  const showTop = () => {
    ;(notice?.textContent ? notice : root).scrollIntoView({ block: 'start' })
    focusFirstQuestion()
  }
  const remember = () => {
    saved.data = model.data as Record<string, unknown>
    saved.page = model.currentPageNo
    save()
  }
  model.onValueChanged.add(remember)
  model.onCurrentPageChanged.add(() => {
    remember()
    status.textContent = ''
    if (notice) notice.textContent = ''
    // The new page from its top, as the first (SurveyJS scrolls its own wrapper flush to the edge
    // first); keyboard and screen-reader users continue at its first question, not at a button below.
    setTimeout(showTop, 0)
  })

  let sent = false
  model.onCompleting.add((_, options) => {
    if (sent) return
    // Hold completion until the server has the answers; until then they stay on screen and in storage.
    options.allow = false
    void submit(model.data as Record<string, unknown>).then((ok) => {
      if (!ok) return
      sent = true
      // Keep only the fact that this link was answered on this device, not the answers.
      saved = { id: saved.id, data: {}, page: 0, lang: saved.lang, done: true }
      save()
      model.doComplete()
      showDone()
    })
  })
  // Once drawn: the survey's top (title, progress bar, first question) in view, with the welcome-back
  // notice above it when resuming, and focus on the first question, as on every later page.
  // SurveyJS's own focusFirstQuestion() would scroll the page's questions, not the survey, to the top.
  model.onAfterRenderSurvey.add(() => setTimeout(showTop, 0))
  if (resumed && notice)
    notice.textContent = fill(t.resumeNotice, { page: model.currentPageNo + 1, pages: model.visiblePages.length })
  // The stylesheet is in (awaited above): no flash of unstyled radio buttons.
  renderSurvey(model, root)
  start?.remove()
  status.textContent = ''
}

const start = document.getElementById('start-survey') as HTMLButtonElement | null
if (saved.done) {
  start?.remove()
  showDone()
} else if (Object.keys(saved.data).length > 0 || !start) {
  // Coming back to a survey begun on this device: straight to where it was.
  void startSurvey()
} else {
  start.hidden = false
  // After the intro's first paint (the frame after next), while it is read.
  requestAnimationFrame(() => setTimeout(() => void prefetch().catch(() => {}), 0))
  start.addEventListener('click', () => {
    start.disabled = true
    status.textContent = t.loadingSurvey
    void startSurvey().catch(() => {
      start.disabled = false
      showError(t.loadFailed)
    })
  })
}
