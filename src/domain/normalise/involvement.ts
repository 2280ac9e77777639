/**
 * Who is involved in the person's care, as each organisation records it: the registered
 * GP (Patient.generalPractitioner), care teams (CareTeam.participant with roles), care
 * managers (EpisodeOfCare.careManager: care coordinator, key worker) and family and carers
 * (RelatedPerson: next of kin, carer) with the contact details the source holds. Names
 * come from what the source sent (Reference.display, HumanName); nothing is looked up.
 */
import type { CareTeam, ContactPoint, EpisodeOfCare, HumanName, Patient, Reference, RelatedPerson } from 'fhir/r4';
import type { InvolvedPerson, InvolvementRecord, NormaliseResult, SourceRef } from '../records';
import { conceptWords } from '../coded-words';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, conceptText, nonEmpty, readDate, referenceDisplay } from './fhir-values';

export const NOBODY_NAMED = 'Nobody named';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** HumanName.text, else prefix given family. */
export function humanName(names: HumanName[] | undefined): string | undefined {
  const n = (names ?? []).find((x) => x?.use === 'official' || x?.use === 'usual') ?? names?.[0];
  if (!n) return undefined;
  return str(n.text) ?? (nonEmpty([...(n.prefix ?? []), ...(n.given ?? []), n.family].map(str)).join(' ') || undefined);
}

/** "phone (mobile): 07700 900123", in the order sent; periods that have ended are left out. */
export function contactLines(telecom: ContactPoint[] | undefined): string[] {
  return nonEmpty(
    (telecom ?? []).map((t) => {
      const value = str(t?.value);
      if (!value || t.period?.end) return undefined;
      const what = [str(t.system) ?? 'contact', str(t.use)].filter(Boolean);
      return `${what[0]}${what[1] ? ` (${what[1]})` : ''}: ${value}`;
    }),
  );
}

/** A reference's display, else the identifier it carries ("ODS code D99001"). */
function referenceName(ref: Reference | undefined): string | undefined {
  const id = ref?.identifier;
  const ods = id?.system === 'https://fhir.nhs.uk/Id/ods-organization-code' ? `ODS code ${str(id.value) ?? ''}`.trim() : undefined;
  return referenceDisplay(ref) ?? ods ?? (str(id?.value) ? `identifier ${str(id?.value)}` : undefined);
}

const dates = (start: unknown, end: unknown, where: string) => {
  const s = readDate(start, `${where}.start`);
  const e = readDate(end, `${where}.end`);
  return { ...(s ? { start: s } : {}), ...(e ? { end: e } : {}) };
};

function withPeople(people: InvolvedPerson[]): InvolvedPerson[] {
  if (people.length === 0) throw new Unreadable(NOBODY_NAMED);
  return people;
}

/** Patient.generalPractitioner: the registered practice and any named GP. */
export function normalisePatientGp(r: Patient, source: SourceRef): NormaliseResult<InvolvementRecord> {
  return guard('Patient', r, source, (base) => {
    const people = (r.generalPractitioner ?? []).flatMap((ref): InvolvedPerson[] => {
      const name = referenceName(ref);
      if (!name) return [];
      const isPractice = ref.type === 'Organization' || /(^|\/)Organization\//.test(ref.reference ?? '') || ref.identifier?.system?.includes('ods-organization');
      return [{ name, role: isPractice ? 'Registered GP practice' : 'General practitioner', contact: [] }];
    });
    // A Patient without a GP is not unreadable: the section says none is recorded.
    return { ...base, kind: 'involvement', resourceType: 'Patient', context: 'Registered GP', people };
  });
}

/** CareTeam: each participant with their role and organisation. */
export function normaliseCareTeam(r: CareTeam, source: SourceRef): NormaliseResult<InvolvementRecord> {
  return guard('CareTeam', r, source, (base) => {
    const status = str(r.status);
    if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const people = (r.participant ?? []).flatMap((p): InvolvedPerson[] => {
      const name = referenceName(p?.member);
      if (!name) return [];
      const role = nonEmpty((p.role ?? []).map(conceptText)).join(', ') || 'Member of the care team';
      const organisation = referenceName(p.onBehalfOf);
      return [{ name, role, ...(organisation ? { organisation } : {}), contact: [] }];
    });
    const context = str(r.name) ?? nonEmpty((r.category ?? []).map(conceptText))[0] ?? 'Care team';
    return {
      ...base, kind: 'involvement', resourceType: 'CareTeam', context, people: withPeople(people),
      ...(status ? { status } : {}), ...dates(r.period?.start, r.period?.end, 'period'),
    };
  });
}

/** EpisodeOfCare.careManager: the care coordinator or key worker for that episode. */
export function normaliseEpisodeOfCare(r: EpisodeOfCare, source: SourceRef): NormaliseResult<InvolvementRecord> {
  return guard('EpisodeOfCare', r, source, (base) => {
    const status = str(r.status);
    if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const context = nonEmpty((r.type ?? []).map(conceptText))[0] ?? 'Episode of care';
    const name = referenceName(r.careManager);
    const organisation = referenceName(r.managingOrganization);
    const role = roleFromContext(context);
    const people = name ? [{ name, role, ...(organisation ? { organisation } : {}), contact: [] }] : [];
    return {
      ...base, kind: 'involvement', resourceType: 'EpisodeOfCare', context, people: withPeople(people),
      ...(status ? { status } : {}), ...dates(r.period?.start, r.period?.end, 'period'),
    };
  });
}

/** "Care Programme Approach" episodes have a care coordinator; otherwise a care manager (key worker). */
function roleFromContext(context: string): string {
  if (/care programme approach|\bcpa\b/i.test(context)) return 'Care coordinator';
  if (/key work/i.test(context)) return 'Key worker';
  return 'Care manager';
}

/** RelatedPerson: next of kin, carer, emergency contact, with their contact details. */
export function normaliseRelatedPerson(r: RelatedPerson, source: SourceRef): NormaliseResult<InvolvementRecord> {
  return guard('RelatedPerson', r, source, (base) => {
    const name = humanName(r.name);
    if (!name) throw new Unreadable(NOBODY_NAMED);
    const role = nonEmpty((r.relationship ?? []).map((c) => conceptWords('related-person-relationship', c))).join(', ') || 'Related person';
    const address = (r.address ?? []).map((a) => str(a?.text) ?? nonEmpty([...(a?.line ?? []), a?.city, a?.postalCode].map(str)).join(', ')).find(Boolean);
    const contact = [...contactLines(r.telecom), ...(address ? [`address: ${address}`] : [])];
    const active = r.active === false ? 'inactive' : 'active';
    return {
      ...base, kind: 'involvement', resourceType: 'RelatedPerson', context: 'Family, carers and contacts',
      people: [{ name, role, contact }], status: active, ...dates(r.period?.start, r.period?.end, 'period'),
    };
  });
}
