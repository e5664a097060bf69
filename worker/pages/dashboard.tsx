import { asset } from '../assets.ts'
import type { Dashboard, Trend } from '../dashboard.ts'
import type { CellView, Score } from '../domain/dashboard.ts'
import { messages, type Lang, type Messages } from '../i18n/index.ts'
import { AppPage } from './app.tsx'
import { fill, inlineJson } from './layout.tsx'

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies; dashes are the second cue. */
export const PALETTE = ['#E69F00', '#0072B2', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#8C6D00', '#000000']
export const DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 4], [16, 6], [1, 6], [6, 2, 1, 2]]
const ROLES = ['medewerker', 'teammanager', 'tactisch'] as const

type Props = { lang: Lang; d: Dashboard; trend: Trend; trendKey: string; path: string }

const fmt = (lang: Lang, digits = 1) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })

function ScoreCell({ s, lang, d, t }: { s: Score | null | undefined; lang: Lang; d: Dashboard; t: Messages }) {
  if (!s) return <td class="muted">{t.tooFewForDimension}</td>
  const f = fmt(lang)
  const level = d.levels.find((l) => l.level === s.level)
  return (
    <td>
      <span class="mean">{f.format(s.mean)}</span>
      {s.ci95 ? <span class="ci"> ({f.format(s.ci95[0])}–{f.format(s.ci95[1])})</span> : null}
      <br />
      <span class={`level level-${s.level}`}>{level?.name[lang]}</span>
      {s.capped ? <span class="capped" title={fill(t.cappedExplain, { sd: fmt(lang).format(d.dispersionCap.sdAbove), level: d.dispersionCap.maxLevel })}> *{fill(t.capped, { level: d.dispersionCap.maxLevel })}</span> : null}
    </td>
  )
}

