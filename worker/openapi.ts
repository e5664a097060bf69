import { z } from 'zod'
import { REFUSALS } from './http/problem.ts'
import {
  AuditQuery,
  DashboardQuery,
  LinkBody,
  PartnerBody,
  PartnerPatch,
  PasswordBody,
  PersonBody,
  PersonPatch,
  ProgrammeBody,
  ProgrammePatch,
  ResponseBody,
  SessionBody,
  TrendQuery,
  WaveBody,
  WavePatch,
} from '../schema/api.ts'

/**
 * The OpenAPI description of the JSON API, with request bodies generated from the same zod
 * schemas the routes validate with, so the document cannot drift from what is enforced.
 * A test checks that every /api route of the router is in it.
 */
type Op = { summary: string; who: string; body?: z.ZodType; query?: z.ZodObject; ok: string; errors: number[] }

const OPS: Record<string, Op> = {
  'GET /api/health': { summary: 'D1 answers', who: 'anyone', ok: '200 { ok: true }', errors: [500] },
  'GET /api/openapi.json': { summary: 'This description', who: 'anyone', ok: '200', errors: [] },
  'POST /api/session': { summary: 'Sign in; sets an HttpOnly SameSite=Strict cookie', who: 'anyone', body: SessionBody, ok: '204', errors: [400, 401, 429] },
  'DELETE /api/session': { summary: 'Sign out', who: 'signed in', ok: '204', errors: [] },
  'GET /api/programmes': { summary: 'Programmes you may see', who: 'signed in', ok: '200 { programmes }', errors: [401] },
  'POST /api/programmes': { summary: 'Create a programme; a lead who creates one leads it', who: 'admin, lead', body: ProgrammeBody, ok: '201 { id }', errors: [400, 401, 403] },
  'GET /api/programmes/{pid}': { summary: 'A programme with partners and waves', who: 'lead, viewer', ok: '200', errors: [401, 404] },
  'PATCH /api/programmes/{pid}': { summary: 'Rename; set retention and the re-assessment cadence', who: 'lead', body: ProgrammePatch, ok: '200 the programme', errors: [400, 401, 403, 404] },
  'POST /api/programmes/{pid}/partners': { summary: 'Add a chain partner', who: 'lead', body: PartnerBody, ok: '201 { id }', errors: [400, 401, 403, 404, 409] },
  'PATCH /api/programmes/{pid}/partners/{partnerId}': { summary: 'Rename a partner or set its headcount', who: 'lead', body: PartnerPatch, ok: '200 the partner', errors: [400, 401, 403, 404, 409] },
  'POST /api/programmes/{pid}/waves': { summary: 'Add an assessment wave; waves may not overlap', who: 'lead', body: WaveBody, ok: '201 { id }', errors: [400, 401, 403, 404, 409] },
  'GET /api/programmes/{pid}/people': { summary: 'People with access to the programme', who: 'lead', ok: '200 { people }', errors: [401, 403, 404] },
  'POST /api/programmes/{pid}/people': { summary: 'Give someone access; a new person gets a one-time invitation link; an existing account gets the access pending, with a link to accept it (unless an administrator grants it)', who: 'lead', body: PersonBody, ok: '201 { id, pending, invitation, acceptance }', errors: [400, 401, 403, 404, 409] },
  'PATCH /api/programmes/{pid}/people/{uid}': { summary: 'Change a person\'s role or partner limit', who: 'lead', body: PersonPatch, ok: '200 the person', errors: [400, 401, 403, 404, 409] },
  'DELETE /api/programmes/{pid}/people/{uid}': { summary: 'Take a person\'s access away', who: 'lead', ok: '204', errors: [401, 403, 404, 409] },
  'POST /api/programmes/{pid}/people/{uid}/password-link': { summary: 'A one-time link: to accept pending access, or to set a new password (only for someone whose every access is in programmes you lead, never an administrator)', who: 'lead, admin', ok: '201 { url, expiresAt, purpose }', errors: [401, 403, 404, 409] },
  'GET /api/password-links/{token}': { summary: 'Whom a one-time link is for, and whether it may set a password now', who: 'anyone with the link', ok: '200 { email, purpose, expiresAt, programme, setsPassword }', errors: [404, 410] },
  'POST /api/password-links/{token}': { summary: 'Set a password through a one-time link (accepting its access, if any); ends every session of the person', who: 'anyone with the link', body: PasswordBody, ok: '204', errors: [400, 403, 404, 410] },
  'POST /api/password-links/{token}/accept': { summary: 'Accept pending access, signed in as the account it was granted to', who: 'the link\'s own account, signed in', ok: '200 { programmeId }', errors: [401, 403, 404, 409, 410] },
  'GET /api/programmes/{pid}/audit': { summary: 'The programme\'s trail of who did what, newest first, a page at a time', who: 'lead, admin', query: AuditQuery, ok: '200 { entries, page, pageSize, more }', errors: [400, 401, 403, 404] },
  'PATCH /api/waves/{wid}': { summary: 'Change a wave; closesAt in the past closes it; the instrument only before it opens', who: 'lead', body: WavePatch, ok: '200 the wave', errors: [400, 401, 403, 404, 409] },
  'DELETE /api/waves/{wid}': { summary: 'Drop a wave that has not opened', who: 'lead', ok: '204', errors: [401, 403, 404, 409] },
  'GET /api/waves/{wid}/links': { summary: 'The wave\'s links, without tokens', who: 'lead', ok: '200 { links }', errors: [401, 403, 404] },
  'POST /api/waves/{wid}/links': { summary: 'Make a collector link; the token is shown once', who: 'lead', body: LinkBody, ok: '201 { id, token, url }', errors: [400, 401, 403, 404] },
  'POST /api/waves/{wid}/link-set': { summary: 'A working link for every partner and role: made or revealed now, shown once', who: 'lead', ok: '201 { links }', errors: [401, 403, 404] },
  'DELETE /api/waves/{wid}/links/{lid}': { summary: 'Revoke a link', who: 'lead', ok: '204', errors: [401, 403, 404] },
  'GET /api/instruments/{id}/{version}/{role}': { summary: 'The SurveyJS JSON of an instrument version for a role; cached for a year (versions never change)', who: 'anyone', ok: '200', errors: [404] },
  'GET /api/s/{token}': { summary: 'The survey of a link', who: 'anyone with the link', ok: '200 { instrument, wave, partner, role, closesAt }', errors: [404, 410] },
  'POST /api/s/{token}/responses': { summary: 'Submit an answer set once', who: 'anyone with the link', body: ResponseBody, ok: '201 stored, 200 same id again', errors: [400, 404, 409, 410, 413, 415, 429] },
  'GET /api/programmes/{pid}/dashboard': { summary: 'Scores per partner and for the programme, suppression applied, with the manager–staff gap', who: 'lead, viewer', query: DashboardQuery, ok: '200', errors: [400, 401, 404] },
  'GET /api/programmes/{pid}/trend': { summary: 'A partner\'s or the programme\'s cells per wave with Welch\'s test', who: 'lead, viewer', query: TrendQuery, ok: '200', errors: [400, 401, 404] },
  'GET /api/programmes/{pid}/export.csv': { summary: 'The visible cells of a wave as CSV', who: 'lead', ok: '200 text/csv', errors: [400, 401, 403, 404] },
}

