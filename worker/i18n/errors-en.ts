import { dayIn, lastDayIn } from '../../schema/format.ts'
import type { ErrorCatalogue, ErrorCode } from './errors.ts'
import { answerProblemIn, describeFields, lineFaultIn } from './field-messages.ts'

/** English wording of every refusal: the same codes and parameters as errors-nl.ts (the type checks it). */
export const errorsEn: ErrorCatalogue = {
  'not-found': (p) => `There is nothing at ${p.path}. See the API table in the README.`,
  'page-not-found': (p) => `There is nothing at this address (${p.path}).`,
  'script-required': () =>
    'This form works only with JavaScript, which is turned off in your browser or did not load. Nothing was saved. Turn JavaScript on, go back and fill in the form again.',
  'method-not-allowed': (p) => `${p.path} answers ${p.allowed}, not ${p.method}.`,
  'unreadable-request': () => 'The request could not be read. Send a JSON object.',
  'invalid-request': (p) => describeFields('en', p.issues),
  'internal-error': () => 'Something went wrong on our side; nothing was stored. Please try again in a minute.',
  'too-many-requests': (p) =>
    `Too many ${{ 'signin-client': 'sign-in attempts from your network', signin: 'sign-in attempts for this account from your network', submit: 'submissions for this survey link' }[p.limit]} in a short time. Wait a minute and try again.`,
  'cross-origin': (p) => `Requests to this API must come from ${p.expected}, not ${p.origin}.`,
  'unsupported-media-type': (p) =>
    `Send the body as JSON with the header "Content-Type: application/json"${p.mediaType ? `, not "${p.mediaType}"` : ''}.`,
  'request-too-large': (p) =>
    `The body is larger than ${p.maxKb} KB; a survey response or admin request is far smaller.`,
  'access-required': () =>
    "This page is only reachable through your organisation's Cloudflare Access sign-in. Open it again from the Access app launcher.",
  'no-account': () =>
    'Your Cloudflare Access identity has no account in Ketenradar. Ask a programme lead to invite your e-mail address.',
  'not-signed-in': () => 'Sign in first (POST /api/session with your e-mail and password).',

  'signed-in-by-access': () =>
    'This installation signs people in through Cloudflare Access; there is no password sign-in.',
  'sign-in-failed': () => 'The e-mail address or password is not right. Check both and try again.',
  'no-passwords-behind-access': () =>
    'This installation signs people in through Cloudflare Access; there is no password to invite to or reset.',
  'link-not-found': () => 'This link does not exist or was used already. Ask your programme lead for a new one.',
  'link-used': () => 'This link was used already. Ask your programme lead for a new one.',
  'link-expired': () => 'This link has expired. Ask your programme lead for a new one.',
  'link-cannot-set-password': (p) =>
    `This link cannot set a password for ${p.email}: the account is an administrator's, or has access that ${p.issuer ?? 'its issuer'} does not lead.${p.accept ? ` Sign in as ${p.email} and accept through this link instead,` : ''} or ask an administrator for a reset link.`,
  'nothing-to-accept': () => 'This link sets a password; it grants no access to accept. Open it and choose a password.',
  'link-for-someone-else': (p) =>
    `This link is for ${p.linkEmail}, and you are signed in as ${p.userEmail}. Sign out and sign in as ${p.linkEmail} to accept.`,
  'ask-an-administrator': (p) =>
    ({
      administrator: `${p.email} is an administrator: only another administrator may issue them a password link.`,
      'more-access': `${p.email} may do more in Ketenradar than you may (start programmes), so only an administrator may issue them a password link.`,
      'other-programme': `${p.email} also has access to a programme you do not lead, so only an administrator may issue them a password link.`,
    })[p.reason],

  'programme-not-found': (p) => `There is no programme "${p.programmeId}" that you have access to.`,
  'lead-only': () => 'Only a lead of this programme may do this.',
  'create-programme-not-allowed': () => 'Only an administrator or a programme lead may create a programme.',
  'invalid-cadence': (p) =>
    `A wave open ${p.openDays} days would overlap the next one, which opens ${p.months === 1 ? '1 month' : `${p.months} months`} later. Choose fewer days open or a longer cadence.`,
  'incomplete-cadence': () =>
    'A cadence needs cadenceMonths, cadenceOpenDays and nextWaveAt (the date the next wave opens).',
  'partner-exists': (p) => `This programme already has a partner named "${p.name}". Choose another name.`,
  'partner-not-found': () => 'This programme has no such partner.',
  'partner-removed-meanwhile': (p) =>
    `Partner "${p.name}" was removed meanwhile, by someone else; nothing was changed. Reload the page to see the partners as they are now.`,
  'partner-changed-meanwhile': (p) =>
    `Partner "${p.name}" was changed meanwhile (its name or headcounts), by someone else; nothing was changed. Reload the page and make the change again on what it holds now.`,
  'person-changed-meanwhile': (p) =>
    `The access of ${p.email} was changed or taken away meanwhile, by someone else; nothing was changed. Reload the page and see what it holds now.`,
  'wave-removed-meanwhile': (p) =>
    `Wave "${p.label}" was removed meanwhile, by someone else; nothing was changed. Reload the page to see the waves as they are now.`,
  'no-partner-lines': () => 'The text holds no partner. Paste one partner a line: the name, then the number of staff.',
  'too-many-partner-lines': (p) =>
    `The text has ${p.count} lines with a partner; at most ${p.max} can be added at once. Nothing was added: split the list over several pastes.`,
  'partner-paste-too-large': (p) =>
    `The pasted text is larger than ${p.maxKb} KB, more than ${p.maxLines} lines with a partner can take. Nothing was added: paste at most ${p.maxLines} lines at once, and check that nothing but the partners was pasted with them.`,
  'partner-lines-invalid': (p) =>
    `Nothing was added: ${new Set(p.faults.map((f) => f.line)).size === 1 ? 'one line is' : `${new Set(p.faults.map((f) => f.line)).size} lines are`} not right. ${p.faults.map((f) => lineFaultIn('en', f)).join('. ')}.`,
  'partner-has-answers': (p) =>
    `"${p.name}" has answers in a wave; they are part of that wave's results, so the partner stays. Rename it if its name is out of date.`,
  'partner-has-links': (p) =>
    `"${p.name}" has working links in the open wave, so someone may be answering now. Withdraw its links first, then remove it.`,
  'partner-has-viewers': (p) =>
    `Some people see only "${p.name}". Give them another partner or the whole programme under "People" first, then remove it.`,
  'unknown-partner': (p) => `"${p.partnerId}" is not a partner of this programme.`,
  'lead-sees-every-partner': () =>
    'A lead reads the whole programme; leave the partner empty (partnerId), or make the person a viewer.',
  'person-not-found': () => 'Nobody with this id has access to this programme.',
  'that-is-you': () => 'You cannot change or remove your own access; ask another lead or an administrator.',
  'administrator-address': () =>
    "This is the administrator's address; only an administrator may give it access to a programme.",
  'already-has-access': (p) =>
    `${p.email} already has access to this programme (or it waits for them to accept it); change their role instead.`,

  'wave-not-found': (p) => `There is no wave "${p.waveId}" that you have access to.`,
  'wave-lead-only': () => 'Only a lead of this programme may change its waves.',
  'wave-overlap': (p) =>
    `The wave "${p.label}" runs from ${dayIn('en', p.firstDay)} to ${dayIn('en', p.lastDay)} inclusive; waves of one programme may not overlap. Choose dates outside it.`,
  'unknown-instrument': (p) =>
    `There is no instrument "${p.instrument}"${p.version ? ` version ${p.version}` : ''}. Available: ${p.known.map((i) => `${i.id} (versions ${i.versions.join(', ')})`).join('; ')}.`,
  'unknown-instrument-version': (p) => `There is no version ${p.version} of "${p.instrument}".`,
  'wave-exists': (p) =>
    `This programme already has a wave labelled "${p.label}"; pickers and exports name waves by label. Choose another label.`,
  'wave-label-taken': (p) => `This programme already has a wave labelled "${p.label}". Choose another label.`,
  'closes-before-opens': () => 'closesAt must be later than opensAt.',
  'closes-in-past': () =>
    'A wave that has not opened cannot close in the past: it would never take answers. Choose a closing date after now.',
  'wave-open': () =>
    'An open wave cannot be deleted: respondents may be answering it. Close it by moving its closing date to now; a closed wave without answers can then be deleted.',
  'wave-has-answers': () =>
    "This wave holds answers and its results are published; it cannot be deleted. Whole waves are removed only by the programme's wave retention.",
  'wave-closed': () =>
    'A closed wave is final: its dates and instrument stay as they were, so its published results never change. Plan a new wave instead.',
  'wave-opened-instrument': () =>
    'The instrument of a wave cannot change once it has opened: answers to one version are not answers to another.',
  'wave-opened-dates': () =>
    'A wave that has opened keeps its opening date: moving it would make the wave planned again or change who took part. Change only its closing date.',
  'wave-changed': () =>
    'The wave opened, closed or received answers just now, so this change no longer applies. Reload the page to see its state and try again.',
  'wave-closed-for-links': () => 'This wave has closed; it takes no more answers, so it gets no new links.',
  'partner-joined-later': (p) =>
    `"${p.partner}" joined the programme after this wave opened, so it takes no part in this wave; it will in the next one.`,
  'headcount-needed': (p) =>
    `Enter how many people "${p.partner}" has in this role first (the headcount): a group takes at most that many answer sets.`,
  'group-below-k': (p) =>
    `"${p.partner}" has ${p.n} people in this role, fewer than ${p.k}: their answers are never shown and do not count in the programme as a whole, so this group got no link. If the number is wrong, correct it at the partner; to ask the group anyway, make a link for this group alone.`,
  'unknown-wave-partner': (p) => `Partner "${p.partnerId}" is not a partner of this wave's programme.`,
  'wave-link-not-found': () => 'This wave has no such link.',
  'instrument-not-found': () =>
    'There is no such instrument version or role. Roles: medewerker, teammanager, tactisch.',

  'no-such-wave': (p) => `This programme has no wave "${p.wave}". Leave "wave" out for the latest one.`,
  'no-waves': () => 'This programme has no assessment wave yet. Create one first.',
  'no-such-partner': (p) =>
    `This programme has no partner "${p.partner}" that you may see. Leave "partner" out for the programme as a whole.`,
  'wave-not-closed': (p) =>
    `The wave "${p.label}" has no results yet: they are published once, when it closes. Export a closed wave.`,
  'quality-admin-only': () =>
    "Measurement quality is for the platform's administrators: it shows how answers go together across questions, and a programme lead who added partners of their own and answered for them could take those answers out of it and read a small group's. Ask an administrator for it.",
  'quality-not-available': (p) =>
    `The pooled moments of "${p.label}" for this role are not available: they are given for a closed wave, from ${p.respondents} answer sets of at least ${p.partners} partners whose results are shown, and only when no smaller group answered.`,

  'unknown-survey-link': () =>
    'This survey link does not exist or was withdrawn. Check that you copied the whole link, or ask whoever sent it for a new one.',
  'survey-closed': (p) =>
    `This survey was open until ${lastDayIn('en', p.closesAt)} inclusive; answers can no longer be given.`,
  'survey-not-open': (p) => `This survey opens on ${dayIn('en', p.opensAt)}.`,
  'group-complete': () =>
    'Everyone in this group has already answered: the survey takes as many answer sets as the group has people. Thank you all the same. If you have not answered and think you should, tell whoever sent you the link.',
  'group-uncounted': () =>
    'This link does not take answers yet: the number of people in this group has not been entered. Tell whoever sent you the link; your answers would otherwise not be counted.',
  'response-id-used': () =>
    'A different answer set was already stored under this id; the first one is kept. Make a new id for a new attempt.',
  'invalid-answers': (p) => p.problems.map((x) => answerProblemIn('en', x)).join('; '),
  'no-scores': () =>
    'This answer set has no score on any dimension: every question was answered "don\'t know" (or too few per dimension). Choose an answer on the scale where you can; "don\'t know" is fine for the rest.',
  'survey-changed': () =>
    'This survey was changed just before it opened; reload the page to answer the current questions.',

  // Agreed actions and the partner report.
  'action-writer-only': () =>
    'Only a lead of this programme may record agreed actions here (or a viewer of one partner, for that partner, when the lead allows it).',
  'action-not-found': (p) => `This programme has no agreed action "${p.action}" that you may see.`,
  'action-removed-meanwhile': (p) =>
    `The agreed action "${p.what}" was removed meanwhile, by someone else; nothing was changed. Reload the page to see the actions as they are now.`,
  'action-changed-meanwhile': (p) =>
    `The agreed action "${p.what}" was changed meanwhile, by someone else; nothing was changed. Reload the page and make the change again on what it holds now.`,
  'action-unknown-wave': (p) => `"${p.waveId}" is not a wave of this programme (waveId).`,
  'action-wave-not-published': (p) =>
    `The results of "${p.label}" are not published yet: record actions once the wave has closed.`,
  'action-unknown-partner': (p) => `"${p.partnerId}" is not a partner that took part in "${p.label}" (partnerId).`,
  'action-unknown-dimension': (p) =>
    `"${p.dimension}" is not a dimension of this wave's instrument; use one of: ${p.dimensions}.`,
  'action-hidden-group': (p) =>
    `The results of "${p.label}" show no score of ${p.partner} on "${p.nameEn}" (too few answers, or hidden so that a small group cannot be worked out): an action would name a group the results keep hidden. Record it for a group the results show.`,
  'action-not-asked': (p) =>
    `${p.partner} was not asked "${p.nameEn}" in "${p.label}" (no survey link was made for a role that answers it): there are no results for an action to answer.`,
  'questions-unknown-dimension': (p) =>
    `"${p.dimension}" is not a dimension the role ${p.role} was asked in this wave; give "questions" as "all" or one of: ${p.dimensions}.`,
  'report-partner-not-found': (p) => `This programme has no partner "${p.partner}" whose report you may read.`,
}

