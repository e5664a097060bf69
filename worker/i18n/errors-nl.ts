/**
 * Dutch wording of every refusal, keyed by the `code` the API sends in its problem+json body.
 * `errors-en.ts` must have exactly the same codes with the same parameters (the type checks it);
 * the HTTP status and title of each code are in worker/http/problem.ts, and what the codes share
 * (their types, `ErrorCode`) in worker/i18n/errors.ts. A function of the refusal's parameters
 * where the wording names them.
 */

import { dayIn, lastDayIn } from '../../schema/format.ts'
import type { AdminReason, LimitScope } from './errors.ts'
import { answerProblemIn, describeFields, type FieldIssue, lineFaultIn } from './field-messages.ts'
import type { LineFault } from '../../schema/partner-names.ts'
import type { AnswerProblem } from '../domain/scoring.ts'

export const errorsNl = {
  // Requests the router or a guard refuses before a route runs.
  'not-found': (p: { path: string }) => `Op ${p.path} staat niets. Zie de API-tabel in de README.`,
  'page-not-found': (p: { path: string }) => `Op dit adres (${p.path}) staat niets.`,
  'script-required': () =>
    'Dit formulier werkt alleen met JavaScript, dat in uw browser uit staat of niet is geladen. Er is niets opgeslagen. Zet JavaScript aan, ga terug en vul het formulier opnieuw in.',
  'method-not-allowed': (p: { path: string; allowed: string; method: string }) =>
    `${p.path} kent ${p.allowed}, niet ${p.method}.`,
  'unreadable-request': () => 'Het verzoek kon niet worden gelezen. Stuur een JSON-object.',
  'invalid-request': (p: { issues: readonly FieldIssue[] }) =>
    `Het verzoek klopt niet. ${describeFields('nl', p.issues)}`,
  'internal-error': () => 'Er ging bij ons iets mis; er is niets opgeslagen. Probeer het over een minuut opnieuw.',
  'too-many-requests': (p: { limit: LimitScope }) =>
    `Te veel ${{ 'signin-client': 'pogingen om in te loggen vanaf uw netwerk', signin: 'pogingen om in te loggen op dit account vanaf uw netwerk', submit: 'inzendingen via deze link' }[p.limit]} in korte tijd. Wacht een minuut en probeer het opnieuw.`,
  'cross-origin': (p: { expected: string; origin: string }) =>
    `Verzoeken aan deze API moeten van ${p.expected} komen, niet van ${p.origin}.`,
  'unsupported-media-type': (p: { mediaType: string }) =>
    `Stuur de inhoud als JSON met de header "Content-Type: application/json"${p.mediaType ? `, niet "${p.mediaType}"` : ''}.`,
  'request-too-large': (p: { maxKb: number }) =>
    `De inhoud is groter dan ${p.maxKb} KB; antwoorden op de vragenlijst of een beheerverzoek zijn veel kleiner.`,
  'access-required': () =>
    'Deze pagina is alleen bereikbaar via de Cloudflare Access-aanmelding van uw organisatie. Open hem opnieuw vanuit het Access-startscherm.',
  'no-account': () =>
    'Uw Cloudflare Access-identiteit heeft geen account in Ketenradar. Vraag een programmaleider om uw e-mailadres uit te nodigen.',
  'not-signed-in': () => 'Log eerst in (POST /api/session met uw e-mailadres en wachtwoord).',

  // Sign-in and password links.
  'signed-in-by-access': () =>
    'Deze installatie meldt mensen aan via Cloudflare Access; inloggen met een wachtwoord is er niet.',
  'sign-in-failed': () => 'Het e-mailadres of het wachtwoord klopt niet. Controleer beide en probeer het opnieuw.',
  'no-passwords-behind-access': () =>
    'Deze installatie meldt mensen aan via Cloudflare Access; er is geen wachtwoord om voor uit te nodigen of opnieuw in te stellen.',
  'link-not-found': () => 'Deze link bestaat niet of is al gebruikt. Vraag uw programmaleider om een nieuwe.',
  'link-used': () => 'Deze link is al gebruikt. Vraag uw programmaleider om een nieuwe.',
  'link-expired': () => 'Deze link is verlopen. Vraag uw programmaleider om een nieuwe.',
  'link-cannot-set-password': (p: { email: string; issuer: string | null; accept: boolean }) =>
    `Met deze link kan geen wachtwoord worden ingesteld voor ${p.email}: het account is van een beheerder, of heeft toegang die ${p.issuer ?? 'de uitgever'} niet leidt.${p.accept ? ` Log in als ${p.email} en aanvaard via deze link,` : ''} of vraag een beheerder om een link voor een nieuw wachtwoord.`,
  'nothing-to-accept': () =>
    'Deze link is om een wachtwoord in te stellen; er is geen toegang om te aanvaarden. Open hem en kies een wachtwoord.',
  'link-for-someone-else': (p: { linkEmail: string; userEmail: string }) =>
    `Deze link is voor ${p.linkEmail}, en u bent ingelogd als ${p.userEmail}. Log uit en log in als ${p.linkEmail} om te aanvaarden.`,
  'ask-an-administrator': (p: { email: string; reason: AdminReason }) =>
    ({
      administrator: `${p.email} is beheerder: alleen een andere beheerder mag hun een wachtwoordlink geven.`,
      'more-access': `${p.email} mag in Ketenradar meer dan u (programma's starten); alleen een beheerder mag hun dan een wachtwoordlink geven.`,
      'other-programme': `${p.email} heeft ook toegang tot een programma dat u niet leidt; alleen een beheerder mag hun dan een wachtwoordlink geven.`,
    })[p.reason],

  // Programmes, partners and people.
  'programme-not-found': (p: { programmeId: string }) =>
    `Het programma "${p.programmeId}" bestaat niet of u heeft er geen toegang toe.`,
  'lead-only': () => 'Alleen een programmaleider van dit programma mag dit doen.',
  'create-programme-not-allowed': () => 'Alleen een beheerder of een programmaleider mag een programma maken.',
  'invalid-cadence': (p: { openDays: number; months: number }) =>
    `Een ronde die ${p.openDays} dagen openstaat, zou de volgende overlappen, die ${p.months === 1 ? '1 maand' : `${p.months} maanden`} later opent. Kies minder dagen of een langer ritme.`,
  'incomplete-cadence': () =>
    'Een vast ritme heeft alle drie nodig: elke hoeveel maanden, hoeveel dagen open, en de datum van de volgende ronde.',
  'partner-exists': (p: { name: string }) =>
    `Dit programma heeft al een partner met de naam "${p.name}". Kies een andere naam.`,
  'partner-not-found': () => "Dit programma heeft zo'n partner niet.",
  'partner-removed-meanwhile': (p: { name: string }) =>
    `Partner "${p.name}" is intussen verwijderd, door iemand anders; er is niets gewijzigd. Laad de pagina opnieuw om de partners te zien zoals ze nu zijn.`,
  'partner-changed-meanwhile': (p: { name: string }) =>
    `Partner "${p.name}" is intussen gewijzigd (naam of aantallen), door iemand anders; er is niets gewijzigd. Laad de pagina opnieuw en doe de wijziging nog eens op wat er nu staat.`,
  'person-changed-meanwhile': (p: { email: string }) =>
    `De toegang van ${p.email} is intussen gewijzigd of ingetrokken, door iemand anders; er is niets gewijzigd. Laad de pagina opnieuw en kijk wat er nu staat.`,
  'wave-removed-meanwhile': (p: { label: string }) =>
    `Ronde "${p.label}" is intussen verwijderd, door iemand anders; er is niets gewijzigd. Laad de pagina opnieuw om de rondes te zien zoals ze nu zijn.`,
  'no-partner-lines': () =>
    'Er staat geen partner in de tekst. Plak één partner per regel: de naam, dan het aantal medewerkers.',
  'too-many-partner-lines': (p: { count: number; max: number }) =>
    `De tekst heeft ${p.count} regels met een partner; in één keer kunnen er ten hoogste ${p.max}. Er is niets toegevoegd: verdeel de lijst over meer keren.`,
  'partner-paste-too-large': (p: { maxKb: number; maxLines: number }) =>
    `De geplakte tekst is groter dan ${p.maxKb} KB, meer dan ${p.maxLines} regels met een partner kunnen beslaan. Er is niets toegevoegd: plak ten hoogste ${p.maxLines} regels in één keer, en kijk of er niet meer is meegeplakt dan de partners.`,
  'partner-lines-invalid': (p: { faults: LineFault[] }) =>
    `Er is niets toegevoegd: ${new Set(p.faults.map((f) => f.line)).size === 1 ? 'één regel klopt' : `${new Set(p.faults.map((f) => f.line)).size} regels kloppen`} niet. ${p.faults.map((f) => lineFaultIn('nl', f)).join('. ')}.`,
  'partner-has-answers': (p: { name: string }) =>
    `"${p.name}" heeft antwoorden in een ronde; die horen bij de uitkomsten van die ronde, dus de partner blijft. Pas de naam aan als die niet meer klopt.`,
  'partner-has-links': (p: { name: string }) =>
    `"${p.name}" heeft werkende links in de open ronde, dus er kan nu iemand antwoorden. Trek eerst de links in en verwijder de partner daarna.`,
  'partner-has-viewers': (p: { name: string }) =>
    `Er zijn mensen die alleen "${p.name}" zien. Geef hen eerst bij "Mensen" een andere partner of het hele programma, en verwijder de partner daarna.`,
  'unknown-partner': (p: { partnerId: string }) => `"${p.partnerId}" is geen partner van dit programma.`,
  'lead-sees-every-partner': () =>
    'Een programmaleider ziet het hele programma; laat de partner leeg, of maak de persoon lezer.',
  'person-not-found': () => 'Niemand met dit id heeft toegang tot dit programma.',
  'that-is-you': () =>
    'U kunt uw eigen toegang niet wijzigen of intrekken; vraag een andere programmaleider of een beheerder.',
  'administrator-address': () =>
    'Dit is het adres van de beheerder; alleen een beheerder mag het toegang tot een programma geven.',
  'already-has-access': (p: { email: string }) =>
    `${p.email} heeft al toegang tot dit programma (of die wacht nog op aanvaarding); wijzig in plaats daarvan de rol.`,

  // Waves and their links.
  'wave-not-found': (p: { waveId: string }) => `Er is geen ronde "${p.waveId}" waar u toegang toe heeft.`,
  'wave-lead-only': () => 'Alleen een programmaleider van dit programma mag de rondes wijzigen.',
  'wave-overlap': (p: { label: string; firstDay: string; lastDay: string }) =>
    `De ronde "${p.label}" loopt van ${dayIn('nl', p.firstDay)} tot en met ${dayIn('nl', p.lastDay)}; rondes van één programma mogen elkaar niet overlappen. Kies data daarbuiten.`,
  'unknown-instrument': (p: {
    instrument: string
    version: number | null
    known: { id: string; versions: number[] }[]
  }) =>
    `Er is geen vragenlijst "${p.instrument}"${p.version ? ` versie ${p.version}` : ''}. Beschikbaar: ${p.known.map((i) => `${i.id} (versies ${i.versions.join(', ')})`).join('; ')}.`,
  'unknown-instrument-version': (p: { instrument: string; version: number }) =>
    `Er is geen versie ${p.version} van "${p.instrument}".`,
  'wave-exists': (p: { label: string }) =>
    `Dit programma heeft al een ronde met de naam "${p.label}"; keuzelijsten en exports noemen rondes bij hun naam. Kies een andere naam.`,
  'wave-label-taken': (p: { label: string }) =>
    `Dit programma heeft al een ronde met de naam "${p.label}". Kies een andere naam.`,
  'closes-before-opens': () => 'De sluitingsdatum moet na de openingsdatum liggen.',
  'closes-in-past': () =>
    'Een ronde die nog niet open is, kan niet in het verleden sluiten: ze zou nooit antwoorden krijgen. Kies een sluitingsdatum na nu.',
  'wave-open': () =>
    'Een open ronde kan niet worden verwijderd: er kunnen mensen bezig zijn met antwoorden. Sluit haar door de sluitingsdatum naar nu te zetten; een gesloten ronde zonder antwoorden kan daarna worden verwijderd.',
  'wave-has-answers': () =>
    'Deze ronde bevat antwoorden en haar resultaten zijn gepubliceerd; ze kan niet worden verwijderd. Hele rondes verdwijnen alleen door de bewaartermijn van het programma.',
  'wave-closed': () =>
    'Een gesloten ronde is definitief: haar data en vragenlijst blijven zoals ze waren, zodat de gepubliceerde resultaten nooit veranderen. Plan in plaats daarvan een nieuwe ronde.',
  'wave-opened-instrument': () =>
    'De vragenlijst van een ronde kan niet meer veranderen als de ronde open is: antwoorden op de ene versie zijn geen antwoorden op een andere.',
  'wave-opened-dates': () =>
    'Een ronde die open is, houdt haar openingsdatum: die verplaatsen zou de ronde weer gepland maken of veranderen wie meedoet. Wijzig alleen de sluitingsdatum.',
  'wave-changed': () =>
    'De ronde is net geopend, gesloten of heeft net antwoorden gekregen, dus deze wijziging geldt niet meer. Laad de pagina opnieuw om haar stand te zien en probeer het nog eens.',
  'wave-closed-for-links': () =>
    'Deze ronde is gesloten; ze neemt geen antwoorden meer aan en krijgt dus geen nieuwe links.',
  'partner-joined-later': (p: { partner: string }) =>
    `"${p.partner}" is bij het programma gekomen nadat deze ronde openging en doet daarom niet mee aan deze ronde; wel aan de volgende.`,
  'headcount-needed': (p: { partner: string }) =>
    `Vul eerst in hoeveel mensen "${p.partner}" in deze rol heeft (het aantal): een groep neemt hoogstens zoveel antwoorden aan.`,
  'group-below-k': (p: { partner: string; n: number; k: number }) =>
    `"${p.partner}" heeft in deze rol ${p.n} mensen, minder dan ${p.k}: hun antwoorden worden nooit getoond en tellen niet mee in het programma als geheel, dus deze groep kreeg geen link. Klopt het aantal niet, pas het dan aan bij de partner; wilt u de groep toch vragen, maak dan een link voor alleen deze groep.`,
  'unknown-wave-partner': (p: { partnerId: string }) =>
    `"${p.partnerId}" is geen partner van het programma van deze ronde.`,
  'wave-link-not-found': () => "Deze ronde heeft zo'n link niet.",
  'instrument-not-found': () => 'Die vragenlijstversie of rol bestaat niet. Rollen: medewerker, teammanager, tactisch.',

  // Results.
  'no-such-wave': (p: { wave: string }) =>
    `Dit programma heeft geen ronde "${p.wave}". Laat "wave" weg voor de laatste ronde.`,
  'no-waves': () => 'Dit programma heeft nog geen meetronde. Maak er eerst een.',
  'no-such-partner': (p: { partner: string }) =>
    `Dit programma heeft geen partner "${p.partner}" die u mag zien. Laat "partner" weg voor het programma als geheel.`,
  'wave-not-closed': (p: { label: string }) =>
    `De ronde "${p.label}" heeft nog geen resultaten: die worden eenmaal vastgesteld, als ze sluit. Exporteer een gesloten ronde.`,
  'quality-admin-only': () =>
    'De meetkwaliteit is voor de beheerders van het platform: ze laat zien hoe antwoorden over de vragen samenhangen, en een programmaleider die eigen partners toevoegde en daarvoor antwoordde, zou die antwoorden eruit kunnen halen en die van een kleine groep kunnen lezen. Vraag het een beheerder.',
  'quality-not-available': (p: { label: string; respondents: number; partners: number }) =>
    `De samengenomen momenten van "${p.label}" voor deze rol zijn er niet: die komen er voor een gesloten ronde, vanaf ${p.respondents} ingevulde vragenlijsten van ten minste ${p.partners} partners met zichtbare resultaten, en alleen als geen kleinere groep antwoordde.`,

  // The survey.
  'unknown-survey-link': () =>
    'Deze link naar de vragenlijst bestaat niet of is ingetrokken. Controleer of u de hele link hebt gekopieerd, of vraag de afzender om een nieuwe.',
  'survey-closed': (p: { closesAt: string }) =>
    `Deze vragenlijst was open tot en met ${lastDayIn('nl', p.closesAt)}; er kunnen geen antwoorden meer worden gegeven.`,
  'survey-not-open': (p: { opensAt: string }) => `Deze vragenlijst opent op ${dayIn('nl', p.opensAt)}.`,
  'group-complete': () =>
    'Iedereen in deze groep heeft al geantwoord: de vragenlijst neemt zoveel antwoorden aan als de groep mensen telt. Toch bedankt. Hebt u nog niet geantwoord en zou dat wel moeten, laat het dan weten aan wie u de link stuurde.',
  'group-uncounted': () =>
    'Deze link neemt nog geen antwoorden aan: het aantal mensen in deze groep is nog niet ingevuld. Laat het weten aan wie u de link stuurde; anders zouden uw antwoorden niet meetellen.',
  'response-id-used': () =>
    'Onder dit id zijn al andere antwoorden opgeslagen; de eerste blijven bewaard. Maak een nieuw id voor een nieuwe poging.',
  'invalid-answers': (p: { problems: AnswerProblem[] }) =>
    `De antwoorden kloppen niet. ${p.problems.map((x) => answerProblemIn('nl', x)).join('; ')}`,
  'no-scores': () =>
    'Deze antwoorden geven op geen enkele dimensie een score: elke vraag is met "weet ik niet" beantwoord (of te weinig per dimensie). Kies een antwoord op de schaal waar u dat kunt; "weet ik niet" mag bij de rest.',
  'survey-changed': () =>
    'Deze vragenlijst is vlak voor de opening gewijzigd; laad de pagina opnieuw om de huidige vragen te beantwoorden.',

  // Agreed actions and the partner report.
  'action-writer-only': () =>
    'Alleen een programmaleider van dit programma mag hier verbeterafspraken vastleggen (of een lezer van één partner, voor die partner, als de programmaleider dat toestaat).',
  'action-not-found': (p: { action: string }) =>
    `Dit programma heeft geen verbeterafspraak "${p.action}" die u mag zien.`,
  'action-removed-meanwhile': (p: { what: string }) =>
    `De afspraak "${p.what}" is intussen verwijderd, door iemand anders; er is niets gewijzigd. Laad de pagina opnieuw om de afspraken te zien zoals ze nu zijn.`,
  'action-changed-meanwhile': (p: { what: string }) =>
    `De afspraak "${p.what}" is intussen gewijzigd, door iemand anders; er is niets gewijzigd. Laad de pagina opnieuw en doe de wijziging nog eens op wat er nu staat.`,
  'action-unknown-wave': (p: { waveId: string }) => `"${p.waveId}" is geen ronde van dit programma (waveId).`,
  'action-wave-not-published': (p: { label: string }) =>
    `De resultaten van "${p.label}" zijn nog niet vastgesteld: leg verbeterafspraken vast als de ronde gesloten is.`,
  'action-unknown-partner': (p: { partnerId: string; label: string }) =>
    `"${p.partnerId}" is geen partner die aan "${p.label}" meedeed (partnerId).`,
  'action-unknown-dimension': (p: { dimension: string; dimensions: string }) =>
    `"${p.dimension}" is geen dimensie van het instrument van deze ronde; gebruik een van: ${p.dimensions}.`,
  'action-hidden-group': (p: { partner: string; label: string; dimension: string; nameNl: string; nameEn: string }) =>
    `De resultaten van "${p.label}" tonen geen score van ${p.partner} op "${p.nameNl}" (te weinig antwoorden, of verborgen zodat een kleine groep niet te herleiden is): een verbeterafspraak zou een groep noemen die de resultaten verborgen houden. Leg haar vast voor een groep die de resultaten tonen.`,
  'action-not-asked': (p: { partner: string; label: string; dimension: string; nameNl: string; nameEn: string }) =>
    `${p.partner} is in "${p.label}" niet gevraagd naar "${p.nameNl}" (er is geen enquêtelink gemaakt voor een rol die haar beantwoordt): er zijn geen resultaten waar een verbeterafspraak op kan antwoorden.`,
  'questions-unknown-dimension': (p: { dimension: string; role: string; dimensions: string }) =>
    `"${p.dimension}" is geen dimensie die de rol ${p.role} in deze ronde gevraagd is; geef voor "questions" "all" of een van: ${p.dimensions}.`,
  'report-partner-not-found': (p: { partner: string }) =>
    `Dit programma heeft geen partner "${p.partner}" waarvan u het rapport mag lezen.`,
}

