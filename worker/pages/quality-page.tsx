import { decimal, percent } from '../../schema/format.ts'
import { ROLES } from '../../schema/instrument.ts'
import { scoredQuestions } from '../domain/instrument-rules.ts'
import {
  ALPHA_TOTAL_MAX_ICC,
  alphaVerdict,
  CLEAR_ICC,
  iccVerdict,
  itemVerdict,
  MIN_COMPLETE_CASES,
  WEAK_ITEM_REST,
  type ItemQuality,
} from '../domain/measurement-quality.ts'
import type { Programme } from '../db/programmes.ts'
import { messages, type Lang } from '../i18n/messages.ts'
import type { Quality } from '../services/quality-service.ts'
import { AppPage } from './app-frame.tsx'
import { Scroll } from './layout.tsx'
import { dimensionLabel } from './dimension-label.ts'
import { fill } from '../../schema/format.ts'

type Props = { lang: Lang; programme: Programme; q: Quality; waves: { id: string; label: string }[]; path: string }

/**
 * How well the instrument measured in one published wave × role (worker/services/quality-service.ts):
 * per question the "don't know" rate and the shares at the ends of the scale, per scale a verdict
 * in words with α, item–rest r, α if dropped and ICC one click away, and how many answer sets are
 * complete per scale and over every question (what α and the export's listwise matrices rest on).
 */