const Problem = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    status: { type: 'integer' },
    title: { type: 'string' },
    detail: { type: 'string', description: 'what to do about it, in Dutch for ?lang=nl or Accept-Language: nl, else in English' },
    code: { type: 'string', enum: Object.keys(REFUSALS), description: 'stable and machine-readable; the values the detail names are further properties' },
  },
  required: ['status', 'title', 'detail', 'code'],
}

let cached: Record<string, unknown> | undefined

export function openApi(): Record<string, unknown> {
  if (cached) return cached
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [key, op] of Object.entries(OPS)) {
    const [method, path] = key.split(' ') as [string, string]
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    const query = op.query
      ? Object.entries((z.toJSONSchema(op.query, { io: 'input' }) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : []
    paths[path] ??= {}
    paths[path][method.toLowerCase()] = {
      summary: op.summary,
      description: `Who: ${op.who}.`,
      parameters: [...params, ...query],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: {
        [op.ok.slice(0, 3)]: { description: op.ok },
        ...Object.fromEntries(op.errors.map((s) => [String(s), { description: 'problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }])),
      },
    }
  }
  cached = {
    openapi: '3.1.0',
    info: { title: 'Ketenradar API', version: '1', description: 'JSON API of Ketenradar. State-changing requests must be application/json and same-origin.' },
    paths,
    components: { schemas: { Problem } },
  }
  return cached
}
