import type { Child } from 'hono/jsx'
import {
  dayOf,
  daysLeft,
  downloadName,
  fill,
  firstOpenDay,
  lastOpenDay,
  minuteOf,
  longDate,
} from '../../schema/format.ts'
import { LinkBody, LinkSetBody, ProgrammePatch } from '../../schema/api.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'
import { MANY_PARTNERS, type SetupLinksData, type SetupScriptData } from '../../schema/page-data.ts'
import { belowGroupSize, firstDayKeptOpen, groupBound, takesPart, whyNoLink } from '../domain/wave-lifecycle.ts'
import { asset } from '../assets.ts'
import { countOf, messages, roleAtStart, type Lang, type Messages } from '../i18n/messages.ts'
import { titleOf } from '../i18n/errors.ts'
import type { Person } from '../db/people.ts'
import type { Partner } from '../db/programmes.ts'
import type { SetupData } from '../services/setup-service.ts'
import { minutesFor } from './survey-page.tsx'
import { AppPage, SetupScriptBlock } from './app-frame.tsx'
import { bodyFor, SCRIPT_FORM, Scroll, WrapAfter } from './layout.tsx'
import { ParticipationTable } from './participation-table.tsx'
import { boundOf, participationText } from './participation-words.ts'
import { entryText } from './trail-words.ts'

/**
 * The lead's setup page for one programme: a first-run guide, partners, waves, links, cadence and
 * people. Every form posts JSON through the admin script (the API takes nothing else), and every
 * answer from the API — a made link, an invitation, a refusal — is announced in the page.
 */

/** Where an API refusal or success is announced, one per form. */
function Status({ id }: { id: string }) {
  return <p id={id} class="form-status" role="status" aria-live="polite" hidden></p>
}

/**
 * What web/setup.ts reads off a form or button to call the API: the path and method, a fixed body
 * (else the form's fields), what to show of the answer and where to announce it. An attribute left
 * undefined is not written, so every form and button writes only its own, in this order.
 */
type ApiCall = {
  api: string
  method: 'POST' | 'PATCH' | 'DELETE'
  status: string
  body?: string
  choose?: string
  confirm?: string
  show?: string
  message?: string
}

/**
 * A form the admin script sends as JSON, its announcement after its fields (where web/setup.ts puts
 * the keyboard on a refusal), or placed apart (`statusApart`) where the form is gone after the
 * reload its success brings. `now` names a field web/setup.ts sets to the moment it is sent.
 */
function ApiForm(
  props: ApiCall & { class: string; closing?: string; now?: string; statusApart?: true; children: Child },
) {
  return (
    <form
      {...SCRIPT_FORM}
      class={props.class}
      data-api={props.api}
      data-method={props.method}
      data-confirm={props.confirm}
      data-now={props.now}
      data-show={props.show}
      data-message={props.message}
      data-status={props.status}
      data-closing={props.closing}
    >
      {props.children}
      {!props.statusApart && <Status id={props.status} />}
    </form>
  )
}

/** A button that calls the API; its announcement may be shared with others, so it is placed apart. */
function ApiButton(props: ApiCall & { primary?: true; id?: string; label?: string; children: Child }) {
  return (
    <button
      type="button"
      class={props.primary ? undefined : 'secondary'}
      id={props.id}
      data-api={props.api}
      data-method={props.method}
      data-body={props.body}
      data-choose={props.choose}
      data-confirm={props.confirm}
      data-show={props.show}
      data-message={props.message}
      data-status={props.status}
      aria-label={props.label}
    >
      {props.children}
    </button>
  )
}

/**
 * A field that keeps in view only the rows of the partners whose names hold what is typed
 * (web/setup.ts): `rows` selects them, each naming its partner in `data-partner`, and the count of
 * partners left is said politely. Hidden without the script, which shows it: every row then stays.
 */
function PartnerFilter({ t, id, label, rows }: { t: Messages; id: string; label: string; rows: string }) {
  return (
    <div class="partner-filter" data-filter={rows} data-count={t.filterCount} data-none={t.filterNone} hidden>
      <label for={id}>{label}</label>
      <input id={id} type="search" autocomplete="off" spellcheck={false} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} class="hint">
        {t.filterHint}
      </p>
      <p id={`${id}-count`} class="hint filter-count" role="status" aria-live="polite"></p>
    </div>
  )
}