export function QualityPage({ lang, programme, q, waves, path }: Props) {
  const t = messages[lang]
  const pct = percent(lang)
  const dec = decimal(lang, 2)
  const num = (x: number | null) => (x === null ? t.qualityNone : dec.format(x))
  // Group sizes (n₀, the mean) at one decimal: n₀ is seldom whole.
  const size = decimal(lang, 1)
  // A p at three decimals, and below 0.001 as "< 0.001": 0.000 would read as certainty.
  const pValue = (p: number) => (p < 0.001 ? `< ${decimal(lang, 3).format(0.001)}` : decimal(lang, 3).format(p))
  const share = (x: number | null) => (x === null ? t.qualityNone : pct.format(x))
  const base = `/app/programmes/${programme.id}`
  // One question's verdict in words (measurement-quality.ts `itemVerdict`); null where α is not shown.
  const itemWords = (i: ItemQuality, alpha: number | null): string | null => {
    const v = itemVerdict(i, alpha)
    if (v === 'unknown') return null
    const weak = fill(t.qualityItemWeak, { r: num(i.itemRest), min: dec.format(WEAK_ITEM_REST) })
    const raises = fill(t.qualityItemRaises, { without: num(i.alphaIfDropped), alpha: num(alpha) })
    return v === 'fits' ? t.qualityItemFits : v === 'weak' ? weak : v === 'raises' ? raises : `${weak} ${raises}`
  }
  return (
    <AppPage lang={lang} title={`${programme.name} · ${t.qualityTitle}`} path={path}>
      <h1>{`${t.qualityTitle} · ${programme.name}`}</h1>
      <p>
        <a href={`${base}?wave=${encodeURIComponent(q.wave.id)}&role=${q.role}&lang=${lang}`}>{t.qualityBack}</a>
      </p>
      <form class="pickers" method="get" action={`${base}/quality`}>
        <input type="hidden" name="lang" value={lang} />
        <div>
          <label for="pick-wave">{t.wave}</label>
          <select id="pick-wave" name="wave">
            {waves.map((w) => (
              <option value={w.id} selected={w.id === q.wave.id}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="pick-role">{t.role}</label>
          <select id="pick-role" name="role">
            {ROLES.map((r) => (
              <option value={r} selected={r === q.role}>
                {t[`roleView_${r}`]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.show}</button>
      </form>
      {!q.shown ? (
        <p class="notice" id="quality-not-shown">
          {q.because === 'open'
            ? t.qualityNotOpen
            : q.because === 'respondents'
              ? fill(t.qualityNotRespondents, { n: q.minRespondents })
              : q.because === 'partners'
                ? fill(t.qualityNotPartners, { p: q.minPartners })
                : fill(t.qualityNotHidden, { n: q.minRespondents, p: q.minPartners })}
        </p>
      ) : (
        <>
          <p>
            {fill(t.qualityIntro, {
              wave: q.wave.label,
              role: t[`role_${q.role}`],
              respondents: q.quality.respondents,
              partners: q.partners,
            })}
          </p>
          {q.partnersLeftOut > 0 ? (
            <p id="quality-left-out">
              {fill(t.qualityLeftOut, { left: q.partnersLeftOut, shown: q.partners + q.partnersLeftOut })}
            </p>
          ) : null}
          <p>
            <a
              href={`/api/programmes/${programme.id}/quality/moments.json?wave=${encodeURIComponent(q.wave.id)}&role=${q.role}`}
              download
            >
              {t.qualityExport}
            </a>
          </p>
          <section aria-labelledby="complete-heading">
            <h2 id="complete-heading">{t.qualityCompleteHeading}</h2>
            <p>{fill(t.qualityCompleteNote, { respondents: q.complete.respondents })}</p>
            <Scroll label={t.qualityCompleteHeading}>
              <table id="quality-complete">
                <caption>{`${t.qualityCompleteHeading} · ${q.wave.label} · ${t[`role_${q.role}`]}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.qualityScale}</th>
                    <th scope="col">{t.qualityCompleteCount}</th>
                    <th scope="col">{t.qualityCompleteShare}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.instrument.dimensions
                    .filter((d) => q.complete.scales[d.key])
                    .map((d) => {
                      const c = q.complete.scales[d.key]!
                      return (
                        <tr>
                          <th scope="row">{d.label[lang]}</th>
                          <td>{c.n}</td>
                          <td>{pct.format(c.share)}</td>
                        </tr>
                      )
                    })}
                  <tr>
                    <th scope="row">{t.qualityCompleteAll}</th>
                    <td>{q.complete.allItems ? q.complete.allItems.n : t.qualityNone}</td>
                    <td>{q.complete.allItems ? pct.format(q.complete.allItems.share) : t.qualityNone}</td>
                  </tr>
                </tbody>
              </table>
            </Scroll>
          </section>
          <section aria-labelledby="scales-heading">
            <h2 id="scales-heading">{t.qualityScalesHeading}</h2>
            {q.instrument.dimensions
              .filter((d) => q.quality.scales[d.key])
              .map((d) => {
                const s = q.quality.scales[d.key]!
                const icc = q.icc[d.key] ?? null
                // α over all partners together (a pool kept before the within moments, or a scale
                // where a partner has too few complete answer sets for them) also counts the
                // differences between partners, so where those are more than ALPHA_TOTAL_MAX_ICC it
                // gets no verdict, nor do its questions (measurement-quality.ts `ScaleQuality.basis`).
                const judged = s.basis === 'within' || (icc !== null && icc.icc1 <= ALPHA_TOTAL_MAX_ICC)
                const alpha = judged ? s.alpha : null
                const agree = alphaVerdict(alpha)
                const questions = new Map(
                  scoredQuestions(q.instrument, q.role).map((x) => [x.name, x.wording[q.role]![lang]]),
                )
                const flagged = s.items.filter((i) => !['fits', 'unknown'].includes(itemVerdict(i, alpha)))
                return (
                  <section class="quality-scale" aria-labelledby={`scale-${d.key}`}>
                    <h3 id={`scale-${d.key}`}>{d.label[lang]}</h3>
                    <p>
                      {agree === 'well'
                        ? t.qualityAgreeWell
                        : agree === 'fair'
                          ? t.qualityAgreeFair
                          : agree === 'poor'
                            ? t.qualityAgreePoor
                            : s.alpha !== null && !judged
                              ? fill(t.qualityAgreeTotalNoVerdict, { max: dec.format(ALPHA_TOTAL_MAX_ICC) })
                              : q.smallDifference.includes(d.key)
                                ? t.qualityAgreeSmallDifference
                                : !s.enough
                                  ? fill(t.qualityAgreeFewComplete, { n: s.n, min: MIN_COMPLETE_CASES })
                                  : t.qualityAgreeUnknown}
                      {icc &&
                        ` ${fill(
                          {
                            differ: t.qualityPartnersDiffer,
                            some: t.qualityPartnersSome,
                            small: t.qualityPartnersSmall,
                            chance: t.qualityPartnersLittle,
                          }[iccVerdict(icc)],
                          { min: dec.format(CLEAR_ICC), p: pValue(icc.p) },
                        )}`}
                    </p>
                    {flagged.length > 0 ? (
                      <>
                        <p>{t.qualityItemsFlagged}</p>
                        <ul class="quality-flagged">
                          {flagged.map((i) => (
                            <li>{`${questions.get(i.name) ?? i.name} — ${itemWords(i, alpha)}`}</li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                    <details>
                      <summary>{t.qualityNumbers}</summary>
                      <p>
                        {fill(s.basis === 'within' ? t.qualityAlphaWithin : t.qualityAlphaTotal, {
                          alpha: num(s.alpha),
                          n: s.n,
                        })}
                      </p>
                      <p>
                        {icc
                          ? fill(t.qualityIcc, {
                              icc1: num(icc.icc1),
                              icc2: num(icc.icc2),
                              n0: size.format(icc.n0),
                              mean: size.format(icc.meanSize),
                              atMean: num(icc.icc2AtMean),
                              f: size.format(icc.f),
                              df1: icc.df1,
                              df2: icc.df2,
                              p: pValue(icc.p),
                              low: num(icc.ci90[0]),
                              high: num(icc.ci90[1]),
                            })
                          : t.qualityIccNone}
                      </p>
                      <Scroll label={`${d.label[lang]} · ${t.qualityNumbers}`}>
                        <table>
                          <caption>{`${d.label[lang]} · ${t.qualityNumbers}`}</caption>
                          <thead>
                            <tr>
                              <th scope="col">{t.qualityQuestion}</th>
                              <th scope="col">{t.qualityItemRest}</th>
                              <th scope="col">{t.qualityAlphaIfDropped}</th>
                              <th scope="col">{t.qualityItemVerdict}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {s.items.map((i) => (
                              <tr>
                                <th scope="row">{questions.get(i.name) ?? i.name}</th>
                                <td>{num(i.itemRest)}</td>
                                <td>{num(i.alphaIfDropped)}</td>
                                <td>{itemWords(i, alpha) ?? t.qualityNone}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </Scroll>
                    </details>
                  </section>
                )
              })}
          </section>
          <section aria-labelledby="questions-heading">
            <h2 id="questions-heading">{t.qualityQuestionsHeading}</h2>
            <p>{t.qualityQuestionsNote}</p>
            <Scroll label={t.qualityQuestionsHeading}>
              <table id="quality-questions">
                <caption>{`${t.qualityQuestionsHeading} · ${q.wave.label} · ${t[`role_${q.role}`]}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.qualityQuestion}</th>
                    <th scope="col">{t.qualityScale}</th>
                    <th scope="col">{t.qualityDontKnow}</th>
                    <th scope="col">{t.qualityFloor}</th>
                    <th scope="col">{t.qualityCeiling}</th>
                  </tr>
                </thead>
                <tbody>
                  {scoredQuestions(q.instrument, q.role).map((x) => {
                    const row = q.quality.questions.find((r) => r.name === x.name)!
                    // The pool counts the raw lowest and highest answers (measurement-quality.ts
                    // `addAnswerSet`); of a reverse-keyed question the raw lowest is the favourable
                    // end, so the columns read them after reversal and the row says it is reversed.
                    const [unfavourable, favourable] = x.reverse
                      ? [row.ceilingShare, row.floorShare]
                      : [row.floorShare, row.ceilingShare]
                    return (
                      <tr data-question={x.name}>
                        <th scope="row">
                          {x.wording[q.role]![lang]}
                          {x.reverse ? <span class="quality-reversed">{` ${t.qualityReversed}`}</span> : null}
                        </th>
                        <td>{dimensionLabel(q.instrument.dimensions, x.dimension, lang)}</td>
                        <td>{share(row.dontKnowRate)}</td>
                        <td>{share(unfavourable)}</td>
                        <td>{share(favourable)}</td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </Scroll>
          </section>
        </>
      )}
    </AppPage>
  )
}
