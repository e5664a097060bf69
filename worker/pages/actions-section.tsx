import { ACTION_STATUSES, ActionPolicyBody } from '../../schema/api.ts'
import type { Action } from '../db/actions.ts'
import { actionsInView, isOverdue, type ActionOutcome } from '../domain/action-outcomes.ts'
import { countOf, messages, type Lang, type Messages } from '../i18n/messages.ts'
import { SetupScriptBlock } from './app-frame.tsx'
import { bodyFor, SCRIPT_FORM } from './layout.tsx'
import { dimensionLabel } from './dimension-label.ts'
import type { Recordable } from '../services/action-service.ts'
import { TALL_HEATMAP } from './results-chart.ts'
import { dayOf, decimal as fmt, fill, longDate } from '../../schema/format.ts'

/**
 * Agreed actions on a page: the list (with the next wave's change of the dimension beside each)
 * and, for whoever may record them, a form to add one and a form per action to change it. The
 * forms are sent as JSON by the setup script (web/setup.ts, `data-api`), as every other form.
 */

type Named = { id: string; name: string }
type Dim = { key: string; label: Record<Lang, string> }

function Status({ id }: { id: string }) {
  return <p id={id} class="form-status" role="status" aria-live="polite" hidden></p>
}

const statusName = (t: Messages, s: (typeof ACTION_STATUSES)[number]) => t[`actions_status_${s}`]

