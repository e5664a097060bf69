import { ROLES, type Role } from '../../schema/instrument.ts'
import { type Messages, roleAtStart } from '../i18n/messages.ts'
import type { Participation } from '../domain/participation.ts'
import { Scroll } from './layout.tsx'

/** A partner's participation per role, as the results page and the setup page both list it. */
type Row = { id?: string; name: string; roles: Record<Role, Participation> }

/**
 * The table of an open wave's participation, one row per partner and one column per role, shared
 * by the results page (worker/pages/results-page.tsx) and the setup page (worker/pages/setup-page.tsx);
 * `cell` words a group's count (worker/pages/participation-words.ts), a role without answers is muted.
 */
export function ParticipationTable<R extends Row>(props: {
  t: Messages
  id: string
  caption: string
  captionHidden?: boolean
  tableClass?: string
  rows: R[]
  cell: (row: R, role: Role) => string
}) {
  const { t, rows, cell } = props
  return (
    <Scroll label={t.participationHeading}>
      <table id={props.id} class={props.tableClass}>
        <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.partner}</th>
            {ROLES.map((r) => (
              <th scope="col">{roleAtStart(t, r)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {/* The setup page's partner filter finds a row by its partner (web/setup.ts). */}
          {rows.map((row) => (
            <tr data-partner={row.name}>
              <th scope="row" class="name">
                {row.name}
              </th>
              {ROLES.map((r) => (
                <td
                  data-role={r}
                  class={row.roles[r].status === 'none' || row.roles[r].status === 'unasked' ? 'muted' : undefined}
                >
                  {cell(row, r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}