/** The title of every refusal in English (worker/i18n/errors-nl.ts `titlesNl`). */
export const titlesEn: Record<ErrorCode, string> = {
  'not-found': 'Not found',
  'page-not-found': 'Page not found',
  'script-required': 'JavaScript required',
  'method-not-allowed': 'Method not allowed',
  'unreadable-request': 'Invalid request',
  'invalid-request': 'Invalid request',
  'internal-error': 'Internal error',
  'too-many-requests': 'Too many requests',
  'cross-origin': 'Cross-origin request refused',
  'unsupported-media-type': 'Unsupported media type',
  'request-too-large': 'Request too large',
  'access-required': 'Cloudflare Access required',
  'no-account': 'No access',
  'not-signed-in': 'Not signed in',
  'signed-in-by-access': 'Signed in by Cloudflare Access',
  'sign-in-failed': 'Sign-in failed',
  'no-passwords-behind-access': 'No passwords behind Access',
  'link-not-found': 'Link not found',
  'link-used': 'Link not found',
  'link-expired': 'Link expired',
  'link-cannot-set-password': 'Link cannot set a password',
  'nothing-to-accept': 'Nothing to accept',
  'link-for-someone-else': 'Link is for someone else',
  'ask-an-administrator': 'Ask an administrator',
  'programme-not-found': 'Programme not found',
  'lead-only': 'Not allowed',
  'create-programme-not-allowed': 'Not allowed',
  'invalid-cadence': 'Invalid cadence',
  'incomplete-cadence': 'Incomplete cadence',
  'partner-exists': 'Partner exists',
  'partner-not-found': 'Partner not found',
  'partner-removed-meanwhile': 'Partner removed meanwhile',
  'partner-changed-meanwhile': 'Partner changed meanwhile',
  'person-changed-meanwhile': 'Access changed meanwhile',
  'wave-removed-meanwhile': 'Wave removed meanwhile',
  'no-partner-lines': 'No partners',
  'too-many-partner-lines': 'Too many partners',
  'partner-paste-too-large': 'Paste too large',
  'partner-lines-invalid': 'Invalid partner lines',
  'partner-has-answers': 'Partner has answers',
  'partner-has-links': 'Partner has working links',
  'partner-has-viewers': 'Partner has viewers',
  'unknown-partner': 'Unknown partner',
  'lead-sees-every-partner': 'Lead sees every partner',
  'person-not-found': 'Person not found',
  'that-is-you': 'That is you',
  'administrator-address': 'Administrator address',
  'already-has-access': 'Already has access',
  'wave-not-found': 'Wave not found',
  'wave-lead-only': 'Not allowed',
  'wave-overlap': 'Waves overlap',
  'unknown-instrument': 'Unknown instrument',
  'unknown-instrument-version': 'Unknown instrument',
  'wave-exists': 'Wave exists',
  'wave-label-taken': 'Wave exists',
  'closes-before-opens': 'Invalid dates',
  'closes-in-past': 'Invalid dates',
  'wave-open': 'Wave is open',
  'wave-has-answers': 'Wave has answers',
  'wave-closed': 'Wave is closed',
  'wave-opened-instrument': 'Wave has opened',
  'wave-opened-dates': 'Wave has opened',
  'wave-changed': 'Wave changed meanwhile',
  'wave-closed-for-links': 'Wave is closed',
  'partner-joined-later': 'Partner joined later',
  'headcount-needed': 'Headcount needed',
  'unknown-wave-partner': 'Unknown partner',
  'wave-link-not-found': 'Link not found',
  'instrument-not-found': 'Instrument not found',
  'no-such-wave': 'Wave not found',
  'no-waves': 'No waves yet',
  'no-such-partner': 'Partner not found',
  'wave-not-closed': 'Wave not closed',
  'quality-admin-only': 'Not allowed',
  'quality-not-available': 'Not available',
  'unknown-survey-link': 'Unknown survey link',
  'survey-closed': 'Survey closed',
  'survey-not-open': 'Survey not open yet',
  'group-below-k': 'Group below the minimum',
  'group-complete': 'Group complete',
  'group-uncounted': 'Group not counted',
  'response-id-used': 'Response id already used',
  'invalid-answers': 'Invalid answers',
  'no-scores': 'No scored answers',
  'survey-changed': 'Survey changed',
  'action-writer-only': 'Not allowed',
  'action-not-found': 'Action not found',
  'action-removed-meanwhile': 'Action removed meanwhile',
  'action-changed-meanwhile': 'Action changed meanwhile',
  'action-unknown-wave': 'Unknown wave',
  'action-wave-not-published': 'Wave not published',
  'action-unknown-partner': 'Unknown partner',
  'action-unknown-dimension': 'Unknown dimension',
  'action-hidden-group': 'Group not shown',
  'action-not-asked': 'Group not asked',
  'report-partner-not-found': 'Partner not found',
  'questions-unknown-dimension': 'Unknown dimension',
}
