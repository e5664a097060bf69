import { asset } from '../assets.ts'
import type { Programme } from '../db/programmes.ts'
import { messages, type Lang } from '../i18n/messages.ts'
import { fill } from '../../schema/format.ts'
import { AppPage, SetupScriptBlock } from './app-frame.tsx'
import { SCRIPT_FORM } from './layout.tsx'

/** The programmes a signed-in reader may open, and (for who may) the form that creates one. */
export function ProgrammesPage({
  lang,
  programmes,
  canCreate,
}: {
  lang: Lang
  programmes: (Programme & { canLead: boolean })[]
  canCreate: boolean
}) {
  const t = messages[lang]
  return (
    <AppPage
      lang={lang}
      title={t.programmesTitle}
      path="/app/programmes"
      scripts={canCreate ? [asset('setup.js')] : []}
    >
      <h1>{t.programmesTitle}</h1>
      {canCreate && <SetupScriptBlock lang={lang} />}
      {programmes.length === 0 ? (
        <p>{canCreate ? t.noProgrammesYet : t.noProgrammes}</p>
      ) : (
        <ul class="programme-list">
          {programmes.map((p) => (
            <li>
              <a href={`/app/programmes/${p.id}?lang=${lang}`}>{p.name}</a>
              {p.canLead && (
                <>
                  {' · '}
                  <a
                    href={`/app/programmes/${p.id}/setup?lang=${lang}`}
                    aria-label={fill(t.setupOf, { programme: p.name })}
                  >
                    {t.setupHeading}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <section aria-labelledby="new-programme-heading">
          <h2 id="new-programme-heading">{t.newProgramme}</h2>
          <p>{t.newProgrammeIntro}</p>
          <form
            {...SCRIPT_FORM}
            class="stack-form"
            data-api="/api/programmes"
            data-method="POST"
            data-then="/app/programmes/{id}/setup"
            data-status="status-programme"
          >
            <label for="programme-name">{t.programmeName}</label>
            <input id="programme-name" name="name" required maxlength={200} />
            <button type="submit">{t.createProgramme}</button>
            <p id="status-programme" class="form-status" role="status" aria-live="polite" hidden></p>
          </form>
        </section>
      )}
    </AppPage>
  )
}
