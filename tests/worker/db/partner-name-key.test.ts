import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  createPartner,
  listPartners,
  partnerInsert,
  readPartner,
  updatePartner,
} from '../../../worker/db/programmes.ts'
import { programmeWith } from '../services/d1-fixtures.ts'

/**
 * A partner's name is unique per programme as a reader reads it, in the database itself
 * (schema/migrations/0018_partner_name_key.sql): what the service asks first in JavaScript, two
 * writes at the same moment could both pass.
 */

const none = { medewerker: null, teammanager: null, tactisch: null }

describe("the partners' name key", () => {
  it('refuses a second partner whose name differs only in capitals, spaces or composition, written past every check', async () => {
    const { programme } = await programmeWith([])
    expect(await createPartner(env.DB, programme.id, 'Politie Midden', none)).not.toBeNull()
    expect(await createPartner(env.DB, programme.id, 'politie  midden', none)).toBeNull()
    expect(await createPartner(env.DB, programme.id, 'POLITIE MIDDEN', none)).toBeNull()
    // É composed and decomposed, capital and small: one name to a reader (and beyond SQL's lower()).
    expect(await createPartner(env.DB, programme.id, 'Gemeente \u00c9de', none)).not.toBeNull()
    expect(await createPartner(env.DB, programme.id, 'gemeente e\u0301de', none)).toBeNull()
    // Without ON CONFLICT the statement fails, and with it the batch.
    const { statement } = partnerInsert(env.DB, programme.id, 'politie midden', none)
    await expect(statement.run()).rejects.toThrow(
      /UNIQUE constraint failed: partners\.programme_id, partners\.name_key/,
    )
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual([
      'Gemeente \u00c9de',
      'Politie Midden',
    ])
    // Another programme may have the name.
    const other = await programmeWith([])
    expect(await createPartner(env.DB, other.programme.id, 'politie midden', none)).not.toBeNull()
  })

  it('refuses a rename to a name another partner reads as, and keeps the key of a change of headcount', async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    const svb = partners[1]!
    expect(await updatePartner(env.DB, svb, { ...svb, name: 'uwv' })).toBe(false)
    expect(await updatePartner(env.DB, svb, { ...svb, name: 'S V B' })).toBe(true)
    const key = (id: string) =>
      env.DB.prepare('SELECT name_key FROM partners WHERE id = ?1').bind(id).first<string>('name_key')
    expect(await key(svb.id)).toBe('s v b')
    // Two that read alike from before the key (the migration gave the later one its id): a headcount still changes.
    await env.DB.prepare("UPDATE partners SET name = 'uwv', name_key = 'uwv #' || id WHERE id = ?1").bind(svb.id).run()
    const legacy = (await readPartner(env.DB, svb.id))!
    expect(
      await updatePartner(env.DB, legacy, { ...legacy, headcounts: { ...legacy.headcounts, medewerker: 3 } }),
    ).toBe(true)
    expect(await key(svb.id)).toBe(`uwv #${svb.id}`)
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name).sort()).toEqual(['UWV', 'uwv'])
  })
})