function Guide({ t, d, lang }: { t: Messages; d: SetupData; lang: Lang }) {
  const steps = [
    { done: true, text: t.guideProgramme, href: '#partners' },
    { done: d.partners.length > 0, text: t.guidePartners, href: '#partners' },
    { done: d.waves.length > 0, text: t.guideWave, href: '#waves' },
    { done: d.links.length > 0, text: t.guideLinks, href: '#links' },
    // Whether links were shared and results read, the app cannot know: these stay as guidance.
    { done: false, text: t.guideShare, href: '#links' },
    { done: false, text: t.guideDashboard, href: `/app/programmes/${d.programme.id}?lang=${lang}` },
  ]
  const next = steps.findIndex((s) => !s.done)
  return (
    <section aria-labelledby="guide-heading" class="guide">
      <h2 id="guide-heading">{t.guideHeading}</h2>
      <ol>
        {steps.map((s, i) => (
          <li class={s.done ? 'done' : i === next ? 'next' : ''}>
            <a href={s.href}>{s.text}</a>{' '}
            <span class="guide-state">{s.done ? t.guideDone : i === next ? t.guideNext : ''}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}

function Partners({ t, d }: { t: Messages; d: SetupData }) {
  const pid = d.programme.id
  const openWave = d.waves.find((w) => w.state === 'open')
  /** The three headcount fields, as `headcounts.<role>`: the rates of staff, managers and tactical managers. */
  const Counts = ({ prefix, partner }: { prefix: string; partner?: Partner }) => (
    <>
      {ROLES.map((role) => (
        <>
          <label for={`${prefix}-${role}`}>
            {partner ? fill(t[`headcountAt_${role}`], { partner: partner.name }) : t[`headcountRole_${role}`]}
          </label>
          <input
            id={`${prefix}-${role}`}
            name={`headcounts.${role}`}
            type="number"
            min="0"
            inputmode="numeric"
            data-type="number"
            value={partner?.headcounts[role] == null ? '' : String(partner.headcounts[role])}
            aria-describedby="headcount-hint"
          />
        </>
      ))}
    </>
  )
  return (
    <section aria-labelledby="partners-heading" id="partners">
      <h2 id="partners-heading">{t.partnersHeading}</h2>
      <p>{t.partnersIntro}</p>
      <p id="headcount-hint" class="hint">
        {t.headcountHint}
      </p>
      {d.partners.length >= MANY_PARTNERS && (
        <PartnerFilter t={t} id="filter-partners" label={t.filterPartners} rows="#partners-table tbody tr" />
      )}
      {d.partners.length > 0 && (
        <Scroll label={fill(t.tableRegion, { table: t.partnersHeading })}>
          <table class="setup-table partners-table" id="partners-table">
            <caption class="visually-hidden">{t.partnersHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{t.partner}</th>
                {ROLES.map((r) => (
                  <th scope="col" class="count">
                    {roleAtStart(t, r)}
                  </th>
                ))}
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {d.partners.map((p) => (
                <tr data-partner={p.name}>
                  <th scope="row" class="name">
                    {p.name}
                  </th>
                  {ROLES.map((r) => {
                    const n = p.headcounts[r]
                    // A group smaller than k is never shown: marked here, told once beside the links (BelowK).
                    // Judged as the open wave judges it, by the most it may take since it opened.
                    const below = belowGroupSize(p, r, d.groupSize, d.linkChanges)
                    const bound = groupBound(p, r, d.linkChanges)
                    return (
                      <td class="count" data-role={r} data-below-k={below ? '' : undefined}>
                        <span class="cell-label">{roleAtStart(t, r)}: </span>
                        {n == null ? <span class="muted">{t.headcountMissing}</span> : n}
                        {bound !== null && bound !== (n ?? null) && (
                          <span class="muted bound">{` ${fill(t.headcountBoundTag, { n: bound })}`}</span>
                        )}
                        {below && <span class="below-k">{` ${fill(t.belowKTag, { k: d.groupSize })}`}</span>}
                      </td>
                    )
                  })}
                  <td>
                    {/* Folded: forty open forms made the table 13,000 px tall (a lead's walk-through). */}
                    <details class="edit-partner">
                      <summary>
                        {t.editPartner}
                        <span class="visually-hidden">{`: ${p.name}`}</span>
                      </summary>
                      <ApiForm
                        class="counts-form"
                        api={`/api/programmes/${pid}/partners/${p.id}`}
                        method="PATCH"
                        status={`status-partner-${p.id}`}
                      >
                        <label for={`name-${p.id}`}>{fill(t.partnerNameOf, { partner: p.name })}</label>
                        <input id={`name-${p.id}`} name="name" required maxlength={200} value={p.name} />
                        <Counts prefix={`headcount-${p.id}`} partner={p} />
                        <button type="submit" class="secondary" aria-label={`${t.save}: ${p.name}`}>
                          {t.save}
                        </button>
                      </ApiForm>
                      <ApiButton
                        api={`/api/programmes/${pid}/partners/${p.id}`}
                        method="DELETE"
                        confirm={fill(t.confirmRemovePartner, { partner: p.name })}
                        status={`status-remove-partner-${p.id}`}
                        label={`${t.removePartner}: ${p.name}`}
                      >
                        {t.removePartner}
                      </ApiButton>
                      <Status id={`status-remove-partner-${p.id}`} />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {/* The lifecycle's rule (worker/domain/wave-lifecycle.ts `takesPart`): a partner added after a wave began takes no part in it. */}
      {openWave && (
        <p class="notice" id="partner-joins-next">
          {fill(t.partnerJoinsNext, { wave: openWave.label })}
        </p>
      )}
      <h3>{t.addPartner}</h3>
      <ApiForm class="stack-form" api={`/api/programmes/${pid}/partners`} method="POST" status="status-add-partner">
        <label for="partner-name">{t.partnerName}</label>
        <input
          id="partner-name"
          name="name"
          required
          maxlength={200}
          autocomplete="organization"
          aria-describedby={openWave ? 'partner-joins-next' : undefined}
        />
        <Counts prefix="partner-headcount" />
        <button type="submit">{t.addPartner}</button>
      </ApiForm>
      {/* 40 partners one by one took a lead's walk-through through the API; a sheet's rows paste here. */}
      <h3>{t.importPartnersHeading}</h3>
      <ApiForm
        class="stack-form"
        api={`/api/programmes/${pid}/partners/import`}
        method="POST"
        status="status-import-partners"
        show="added"
      >
        <label for="partners-paste">{t.importPartnersLabel}</label>
        <p id="partners-paste-hint" class="hint">
          {t.importPartnersHint}
        </p>
        <textarea
          id="partners-paste"
          name="text"
          rows={8}
          required
          spellcheck={false}
          autocomplete="off"
          aria-describedby="partners-paste-hint"
        ></textarea>
        <button type="submit">{t.importPartners}</button>
      </ApiForm>
      {/* After a paste that names headcounts the table has otherwise: web/setup.ts shows it, with the
          paste kept in the field, and sends that text again to write them (`headcounts: 'update'`). */}
      <button
        type="button"
        class="secondary"
        id="take-pasted-headcounts"
        data-api={`/api/programmes/${pid}/partners/import`}
        data-method="POST"
        data-show="added"
        data-status="status-import-partners"
        data-resend="partners-paste"
        aria-describedby="headcount-hint"
        hidden
      ></button>
    </section>
  )
}

function Waves({ t, d, lang }: { t: Messages; d: SetupData; lang: Lang }) {
  const pid = d.programme.id
  const latest = d.instruments.at(-1)
  // Each instrument's newest version is the recommended one, should there be more than one instrument.
  const newest = new Map<string, number>()
  for (const i of d.instruments) newest.set(i.id, Math.max(i.version, newest.get(i.id) ?? 0))
  return (
    <section aria-labelledby="waves-heading" id="waves">
      <h2 id="waves-heading">{t.wavesHeading}</h2>
      <p>{t.wavesIntro}</p>
      {d.waves.length > 0 && (
        <Scroll label={fill(t.tableRegion, { table: t.wavesHeading })}>
          <table class="setup-table">
            <caption class="visually-hidden">{t.wavesHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{t.wave}</th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {d.waves.map((w) => (
                <tr>
                  <th scope="row" class="name">
                    {w.label}
                  </th>
                  <td>
                    {longDate(lang, w.opensAt)} – {longDate(lang, lastOpenDay(w.closesAt))}
                    <br />
                    <span class="hint">{fill(t.instrumentVersion, { version: w.instrumentVersion })}</span>
                  </td>
                  <td>{t[`waveState_${w.state}`]}</td>
                  <td>
                    <div class="actions">
                      <a href={`?wave=${w.id}&lang=${lang}#links`}>{t.linksOf}</a>
                      {/* Closing at once was done by a last day of yesterday under "Change dates" (a lead's
                          walk-through): the API's own way, PATCH closesAt now (README, the API table). */}
                      {w.state === 'open' && (
                        <ApiForm
                          class="close-now"
                          api={`/api/waves/${w.id}`}
                          method="PATCH"
                          now="closesAt"
                          confirm={fill(t.confirmCloseWaveNow, { wave: w.label })}
                          status="status-waves"
                          statusApart
                        >
                          <button type="submit" class="secondary" aria-label={`${t.closeWaveNow}: ${w.label}`}>
                            {t.closeWaveNow}
                          </button>
                        </ApiForm>
                      )}
                      {/* A closed wave takes only a new label (worker/domain/wave-lifecycle.ts `changeWave`):
                          no date form that is refused whatever it says, but where its results are. */}
                      {w.state === 'closed' ? (
                        <p class="wave-closed">
                          {t.waveClosedNote}{' '}
                          <a href={`/app/programmes/${pid}?wave=${encodeURIComponent(w.id)}&lang=${lang}`}>
                            {fill(t.waveResultsOf, { wave: w.label })}
                          </a>
                        </p>
                      ) : (
                        <details>
                          <summary>{t.changeDates}</summary>
                          <ApiForm
                            class="stack-form"
                            api={`/api/waves/${w.id}`}
                            method="PATCH"
                            status={`status-wave-${w.id}`}
                            closing={w.state === 'open' ? w.id : undefined}
                          >
                            <label for={`opens-${w.id}`}>{t.opensOn}</label>
                            <input
                              id={`opens-${w.id}`}
                              name="opensAt"
                              type="date"
                              data-type="day-start"
                              value={firstOpenDay(w.opensAt)}
                              required
                            />
                            <label for={`closes-${w.id}`}>{t.openUntil}</label>
                            <input
                              id={`closes-${w.id}`}
                              name="closesAt"
                              type="date"
                              data-type="day-end"
                              value={lastOpenDay(w.closesAt)}
                              required
                            />
                            <button type="submit" class="secondary">
                              {t.save}
                            </button>
                          </ApiForm>
                        </details>
                      )}
                      {w.state === 'planned' && (
                        <ApiButton
                          api={`/api/waves/${w.id}`}
                          method="DELETE"
                          confirm={fill(t.confirmDeleteWave, { wave: w.label })}
                          status="status-waves"
                        >
                          {t.deleteWave}
                        </ApiButton>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <Status id="status-waves" />
      <h3>{t.addWave}</h3>
      <ApiForm class="stack-form" api={`/api/programmes/${pid}/waves`} method="POST" status="status-add-wave">
        <label for="wave-label">{t.waveLabel}</label>
        <input id="wave-label" name="label" required maxlength={200} aria-describedby="wave-label-hint" />
        <p id="wave-label-hint" class="hint">
          {t.waveLabelHint}
        </p>
        <label for="wave-instrument">{t.instrument}</label>
        <select
          id="wave-instrument"
          name="instrumentRef"
          data-type="instrument"
          aria-describedby="wave-instrument-hint"
        >
          {/* The newest first and marked: a lead took versions 1–4 beside it for equals (a walk-through). */}
          {[...d.instruments].reverse().map((i) => (
            <option value={`${i.id}@${i.version}`} selected={i === latest}>
              {`${i.title} (${fill(newest.get(i.id) === i.version ? t.instrumentVersionLatest : t.instrumentVersionEarlier, { version: i.version })})`}
            </option>
          ))}
        </select>
        <p id="wave-instrument-hint" class="hint">
          {t.instrumentHint}
        </p>
        <label for="wave-opens">{t.opensOn}</label>
        <input
          id="wave-opens"
          name="opensAt"
          type="date"
          data-type="day-start"
          required
          aria-describedby="wave-opens-hint"
        />
        {/* A wave opened today or before is open at once: links made then are on the record (a new lead's walk-through). */}
        <p id="wave-opens-hint" class="hint">
          {t.opensOnHint}
        </p>
        <label for="wave-closes">{t.openUntil}</label>
        <input id="wave-closes" name="closesAt" type="date" data-type="day-end" required />
        <button type="submit">{t.addWave}</button>
      </ApiForm>
    </section>
  )
}

/**
 * What the links section hands the script (`#setup-data`, schema/page-data.ts): the names the
 * API's answers are shown with, the invitation per role, and the words of the CSV and the sheets.
 */
function linksData(t: Messages, d: SetupData, lang: Lang): SetupLinksData | undefined {
  const wave = d.linkWave
  if (!wave) return undefined
  const until = longDate(lang, lastOpenDay(wave.closesAt))
  const roles = Object.fromEntries(ROLES.map((r) => [r, t[`role_${r}`]])) as Record<Role, string>
  // The invitation each role gets, with the minutes its questions in this instrument really take.
  const invitations = Object.fromEntries(
    ROLES.map((r) => [
      r,
      fill(t.respondentMessage, {
        date: until,
        minutes: countOf(t, lang, 'countMinutes', minutesFor(d.questions[r])),
        url: '{url}',
      }),
    ]),
  ) as Record<Role, string>
  return {
    partners: Object.fromEntries(d.partners.map((p) => [p.id, p.name])),
    roles,
    invitations,
    csv: {
      file: downloadName(['links', wave.label], 'csv'),
      fileNl: downloadName(['links', wave.label, 'excel-nl'], 'csv'),
      head: [t.partner, t.role, t.link, t.invitationColumn],
    },
    sheets: { wave: wave.label, until: fill(t.sheetUntil, { date: until }), scan: t.sheetScan, for: t.sheetFor },
    words: {
      copy: t.copy,
      copied: t.copied,
      qr: t.showQr,
      qrDownload: t.downloadQr,
      qrAlt: t.qrAlt,
      invite: t.copyInvitation,
      copiedAll: t.copiedAll,
      copiedAllInvitations: t.copiedAllInvitations,
      copyFailed: t.copyFailed,
    },
  }
}

/** Per open wave, what the script asks before a change closes it now, and from which last day it stays open. */
/** The messages a lead passes on with a one-time link, for this programme (`{date}`, `{url}` filled by web/setup.ts). */
const passOnMessages = (t: Messages, d: SetupData): SetupScriptData['messages'] => {
  const of = (text: string) => fill(text, { programme: d.programme.name, date: '{date}', url: '{url}' })
  return { invite: of(t.inviteMessage), reset: of(t.resetMessage), accept: of(t.acceptMessage) }
}

const closingData = (t: Messages, d: SetupData): SetupScriptData['closing'] =>
  Object.fromEntries(
    d.waves
      .filter((w) => w.state === 'open')
      .map((w) => [w.id, { confirm: fill(t.confirmCloseWave, { wave: w.label }), keptOpenFrom: firstDayKeptOpen() }]),
  )

/**
 * The groups of the shown wave whose known headcount is below k, told once beside the links'
 * actions: how many, what it means, what to do, which ones (folded), and a link for one of them
 * alone for a lead who asks it knowing. The link set for every group leaves them out
 * (`group-below-k`, worker/services/link-service.ts `linkSet`); a partner that joined later is
 * left out for its own reason.
 */
function BelowK({
  t,
  d,
  lang,
  wave,
}: {
  t: Messages
  d: SetupData
  lang: Lang
  wave: NonNullable<SetupData['linkWave']>
}) {
  const k = d.groupSize
  const groups = d.partners
    .filter((p) => takesPart(p, wave))
    .flatMap((p) =>
      ROLES.filter((r) => belowGroupSize(p, r, k, d.linkChanges)).map((r) => ({
        partner: p,
        role: r,
        hasLink: d.links.some((l) => !l.revoked && l.partnerId === p.id && l.role === r),
        n: groupBound(p, r, d.linkChanges)!,
        // A group emptied of its headcount meanwhile gets no link: not offered, its reason said.
        noLink: whyNoLink(wave, p, r),
      })),
    )
  if (groups.length === 0) return null
  return (
    <div class="notice below-k-summary" id="below-k">
      <p>
        <strong>{countOf(t, lang, 'belowK', groups.length, { k })}</strong> {t.belowKExplain}
      </p>
      <details>
        <summary>{t.belowKList}</summary>
        <ul class="below-k-list">
          {groups.map(({ partner, role, hasLink, n, noLink }) => (
            <li data-partner={partner.name}>
              {fill(t.belowKGroup, { partner: partner.name, role: t[`role_${role}`], n })}{' '}
              {hasLink ? (
                <span class="muted">{`(${t.belowKHasLink})`}</span>
              ) : noLink ? (
                <span class="muted">{`(${titleOf(noLink, lang)})`}</span>
              ) : (
                <ApiButton
                  api={`/api/waves/${wave.id}/link-set`}
                  method="POST"
                  body={bodyFor(LinkSetBody, { groups: [{ partnerId: partner.id, role }] })}
                  show="links"
                  status="status-links"
                  label={`${t.makeLinkAnyway}: ${partner.name}, ${t[`role_${role}`]}`}
                >
                  {t.makeLinkAnyway}
                </ApiButton>
              )}
            </li>
          ))}
        </ul>
      </details>
    </div>
  )
}

function Links({ t, d, lang }: { t: Messages; d: SetupData; lang: Lang }) {
  const wave = d.linkWave
  const partnerName = new Map(d.partners.map((p) => [p.id, p.name]))
  const roleName = (role: Role) => t[`role_${role}`]
  // Decided by the wave lifecycle (worker/services/setup-service.ts asks `waveState`).
  const closed = wave?.state === 'closed'
  return (
    <section aria-labelledby="links-heading" id="links">
      <h2 id="links-heading">{wave ? fill(t.linksHeadingOf, { wave: wave.label }) : t.linksHeading}</h2>
      <p>{t.linksIntro}</p>
      {!wave ? (
        <p>{t.linksNeedWave}</p>
      ) : d.partners.length === 0 ? (
        <p>{t.linksNeedPartners}</p>
      ) : (
        <>
          {!closed && (
            <div class="actions">
              <ApiButton
                primary
                api={`/api/waves/${wave.id}/link-set`}
                method="POST"
                show="links"
                status="status-links"
              >
                {t.makeLinks}
              </ApiButton>
              {d.links.some((l) => !l.revoked) && (
                <>
                  <ApiButton
                    api={`/api/waves/${wave.id}/link-set`}
                    method="POST"
                    body={bodyFor(LinkSetBody, { replace: true })}
                    confirm={t.confirmReplaceAll}
                    show="links"
                    status="status-links"
                  >
                    {t.replaceAllLinks}
                  </ApiButton>
                  <ApiButton
                    id="replace-chosen"
                    api={`/api/waves/${wave.id}/link-set`}
                    method="POST"
                    choose="group"
                    confirm={t.confirmReplaceChosen}
                    show="links"
                    status="status-links"
                  >
                    {t.replaceChosenLinks}
                  </ApiButton>
                </>
              )}
            </div>
          )}
          {!closed && d.links.some((l) => !l.revoked) && <p class="hint">{t.replaceHint}</p>}
          {!closed && <BelowK t={t} d={d} lang={lang} wave={wave} />}
          <Status id="status-links" />
          {d.partners.length >= MANY_PARTNERS && (
            <PartnerFilter
              t={t}
              id="filter-links"
              label={t.filterLinks}
              rows="#links-made tbody tr, #new-links tbody tr"
            />
          )}
          <div id="new-links" class="new-links" hidden>
            <h3 tabindex={-1}>{t.newLinksHeading}</h3>
            <p class="notice">{t.newLinksOnce}</p>
            <div class="actions">
              <button type="button" class="secondary" id="copy-all-links">
                {t.copyAll}
              </button>
              <button type="button" class="secondary" id="copy-all-invitations">
                {t.copyAllInvitations}
              </button>
              {/* Dutch Excel reads a comma file as one column: a semicolon one beside it, as the results' export. */}
              <button type="button" class="secondary" id="download-links" data-separator=",">
                {t.exportCsv}
              </button>
              <button type="button" class="secondary" id="download-links-nl" data-separator=";">
                {t.exportCsvNl}
              </button>
              <button type="button" class="secondary" id="print-links">
                {t.printSheets}
              </button>
            </div>
            <p id="status-new-links" class="form-status" role="status" aria-live="polite" hidden></p>
            {/* Folded by web/setup.ts from MANY_PARTNERS partners on: 120 rows were 15,000 px, and the copy, CSV and print above hold them all. */}
            <details id="new-links-each" class="fold" open data-summary={t.newLinksEach}>
              <summary></summary>
              <Scroll label={fill(t.tableRegion, { table: t.newLinksHeading })}>
                <table class="setup-table">
                  <caption class="visually-hidden">{t.newLinksHeading}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.partner}</th>
                      <th scope="col">{t.role}</th>
                      <th scope="col">{t.link}</th>
                    </tr>
                  </thead>
                  <tbody></tbody>
                </table>
              </Scroll>
            </details>
          </div>
          {d.links.length > 0 && (
            <details class="fold" id="links-made-fold" open={d.partners.length < MANY_PARTNERS}>
              <summary>{fill(t.linksMadeFolded, { n: d.links.length })}</summary>
              <Scroll label={fill(t.tableRegion, { table: t.linksMade })}>
                <table class="setup-table" id="links-made">
                  <caption>{t.linksMade}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.partner}</th>
                      <th scope="col">{t.role}</th>
                      <th scope="col">{t.state}</th>
                      <th scope="col">{t.actions}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.links.map((l) => {
                      const partner = partnerName.get(l.partnerId) ?? ''
                      return (
                        <tr data-partner={partner}>
                          <td class="name">{partner}</td>
                          <td class="name">{roleAtStart(t, l.role)}</td>
                          <td>
                            {l.revoked
                              ? t.linkRevoked
                              : closed
                                ? t.linkClosed
                                : l.sealed
                                  ? t.linkWaiting
                                  : t.linkActive}
                          </td>
                          <td>
                            {!l.revoked && !closed && (
                              <div class="actions">
                                <label class="choose">
                                  <input
                                    type="checkbox"
                                    name="group"
                                    value={bodyFor(LinkBody, { partnerId: l.partnerId, role: l.role })}
                                  />
                                  <span class="visually-hidden">
                                    {fill(t.chooseGroup, { partner, role: roleName(l.role) })}
                                  </span>
                                </label>
                                <ApiButton
                                  api={`/api/waves/${wave.id}/links/${l.id}`}
                                  method="DELETE"
                                  confirm={fill(t.confirmRevoke, { partner, role: roleName(l.role) })}
                                  status="status-links"
                                  label={`${t.revoke}: ${partner}, ${roleName(l.role)}`}
                                >
                                  {t.revoke}
                                </ApiButton>
                              </div>
                            )}
                          </td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </Scroll>
            </details>
          )}
          <p class="hint">
            <a href={`/app/programmes/${d.programme.id}?lang=${lang}`}>{t.toDashboard}</a>
          </p>
        </>
      )}
    </section>
  )
}

/**
 * While the shown wave is open: how many answered per partner and role, by the dashboard's rule
 * (none yet, fewer than k, the exact count from k on, with the rate where the headcount is known),
 * the days left, and a reminder per partner to paste in the lead's own mail or chat.
 */
function Participation({ t, d, lang }: { t: Messages; d: SetupData; lang: Lang }) {
  const wave = d.linkWave
  const p = d.participation
  if (!wave || !p) return null
  const until = longDate(lang, lastOpenDay(wave.closesAt))
  const left = daysLeft(wave.closesAt)
  const headcount = boundOf(d.partners, d.linkChanges)
  const cell = (x: (typeof p.partners)[number], role: Role, form: 'full' | 'sentence') =>
    participationText(t, lang, x.roles[role], p.k, form, headcount(x.id, role))
  // A reminder is for the people who have a link: a role without one is not in it, and a partner
  // without any link gets none.
  const reminded = p.partners.flatMap((x) => {
    const asked = ROLES.filter((r) => x.roles[r].status !== 'unasked')
    return asked.length ? [{ x, asked }] : []
  })
  return (
    <section aria-labelledby="setup-participation-heading" id="participation">
      <h2 id="setup-participation-heading">{`${t.participationHeading} · ${wave.label}`}</h2>
      <p>{fill(t.participationIntro, { k: p.k })}</p>
      <p class="notice" id="days-left">
        {left <= 1 ? fill(t.waveLastDay, { date: until }) : countOf(t, lang, 'waveDaysLeft', left, { date: until })}
      </p>
      {p.partners.length >= MANY_PARTNERS && (
        <PartnerFilter
          t={t}
          id="filter-participation"
          label={t.filterParticipation}
          rows="#setup-participation tbody tr, #reminders .reminder"
        />
      )}
      <ParticipationTable
        t={t}
        id="setup-participation"
        tableClass="setup-table"
        caption={`${t.participationHeading} · ${wave.label}`}
        captionHidden
        rows={p.partners}
        cell={(x, r) => cell(x, r, 'full')}
      />
      <h3>{t.remindersHeading}</h3>
      <p>{t.remindersIntro}</p>
      {/* Forty reminders of eight lines each were 13,000 px: folded from MANY_PARTNERS partners on. */}
      <details class="fold" id="reminders" open={p.partners.length < MANY_PARTNERS}>
        <summary>{fill(t.remindersFolded, { n: reminded.length })}</summary>
        {reminded.map(({ x, asked }) => {
          const id = `reminder-${x.id}`
          const counts = asked
            .map((r) => fill(t.reminderRole, { role: t[`role_${r}`], state: cell(x, r, 'sentence') }))
            .join('; ')
          return (
            <div class="reminder" data-partner={x.name}>
              <label for={id}>{fill(t.reminderLabel, { partner: x.name })}</label>
              <textarea id={id} class="message-field" readonly rows={8}>
                {fill(t.reminderMessage, { partner: x.name, date: until, counts, k: p.k })}
              </textarea>
              <button type="button" class="secondary" data-copy-from={id} aria-label={`${t.copyReminder}: ${x.name}`}>
                {t.copyReminder}
              </button>
            </div>
          )
        })}
      </details>
    </section>
  )
}

function Cadence({ t, d, lang }: { t: Messages; d: SetupData; lang: Lang }) {
  const p = d.programme
  return (
    <section aria-labelledby="cadence-heading" id="cadence">
      <h2 id="cadence-heading">{t.cadenceHeading}</h2>
      <p>{t.cadenceIntro}</p>
      <ApiForm class="stack-form" api={`/api/programmes/${p.id}`} method="PATCH" status="status-cadence">
        <label for="cadence-months">{t.cadenceMonths}</label>
        <input
          id="cadence-months"
          name="cadenceMonths"
          type="number"
          min="1"
          max="60"
          inputmode="numeric"
          data-type="number"
          value={p.cadenceMonths ?? ''}
          aria-describedby="cadence-hint"
        />
        <label for="cadence-days">{t.cadenceOpenDays}</label>
        <input
          id="cadence-days"
          name="cadenceOpenDays"
          type="number"
          min="1"
          max="365"
          inputmode="numeric"
          data-type="number"
          value={p.cadenceOpenDays ?? ''}
        />
        <label for="cadence-next">{t.cadenceNext}</label>
        <input
          id="cadence-next"
          name="nextWaveAt"
          type="date"
          data-type="day-start"
          value={p.nextWaveAt ? dayOf(p.nextWaveAt) : ''}
        />
        <p id="cadence-hint" class="hint">
          {t.cadenceHint}
          {d.referenceMonths === null ? null : ` ${fill(t.cadenceReferenceHint, { months: d.referenceMonths })}`}
        </p>
        {d.referenceMonths !== null && p.cadenceMonths !== null && p.cadenceMonths < d.referenceMonths && (
          <p class="notice" id="cadence-overlap" role="note">
            {fill(t.cadenceOverlap, { every: p.cadenceMonths, months: d.referenceMonths })}
          </p>
        )}
        <button type="submit">{t.save}</button>
      </ApiForm>
      {d.coming.length > 0 && (
        <>
          <h3>{t.comingHeading}</h3>
          <ul>
            {d.coming.map((w) => (
              <li>
                {longDate(lang, w.opensAt)} – {longDate(lang, lastOpenDay(w.closesAt))}
              </li>
            ))}
          </ul>
          <ApiButton
            api={`/api/programmes/${p.id}`}
            method="PATCH"
            body={bodyFor(ProgrammePatch, { nextWaveAt: d.coming[1]?.opensAt ?? null })}
            confirm={fill(t.confirmSkip, { date: longDate(lang, d.coming[0]!.opensAt) })}
            status="status-cadence"
          >
            {fill(t.skipNext, { date: longDate(lang, d.coming[0]!.opensAt) })}
          </ApiButton>
          <ApiButton
            api={`/api/programmes/${p.id}`}
            method="PATCH"
            body={bodyFor(ProgrammePatch, { cadenceMonths: null, cadenceOpenDays: null, nextWaveAt: null })}
            confirm={t.confirmStopCadence}
            status="status-cadence"
          >
            {t.stopCadence}
          </ApiButton>
        </>
      )}
    </section>
  )
}

function People({ t, d }: { t: Messages; d: SetupData }) {
  const pid = d.programme.id
  /** What the person's link button makes: an acceptance link while access is pending, else a reset or new invitation. */
  const linkLabel = (p: Person) => (p.pending ? t.newAcceptance : p.active ? t.resetPassword : t.newInvitation)
  const PartnerSelect = ({ id, value }: { id: string; value: string | null }) => (
    <select id={id} name="partnerId" data-type="nullable">
      <option value="" selected={value === null}>
        {t.allPartners}
      </option>
      {d.partners.map((p) => (
        <option value={p.id} selected={p.id === value}>
          {p.name}
        </option>
      ))}
    </select>
  )
  return (
    <section aria-labelledby="people-heading" id="people">
      <h2 id="people-heading">{t.peopleHeading}</h2>
      <p>{t.peopleIntro}</p>
      {d.people.length > 0 && (
        <Scroll label={fill(t.tableRegion, { table: t.peopleHeading })}>
          <table class="setup-table" id="people-table">
            <caption class="visually-hidden">{t.peopleHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.access}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {d.people.map((p) => (
                <tr>
                  <th scope="row">
                    <WrapAfter text={p.email} after={/[@.]/} class="address" />
                    <br />
                    <span class="hint">
                      {p.pending ? t.personPending : p.active ? t.personActive : t.personInvited}
                    </span>
                  </th>
                  <td>
                    {p.id === d.userId ? (
                      t[`personRole_${p.role}`]
                    ) : (
                      <ApiForm
                        class="stack-form"
                        api={`/api/programmes/${pid}/people/${p.id}`}
                        method="PATCH"
                        status={`status-person-${p.id}`}
                      >
                        <label for={`role-${p.id}`}>{t.role}</label>
                        <select id={`role-${p.id}`} name="role">
                          {(['lead', 'viewer'] as const).map((r) => (
                            <option value={r} selected={p.role === r}>
                              {t[`personRole_${r}`]}
                            </option>
                          ))}
                        </select>
                        <label for={`limit-${p.id}`}>{t.limitTo}</label>
                        <PartnerSelect id={`limit-${p.id}`} value={p.partnerId} />
                        <button type="submit" class="secondary" aria-label={`${t.save}: ${p.email}`}>
                          {t.save}
                        </button>
                      </ApiForm>
                    )}
                  </td>
                  <td>
                    <div class="actions">
                      {p.id !== d.userId && (
                        <>
                          {(p.pending || d.passwords) && (
                            <ApiButton
                              api={`/api/programmes/${pid}/people/${p.id}/password-link`}
                              method="POST"
                              show="url"
                              message={p.active ? 'reset' : 'invite'}
                              status={`status-person-link-${p.id}`}
                              label={`${linkLabel(p)}: ${p.email}`}
                            >
                              {linkLabel(p)}
                            </ApiButton>
                          )}
                          <ApiButton
                            api={`/api/programmes/${pid}/people/${p.id}`}
                            method="DELETE"
                            confirm={fill(t.confirmRemove, { email: p.email })}
                            status={`status-person-link-${p.id}`}
                            label={`${t.removePerson}: ${p.email}`}
                          >
                            {t.removePerson}
                          </ApiButton>
                          <Status id={`status-person-link-${p.id}`} />
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <h3>{t.invitePerson}</h3>
      <ApiForm
        class="stack-form"
        api={`/api/programmes/${pid}/people`}
        method="POST"
        show="url"
        message="invite"
        status="status-invite"
      >
        <label for="invite-email">{t.email}</label>
        <input id="invite-email" name="email" type="email" required autocomplete="off" />
        <label for="invite-role">{t.role}</label>
        <select id="invite-role" name="role">
          <option value="viewer">{t.personRole_viewer}</option>
          <option value="lead">{t.personRole_lead}</option>
        </select>
        <label for="invite-partner">{t.limitTo}</label>
        <PartnerSelect id="invite-partner" value={null} />
        <p class="hint">{t.inviteHint}</p>
        <button type="submit">{t.invite}</button>
      </ApiForm>
    </section>
  )
}

function Trail({ t, d, lang }: { t: Messages; d: SetupData; lang: Lang }) {
  const { entries, page, more } = d.trail
  const href = (n: number) => `?audit=${n}&lang=${lang}#trail`
  return (
    <section aria-labelledby="trail-heading" id="trail">
      <h2 id="trail-heading">{t.trailHeading}</h2>
      <p>{t.trailIntro}</p>
      {entries.length === 0 ? (
        <p>{t.trailEmpty}</p>
      ) : (
        <Scroll label={fill(t.tableRegion, { table: t.trailHeading })}>
          <table class="setup-table trail">
            <caption>{fill(t.trailCaption, { page })}</caption>
            <thead>
              <tr>
                <th scope="col">{t.trailWhen}</th>
                <th scope="col">{t.trailWho}</th>
                <th scope="col">{t.trailWhat}</th>
                <th scope="col">{t.trailDetail}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    <time datetime={e.at}>{minuteOf(lang, e.at)}</time>
                  </td>
                  <td>{e.actor === 'cadence' ? t.auditWord_cadence : e.actor}</td>
                  <td>{t[`audit:${e.action}`]}</td>
                  <td>{entryText(t, lang, e, d.dimensions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {(page > 1 || more) && (
        <nav aria-label={t.trailPages} class="actions">
          {page > 1 && <a href={href(page - 1)}>{t.trailNewer}</a>}
          {more && <a href={href(page + 1)}>{t.trailOlder}</a>}
        </nav>
      )}
    </section>
  )
}

export function SetupPage({ lang, d }: { lang: Lang; d: SetupData }) {
  const t = messages[lang]
  return (
    <AppPage
      lang={lang}
      title={fill(t.setupTitle, { programme: d.programme.name })}
      path={`/app/programmes/${d.programme.id}/setup`}
      scripts={[asset('setup.js')]}
    >
      <h1>{fill(t.setupTitle, { programme: d.programme.name })}</h1>
      <p>
        <a href={`/app/programmes/${d.programme.id}?lang=${lang}`}>{t.toDashboard}</a>
      </p>
      <Guide t={t} d={d} lang={lang} />
      <Partners t={t} d={d} />
      <Waves t={t} d={d} lang={lang} />
      <Links t={t} d={d} lang={lang} />
      <Participation t={t} d={d} lang={lang} />
      <Cadence t={t} d={d} lang={lang} />
      <People t={t} d={d} />
      <Trail t={t} d={d} lang={lang} />
      <SetupScriptBlock
        lang={lang}
        links={linksData(t, d, lang)}
        closing={closingData(t, d)}
        messages={passOnMessages(t, d)}
      />
    </AppPage>
  )
}