/**
 * The title of every refusal in Dutch: the problem document's short summary of its kind
 * (worker/http/problem.ts), the same for every refusal of a code, in the request's language as
 * its `detail` is (RFC 9457 lets a title change for localization alone). A Dutch request was
 * given an English title beside a Dutch detail (a lead's walk-through).
 */
export const titlesNl: { [C in keyof typeof errorsNl]: string } = {
  'not-found': 'Niet gevonden',
  'page-not-found': 'Pagina niet gevonden',
  'script-required': 'JavaScript nodig',
  'method-not-allowed': 'Methode niet toegestaan',
  'unreadable-request': 'Ongeldig verzoek',
  'invalid-request': 'Ongeldig verzoek',
  'internal-error': 'Interne fout',
  'too-many-requests': 'Te veel verzoeken',
  'cross-origin': 'Verzoek van een andere herkomst geweigerd',
  'unsupported-media-type': 'Niet-ondersteund mediatype',
  'request-too-large': 'Verzoek te groot',
  'access-required': 'Cloudflare Access nodig',
  'no-account': 'Geen toegang',
  'not-signed-in': 'Niet ingelogd',
  'signed-in-by-access': 'Aangemeld via Cloudflare Access',
  'sign-in-failed': 'Inloggen mislukt',
  'no-passwords-behind-access': 'Geen wachtwoorden achter Access',
  'link-not-found': 'Link niet gevonden',
  'link-used': 'Link niet gevonden',
  'link-expired': 'Link verlopen',
  'link-cannot-set-password': 'Link kan geen wachtwoord instellen',
  'nothing-to-accept': 'Niets te aanvaarden',
  'link-for-someone-else': 'Link is voor iemand anders',
  'ask-an-administrator': 'Vraag een beheerder',
  'programme-not-found': 'Programma niet gevonden',
  'lead-only': 'Niet toegestaan',
  'create-programme-not-allowed': 'Niet toegestaan',
  'invalid-cadence': 'Ongeldig ritme',
  'incomplete-cadence': 'Onvolledig ritme',
  'partner-exists': 'Partner bestaat al',
  'partner-not-found': 'Partner niet gevonden',
  'partner-removed-meanwhile': 'Partner intussen verwijderd',
  'partner-changed-meanwhile': 'Partner intussen gewijzigd',
  'person-changed-meanwhile': 'Toegang intussen gewijzigd',
  'wave-removed-meanwhile': 'Ronde intussen verwijderd',
  'no-partner-lines': 'Geen partners',
  'too-many-partner-lines': 'Te veel partners',
  'partner-paste-too-large': 'Geplakte tekst te groot',
  'partner-lines-invalid': 'Ongeldige partnerregels',
  'partner-has-answers': 'Partner heeft antwoorden',
  'partner-has-links': 'Partner heeft werkende links',
  'partner-has-viewers': 'Partner heeft lezers',
  'unknown-partner': 'Onbekende partner',
  'lead-sees-every-partner': 'Programmaleider ziet elke partner',
  'person-not-found': 'Persoon niet gevonden',
  'that-is-you': 'Dat bent u',
  'administrator-address': 'Adres van een beheerder',
  'already-has-access': 'Heeft al toegang',
  'wave-not-found': 'Ronde niet gevonden',
  'wave-lead-only': 'Niet toegestaan',
  'wave-overlap': 'Rondes overlappen',
  'unknown-instrument': 'Onbekende vragenlijst',
  'unknown-instrument-version': 'Onbekende vragenlijst',
  'wave-exists': 'Ronde bestaat al',
  'wave-label-taken': 'Ronde bestaat al',
  'closes-before-opens': 'Ongeldige data',
  'closes-in-past': 'Ongeldige data',
  'wave-open': 'Ronde is open',
  'wave-has-answers': 'Ronde heeft antwoorden',
  'wave-closed': 'Ronde is gesloten',
  'wave-opened-instrument': 'Ronde is geopend',
  'wave-opened-dates': 'Ronde is geopend',
  'wave-changed': 'Ronde intussen gewijzigd',
  'wave-closed-for-links': 'Ronde is gesloten',
  'partner-joined-later': 'Partner kwam later',
  'headcount-needed': 'Aantal nodig',
  'unknown-wave-partner': 'Onbekende partner',
  'wave-link-not-found': 'Link niet gevonden',
  'instrument-not-found': 'Vragenlijst niet gevonden',
  'no-such-wave': 'Ronde niet gevonden',
  'no-waves': 'Nog geen rondes',
  'no-such-partner': 'Partner niet gevonden',
  'wave-not-closed': 'Ronde niet gesloten',
  'quality-admin-only': 'Niet toegestaan',
  'quality-not-available': 'Niet beschikbaar',
  'unknown-survey-link': 'Onbekende enquêtelink',
  'survey-closed': 'Vragenlijst gesloten',
  'survey-not-open': 'Vragenlijst nog niet open',
  'group-below-k': 'Groep onder het minimum',
  'group-complete': 'Groep compleet',
  'group-uncounted': 'Groep niet geteld',
  'response-id-used': 'Antwoord-id al gebruikt',
  'invalid-answers': 'Ongeldige antwoorden',
  'no-scores': 'Geen gescoorde antwoorden',
  'survey-changed': 'Vragenlijst gewijzigd',
  'action-writer-only': 'Niet toegestaan',
  'action-not-found': 'Afspraak niet gevonden',
  'action-removed-meanwhile': 'Afspraak intussen verwijderd',
  'action-changed-meanwhile': 'Afspraak intussen gewijzigd',
  'action-unknown-wave': 'Onbekende ronde',
  'action-wave-not-published': 'Ronde niet gepubliceerd',
  'action-unknown-partner': 'Onbekende partner',
  'action-unknown-dimension': 'Onbekende dimensie',
  'action-hidden-group': 'Groep niet getoond',
  'action-not-asked': 'Groep niet gevraagd',
  'report-partner-not-found': 'Partner niet gevonden',
  'questions-unknown-dimension': 'Onbekende dimensie',
}