/** "agreed in Autumn 2025 → +0.4, significant", or why there is no change beside it yet. */
export function outcomeText(lang: Lang, o: ActionOutcome): string {
  const t = messages[lang]
  if (!o.next) return fill(t.actions_outcomePending, { wave: o.agreedIn })
  // Which reason and which wave, as the trend's cell there says it (domain/action-outcomes.ts `noChangeBecause`).
  if (!o.change)
    return fill(o.why ? t.actions_outcomeNone : t.actions_outcomeHidden, {
      wave: o.agreedIn,
      next: o.next.label,
      reason: o.why
        ? fill(
            {
              few: t.actions_noChangeFew,
              'not-asked': t.actions_noChangeNotAsked,
              'not-partner': t.actions_noChangeNotPartner,
              'not-comparable': t.actions_noChangeNotComparable,
            }[o.why.because],
            { at: o.why.wave, from: o.agreedIn },
          )
        : '',
    })
  const f = fmt(lang)
  const signedOf = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${f.format(Math.abs(x))}`
  // Which way a clear change went, in words: "−0,7, een duidelijk verschil" read as good news (a lead's review).
  const words = !o.change.significant
    ? t.actions_outcomeChange
    : o.change.diff > 0
      ? t.actions_outcomeHigher
      : t.actions_outcomeLower
  const said = fill(words, {
    wave: o.agreedIn,
    next: o.next.label,
    diff: signedOf(o.change.diff),
  })
  // Beside the others, so a rise of every dimension is not read as the action's effect.
  if (!o.others) return said
  const { min, max } = o.others
  // Said where the action's dimension moved no further than the others, in shown steps: "+0,2, een
  // duidelijk verschil" beside others of +0,2 to +0,4 read as the action's success (a lead's review).
  const steps = (x: number) => Math.round(x * 10)
  const within = steps(o.change.diff) >= steps(min) && steps(o.change.diff) <= steps(max)
  return `${said} ${fill(min === max ? t.actions_outcomeOthersSame : t.actions_outcomeOthers, {
    min: signedOf(min),
    max: signedOf(max),
  })}${within ? ` ${t.actions_outcomeWithinOthers}` : ''}`
}

/** Up to `max` characters of a text, cut at the last space before them with "…", never mid-word. */
export function shortened(text: string, max = 60): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** One action, with its edit form when the reader may change it. */
function ActionItem({
  lang,
  pid,
  o,
  dims,
  partner,
  canWrite,
}: {
  lang: Lang
  pid: string
  o: ActionOutcome<Action>
  dims: Dim[]
  partner: string
  canWrite: boolean
}) {
  const t = messages[lang]
  const a = o.action
  const dim = dimensionLabel(dims, a.dimension, lang)
  const sid = `status-action-${a.id}`
  // Marked in words, in the list and in the report alike, while it is still open (`isOverdue`).
  const overdue = isOverdue(a, dayOf(new Date()))
  return (
    <li
      class={`action action-${a.status}`}
      data-action-dimension={a.dimension}
      data-action-partner={a.partnerId}
      data-action-wave={a.waveId}
    >
      <p>
        <strong>{`${dim}: `}</strong>
        {a.what}
      </p>
      <p class="action-meta">
        {[
          partner,
          a.owner ? fill(t.actions_by, { owner: a.owner }) : null,
          a.due ? fill(t.actions_dueOn, { due: longDate(lang, a.due) }) : null,
          statusName(t, a.status),
        ]
          .filter(Boolean)
          .join(' · ')}
        {overdue ? (
          <>
            {' · '}
            <strong class="action-overdue">{t.actions_overdue}</strong>
          </>
        ) : null}
      </p>
      <p class="action-outcome">{outcomeText(lang, o)}</p>
      {canWrite && (
        <details class="no-print">
          {/* The action's words whole where short, else cut at a word with "…" (the full text is just above). */}
          <summary title={a.what}>{fill(t.actions_edit, { what: shortened(a.what) })}</summary>
          <form
            {...SCRIPT_FORM}
            class="stack-form"
            data-api={`/api/programmes/${pid}/actions/${a.id}`}
            data-method="PATCH"
            data-status={sid}
          >
            <label for={`what-${a.id}`}>{t.actions_what}</label>
            <input id={`what-${a.id}`} name="what" required maxlength={500} value={a.what} />
            <label for={`owner-${a.id}`}>{t.actions_owner}</label>
            <input id={`owner-${a.id}`} name="owner" maxlength={200} data-type="nullable" value={a.owner ?? ''} />
            <label for={`due-${a.id}`}>{t.actions_due}</label>
            <input id={`due-${a.id}`} name="due" type="date" data-type="nullable" value={a.due ?? ''} />
            <label for={`state-${a.id}`}>{t.actions_status}</label>
            <select id={`state-${a.id}`} name="status">
              {ACTION_STATUSES.map((s) => (
                <option value={s} selected={s === a.status}>
                  {statusName(t, s)}
                </option>
              ))}
            </select>
            <button type="submit">{t.actions_save}</button>
          </form>
          <button
            type="button"
            class="secondary"
            data-api={`/api/programmes/${pid}/actions/${a.id}`}
            data-method="DELETE"
            data-confirm={t.actions_confirmRemove}
            data-status={sid}
          >
            {t.actions_remove}
          </button>
          <Status id={sid} />
        </details>
      )}
    </li>
  )
}

/**
 * The actions section. `waves` are the published waves an action may answer (the one shown
 * first); `partners` those the reader may record for, each with the dimensions it may be about
 * (action-service.ts `recordableFor`): the dimension list offers only those of the partner chosen.
 */
export function ActionsSection(props: {
  lang: Lang
  pid: string
  outcomes: ActionOutcome<Action>[]
  dims: Dim[]
  partners: Recordable[]
  waves: { id: string; label: string }[]
  canWrite: boolean
  headingLevel?: 'h2' | 'h3'
  /** Names of every partner an action may be of, when more than those the reader records for. */
  names?: Named[]
  /**
   * A partner and dimension to open the form with, chosen: a stand-out's next step
   * (worker/pages/results-standouts.tsx `Step`). Only a pair the form offers; any other is ignored.
   */
  agree?: { partnerId: string; dimension: string }
}) {
  const { lang, pid, outcomes, dims, partners, waves, canWrite } = props
  const t = messages[lang]
  const agree =
    props.agree &&
    partners.some((p) => p.id === props.agree!.partnerId && p.dimensions.includes(props.agree!.dimension))
      ? props.agree
      : undefined
  const H = props.headingLevel ?? 'h2'
  const nameOf = (id: string) => (props.names ?? partners).find((p) => p.id === id)?.name ?? ''
  return (
    <section aria-labelledby="actions-heading" class="actions-section">
      <H id="actions-heading">{t.actions_heading}</H>
      <p id="actions-intro">{t.actions_intro}</p>
      {outcomes.length === 0 ? (
        <p class="muted" id="actions-none">
          {t.actions_none}
        </p>
      ) : (
        <ul class="actions" id="actions-list">
          {outcomes.map((o) => (
            <ActionItem
              lang={lang}
              pid={pid}
              o={o}
              dims={dims}
              partner={nameOf(o.action.partnerId)}
              canWrite={canWrite}
            />
          ))}
        </ul>
      )}
      {canWrite && waves.length > 0 && partners.length > 0 && (
        <details class="no-print" id="action-add" open={agree ? true : undefined}>
          <summary>{t.actions_add}</summary>
          <form
            {...SCRIPT_FORM}
            class="stack-form"
            id="action-form"
            data-api={`/api/programmes/${pid}/actions`}
            data-method="POST"
            data-status="status-add-action"
          >
            <label for="action-wave">{t.actions_wave}</label>
            <select id="action-wave" name="waveId">
              {waves.map((w) => (
                <option value={w.id}>{w.label}</option>
              ))}
            </select>
            <label for="action-partner">{t.partner}</label>
            <select id="action-partner" name="partnerId">
              {partners.map((p) => (
                <option value={p.id} selected={p.id === agree?.partnerId ? true : undefined}>
                  {p.name}
                </option>
              ))}
            </select>
            <label for="action-dimension">{t.dimension}</label>
            {/* Each option names the partners it may be about; web/setup.ts (`data-follows`) leaves
                enabled those of the partner chosen, and without the script the API refuses the rest. */}
            <select id="action-dimension" name="dimension" data-follows="action-partner">
              {dims
                .filter((d) => partners.some((p) => p.dimensions.includes(d.key)))
                .map((d) => (
                  <option
                    value={d.key}
                    selected={d.key === agree?.dimension ? true : undefined}
                    data-for={partners
                      .filter((p) => p.dimensions.includes(d.key))
                      .map((p) => p.id)
                      .join(' ')}
                  >
                    {d.label[lang]}
                  </option>
                ))}
            </select>
            <label for="action-what">{t.actions_what}</label>
            <input id="action-what" name="what" required maxlength={500} aria-describedby="action-what-hint" />
            <p id="action-what-hint" class="hint">
              {t.actions_whatHint}
            </p>
            <label for="action-owner">{t.actions_owner}</label>
            <input id="action-owner" name="owner" maxlength={200} aria-describedby="action-owner-hint" />
            <p id="action-owner-hint" class="hint">
              {t.actions_ownerHint}
            </p>
            <label for="action-due">{t.actions_due}</label>
            <input id="action-due" name="due" type="date" />
            <label for="action-status">{t.actions_status}</label>
            <select id="action-status" name="status">
              {ACTION_STATUSES.map((s) => (
                <option value={s}>{statusName(t, s)}</option>
              ))}
            </select>
            <button type="submit">{t.actions_record}</button>
            <Status id="status-add-action" />
          </form>
        </details>
      )}
      {/* The words the setup script (web/setup.ts) says after sending a form. */}
      {canWrite && <SetupScriptBlock lang={lang} />}
    </section>
  )
}

/** A marker for a partner's cell of a dimension that has agreed actions: the count in text, for a heatmap or table cell. */
/** ", over tijd" after a marker whose one action is overdue, ", 2 over tijd" after several; nothing when none is. */
export function overdueWords(lang: Lang, count: number, overdue: number): string {
  const t = messages[lang]
  if (overdue === 0) return ''
  return `, ${count === 1 ? t.actions_overdueShort : fill(t.actions_overdueSome, { n: overdue })}`
}

export function ActionMarker({
  lang,
  count,
  overdue = 0,
  partnerId,
  dimension,
}: {
  lang: Lang
  count: number
  /** How many of them are overdue (`isOverdue`), said as the list beside says it. */
  overdue?: number
  partnerId: string
  dimension: string
}) {
  if (count === 0) return null
  const t = messages[lang]
  const text = `${countOf(t, lang, 'actions_marker', count)}${overdueWords(lang, count, overdue)}`
  return (
    <span class="action-marker" data-action-partner={partnerId} data-action-dimension={dimension} title={text}>
      {`⚑ ${text}`}
    </span>
  )
}

/**
 * On the results page: a report link per partner shown, with a marker per dimension that has
 * actions of the wave shown, and the form to record one.
 */
export function PartnerReports(props: {
  lang: Lang
  pid: string
  waveId: string
  role: string
  /** With the reason a partner's cell is hidden, said beside its report link: its report shows no numbers. */
  partners: (Named & { hidden?: string })[]
  outcomes: ActionOutcome<Action>[]
  dims: Dim[]
  waves: { id: string; label: string }[]
  writableFor: Recordable[]
  /** For a lead: whether viewers limited to one partner may record that partner's actions, with a button to change it. */
  policy?: { partnerViewers: boolean }
  /** The programme's waves, oldest first: the list holds the actions the heatmap marks (`actionsInView`). */
  shownWaves: { id: string; label: string }[]
  /** The partner and dimension the form opens with (`ActionsSection`). */
  agree?: { partnerId: string; dimension: string }
}) {
  const { lang, pid, waveId, role, partners, outcomes, dims } = props
  const t = messages[lang]
  // The shown wave's actions and those carried over from earlier waves: what the heatmap marks.
  const inView = actionsInView(
    outcomes.map((o) => ({ ...o, waveId: o.action.waveId })),
    props.shownWaves,
    waveId,
  )
  const today = dayOf(new Date())
  // Beside each report link, as in the heatmap: an action of an earlier wave still in view (overdue,
  // say) is what a lead preparing the partner's talk must see (a lead's review found only this wave's marked).
  const listed = inView.map((x) => x.action)
  return (
    <section aria-labelledby="reports-heading" class="partner-reports">
      <h2 id="reports-heading">{t.actions_reportsHeading}</h2>
      <p>{t.actions_reportsIntro}</p>
      {/* Past TALL_HEATMAP partners, in columns (web/results.css): 40 links one under another ran 1,500 px. */}
      <ul id="partner-reports" class={partners.length > TALL_HEATMAP ? 'report-columns' : undefined}>
        {partners.map((p) => {
          const mine = listed.filter((o) => o.action.partnerId === p.id)
          return (
            <li data-partner={p.id}>
              <a
                href={`/app/programmes/${pid}/partners/${p.id}/report?wave=${encodeURIComponent(waveId)}&role=${role}&lang=${lang}`}
              >
                {fill(t.actions_reportLink, { partner: p.name })}
              </a>
              {p.hidden ? <span class="muted">{` · ${p.hidden}`}</span> : null}
              {dims
                .map((d) => {
                  const of = mine.filter((o) => o.action.dimension === d.key).map((o) => o.action)
                  return { d, count: of.length, overdue: of.filter((a) => isOverdue(a, today)).length }
                })
                .filter((x) => x.count > 0)
                .map((x) => (
                  <>
                    {' · '}
                    {x.d.label[lang]}{' '}
                    <ActionMarker
                      lang={lang}
                      count={x.count}
                      overdue={x.overdue}
                      partnerId={p.id}
                      dimension={x.d.key}
                    />
                  </>
                ))}
            </li>
          )
        })}
      </ul>
      {props.policy && (
        <div class="no-print" id="action-policy">
          {props.policy.partnerViewers ? t.actions_policyPartnerViewers : t.actions_policyLeads}{' '}
          <button
            type="button"
            class="secondary"
            data-api={`/api/programmes/${pid}/action-policy`}
            data-method="PUT"
            data-body={bodyFor(ActionPolicyBody, { partnerViewers: !props.policy.partnerViewers })}
            data-status="status-action-policy"
          >
            {props.policy.partnerViewers ? t.actions_policyToLeads : t.actions_policyToPartnerViewers}
          </button>
          <Status id="status-action-policy" />
        </div>
      )}
      <ActionsSection
        lang={lang}
        pid={pid}
        outcomes={listed}
        dims={dims}
        partners={props.writableFor}
        waves={props.waves}
        canWrite={props.writableFor.length > 0}
        headingLevel="h3"
        names={partners}
        agree={props.agree}
      />
    </section>
  )
}
