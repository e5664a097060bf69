/**
 * A group's headcount as the statements that take answer sets read it: the largest it has been
 * since its wave opened. A headcount changed while a wave is open is recorded for that wave
 * (`wave_changes`, worker/services/partner-service.ts `changePartner`), the first change with what
 * it was at the opening; so the largest of the partner's headcount now and every recorded value is
 * the largest since the opening. A lowering thus counts from the next wave on: had it counted at
 * once, a lead holding the link could lower the headcount step by step and read whether the link
 * says "complete" (`GET /api/s/:token`, 409) — a binary search for the exact count of a group too
 * small to show one (tests/worker/anonymity/group-complete.test.ts). Raising it counts at once, as
 * the group may take more answer sets, and it is recorded beside the wave's numbers. No headcount
 * at all (0 or NULL, ever) is NULL: the group takes no answer sets.
 *
 * `wave`, `partner` and `role` are SQL expressions (columns or parameters) naming the group.
 */
export const GROUP_HEADCOUNT_SQL = (wave: string, partner: string, role: string) =>
  `nullif(max(
     coalesce((SELECT CASE ${role} WHEN 'teammanager' THEN hp.headcount_teammanager WHEN 'tactisch' THEN hp.headcount_tactisch ELSE hp.headcount END
               FROM partners hp WHERE hp.id = ${partner}), 0),
     coalesce((SELECT max(max(coalesce(hc.headcount_from, 0), coalesce(hc.headcount_to, 0))) FROM wave_changes hc
               WHERE hc.wave_id = ${wave} AND hc.partner_id = ${partner} AND hc.role = ${role} AND hc.kind = 'headcount'), 0)
   ), 0)`