function ScoreTable({ id, lang, d, keys, caption }: { id: string; lang: Lang; d: Dashboard; keys: string[]; caption: string }) {
  const t = messages[lang]
  const dims = d.dimensions.filter((x) => keys.includes(x.key))
  const rows: [string, CellView & { responseRate?: number | null }][] = [[t.programmeWhole, d.programme], ...d.partners.map((p): [string, typeof p] => [p.name, p])]
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={caption}>
      <table class="scores" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.partner}</th>
            <th scope="col">{t.responses}</th>
            {d.role === 'medewerker' ? <th scope="col">{t.responseRate}</th> : null}
            {dims.map((x) => (
              <th scope="col">{x.label[lang]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, cell]) => (
            <tr>
              <th scope="row">{name}</th>
              {cell.suppressed ? (
                <td colspan={dims.length + (d.role === 'medewerker' ? 2 : 1)} class="suppressed">
                  {fill(t.suppressed, { k: d.k })}
                </td>
              ) : (
                <>
                  <td>{cell.n}</td>
                  {d.role === 'medewerker' ? <td>{cell.responseRate != null ? `${fmt(lang, 0).format(cell.responseRate * 100)}%` : '–'}</td> : null}
                  {dims.map((x) => (
                    <ScoreCell s={cell.scores?.[x.key]} lang={lang} d={d} t={t} />
                  ))}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function TrendTable({ lang, d, trend }: { lang: Lang; d: Dashboard; trend: Trend }) {
  const t = messages[lang]
  const f = fmt(lang)
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={t.trendCaption}>
      <table class="trend">
        <caption>{t.trendCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.dimension}</th>
            {trend.waves.map((w) => (
              <th scope="col">{w.wave.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.dimensions.map((dim) => (
            <tr>
              <th scope="row">{dim.label[lang]}</th>
              {trend.waves.map((w) => {
                if (w.suppressed) return <td class="suppressed">{fill(t.suppressed, { k: d.k })}</td>
                const s = w.scores?.[dim.key]
                const change = w.change?.[dim.key]
                const marker = change?.significant ? (change.diff > 0 ? t.changeUp : t.changeDown) : null
                return (
                  <td>
                    {s ? f.format(s.mean) : '–'}
                    {marker ? <span class={change!.diff > 0 ? 'up' : 'down'}> {marker}</span> : null}
                    {w.notComparable.includes(dim.key) ? <span class="muted"> ({t.notComparable})</span> : null}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The maturity dashboard: radar and table side by side, indicators, gap, trend, exports, explanations. */
export function DashboardPage({ lang, d, trend, trendKey, path }: Props) {
  const t = messages[lang]
  const f = fmt(lang)
  const radarKeys = d.dimensions.filter((x) => x.radar).map((x) => x.key)
  const otherKeys = d.dimensions.filter((x) => !x.radar).map((x) => x.key)
  const visible = d.partners.filter((p) => !p.suppressed)
  const dataset = (label: string, cell: CellView, index: number) => ({ label, index, values: radarKeys.map((k) => cell.scores?.[k]?.mean ?? null) })
  const island = {
    lang,
    dimensions: d.dimensions.filter((x) => x.radar).map((x) => x.label[lang]),
    allDimensions: d.dimensions.map((x) => x.label[lang]),
    levels: d.levels.map((l) => ({ level: l.level, name: l.name[lang], from: l.from, to: l.to })),
    palette: PALETTE,
    dashes: DASHES,
    radar: [
      ...(d.programme.suppressed ? [] : [dataset(t.programmeWhole, d.programme, PALETTE.length - 1)]),
      ...d.partners.flatMap((p, i) => (p.suppressed ? [] : [dataset(p.name, p, i % (PALETTE.length - 1))])),
    ],
    trend: {
      labels: trend.waves.map((w) => w.wave.label),
      series: d.dimensions.map((dim, i) => ({ label: dim.label[lang], index: i % PALETTE.length, values: trend.waves.map((w) => w.scores?.[dim.key]?.mean ?? null) })),
    },
    strings: { downloadPng: t.downloadPng },
  }
  const who = trend.partner?.name ?? t.programmeWhole
  const roleLabel = t[`roleView_${d.role}`]
  return (
    <AppPage lang={lang} title={`${d.programme.name} · ${t.dashboardTitle}`} path={path} scripts={[asset('dashboard.js')]} styles={[asset('dashboard.css')]}>
      <h1>{d.programme.name}</h1>
      <form class="pickers" method="get" action={`/app/programmes/${d.programme.id}`}>
        <input type="hidden" name="lang" value={lang} />
        <label for="pick-wave">{t.wave}</label>
        <select id="pick-wave" name="wave" data-autosubmit>
          {d.waves.map((w) => (
            <option value={w.id} selected={w.id === d.wave.id}>{`${w.label} (${t[`waveState_${w.state}`]})`}</option>
          ))}
        </select>
        <label for="pick-role">{t.role}</label>
        <select id="pick-role" name="role" data-autosubmit>
          {ROLES.map((r) => (
            <option value={r} selected={r === d.role}>{t[`roleView_${r}`]}</option>
          ))}
        </select>
        <label for="pick-trend">{t.trendOf}</label>
        <select id="pick-trend" name="trend" data-autosubmit>
          <option value="programme" selected={trendKey === 'programme'}>{t.programmeWhole}</option>
          {d.partners.map((p) => (
            <option value={p.id} selected={trendKey === p.id}>{p.name}</option>
          ))}
        </select>
        <button type="submit">{t.show}</button>
      </form>
      <p class="notice">{fill(t.suppressedExplain, { k: d.k })}</p>

      <section aria-labelledby="radar-heading" class="radar-section">
        <h2 id="radar-heading">{`${t.radarHeading} · ${roleLabel} · ${d.wave.label}`}</h2>
        <div class="radar-layout">
          <figure class="chart">
            <canvas id="radar" role="img" aria-label={fill(t.radarAlt, { partners: [t.programmeWhole, ...visible.map((p) => p.name)].join(', ') })} width="560" height="560"></canvas>
            <figcaption>
              <fieldset class="toggles">
                <legend>{t.partnersShown}</legend>
                <div id="radar-toggles"></div>
              </fieldset>
              <p class="rings">
                {t.levelRings}: {d.levels.map((l) => `${l.level} ${l.name[lang]} (${f.format(l.from)}–${f.format(l.to)})`).join(' · ')}
              </p>
              <button type="button" class="secondary" data-png="radar">{t.downloadPng}</button>
            </figcaption>
          </figure>
          <div class="radar-side">
            <h3>{t.indicatorsHeading}</h3>
            <ScoreTable id="scores-indicators" lang={lang} d={d} keys={otherKeys} caption={t.indicatorsHeading} />
          </div>
        </div>
        <h3>{t.tableHeading}</h3>
        <ScoreTable id="scores-radar" lang={lang} d={d} keys={radarKeys} caption={fill(t.tableCaption, { role: roleLabel, wave: d.wave.label })} />
      </section>

      <section aria-labelledby="gap-heading">
        <h2 id="gap-heading">{t.gapHeading}</h2>
        <p>{t.gapIntro}</p>
        {d.gap.length === 0 ? (
          <p class="notice">{t.gapNone}</p>
        ) : (
          <div class="table-scroll" tabindex={0} role="region" aria-label={t.gapHeading}>
            <table class="gap">
              <caption>{`${t.gapHeading} · ${d.wave.label}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.partner}</th>
                  <th scope="col">{t.dimension}</th>
                  <th scope="col">{t.managerView}</th>
                  <th scope="col">{t.staffView}</th>
                  <th scope="col">{t.gap}</th>
                </tr>
              </thead>
              <tbody>
                {d.gap.map((g) => (
                  <tr>
                    <th scope="row">{g.partner}</th>
                    <td>{d.dimensions.find((x) => x.key === g.dimension)?.label[lang]}</td>
                    <td>{f.format(g.manager)}</td>
                    <td>{f.format(g.staff)}</td>
                    <td class={g.gap > 0 ? 'gap-positive' : ''}>{`${g.gap > 0 ? '+' : ''}${f.format(g.gap)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">{`${t.trendHeading}: ${who} · ${roleLabel}`}</h2>
        <p>{t.trendExplain}</p>
        <figure class="chart">
          <canvas id="trend" role="img" aria-label={fill(t.trendAlt, { who })} width="720" height="360"></canvas>
          <figcaption>
            <button type="button" class="secondary" data-png="trend">{t.downloadPng}</button>
          </figcaption>
        </figure>
        <TrendTable lang={lang} d={d} trend={trend} />
      </section>

      <section aria-labelledby="export-heading" class="no-print">
        <h2 id="export-heading">{t.exportHeading}</h2>
        <ul class="exports">
          <li><a href={`/api/programmes/${d.programme.id}/export.csv?wave=${d.wave.id}&lang=${lang}`} download>{t.exportCsv}</a></li>
          <li><a href={`/api/programmes/${d.programme.id}/export.csv?wave=${d.wave.id}&lang=${lang}&sep=semicolon`} download>{t.exportCsvNl}</a></li>
          <li><button type="button" class="secondary" data-print>{t.print}</button></li>
        </ul>
      </section>

      <section aria-labelledby="explain-heading">
        <h2 id="explain-heading">{t.levelsHeading}</h2>
        {d.levels.map((l) => (
          <details>
            <summary>{`${l.level}. ${l.name[lang]} (${f.format(l.from)}–${f.format(l.to)})`}</summary>
            <p>{l.description[lang]}</p>
            <ul>
              {d.dimensions.map((dim) => (
                <li><strong>{dim.label[lang]}:</strong> {l.behaviour[dim.key]?.[lang]}</li>
              ))}
            </ul>
          </details>
        ))}
        <p>{fill(t.cappedExplain, { sd: f.format(d.dispersionCap.sdAbove), level: d.dispersionCap.maxLevel })}</p>
        <h2>{t.dimensionsHeading}</h2>
        {d.dimensions.map((dim) => (
          <details>
            <summary>{dim.label[lang]}</summary>
            <p>{dim.description[lang]}</p>
          </details>
        ))}
      </section>
      <script type="application/json" id="dashboard-data" dangerouslySetInnerHTML={{ __html: inlineJson(island) }} />
    </AppPage>
  )
}
