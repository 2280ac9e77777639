/**
 * Server-side enforcement for an enforcing sandbox endpoint: a FhirEngine in front of the
 * real one that withholds what the patient objected to sharing and what is labelled
 * restricted or sensitive, and says so as FHIR servers do: a search.mode=outcome entry
 * holding an OperationOutcome with issue code `suppressed` (one issue per item
 * withheld). A read of a withheld resource is 403. Written apart from the viewer's own
 * rules (src/domain/policy) on purpose: the two are tested against each other.
 */
import type { Bundle, BundleEntry, Consent, OperationOutcome, Resource } from 'fhir/r4';
import type { SandboxEndpoint } from '../topology';
import type { FhirEngine } from './engine';
import type { Enforcement } from './enforcement';
import { failure, type FhirResult } from './outcome';

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SENSITIVE = new Set(['ETH', 'GDIS', 'HIV', 'PSY', 'SCA', 'SDV', 'SEX', 'STD', 'BH', 'MST', 'TBOO']);
const NEVER_WITHHELD = new Set(['Consent', 'Organization', 'Practitioner', 'PractitionerRole', 'Patient']);

function labelled(r: Resource): boolean {
  return (r.meta?.security ?? []).some(
    (c) => (c.system === CONFIDENTIALITY && (c.code === 'R' || c.code === 'V')) || (c.system === ACT_CODE && SENSITIVE.has(c.code ?? '')),
  );
}

function patientOf(r: Resource): string | undefined {
  const ref = (r as { subject?: { reference?: string }; patient?: { reference?: string } }).subject?.reference ?? (r as { patient?: { reference?: string } }).patient?.reference;
  return ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;
}

function suppressed(reason: string): BundleEntry {
  const oo: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'suppressed', diagnostics: reason }] };
  return { search: { mode: 'outcome' }, resource: oo };
}

export function enforcingEngine(engine: FhirEngine, endpoint: SandboxEndpoint, enforcement: Enforcement, breakGlass: boolean): FhirEngine {
  if (breakGlass || (!enforcement.objections && !enforcement.labels)) return engine;
  const objected = new Map<string, Promise<boolean>>();

  /** Does the patient hold an active deny Consent naming this organisation (by reference or ODS code)? */
  const hasObjected = (patientId: string) => {
    let known = objected.get(patientId);
    if (!known) {
      known = engine.get(`Consent?patient=Patient/${encodeURIComponent(patientId)}&status=active`, endpoint.baseUrl).then((res) => {
        const entries = res.status === 200 ? ((res.body as Bundle).entry ?? []) : [];
        return entries.some(({ resource }) => {
          const c = resource as Consent | undefined;
          return c?.resourceType === 'Consent' && c.provision?.type === 'deny' && (c.provision.actor ?? []).some((a) =>
            a.reference.reference === `Organization/${endpoint.odsCode}` || a.reference.identifier?.value === endpoint.odsCode);
        });
      });
      objected.set(patientId, known);
    }
    return known;
  };

  async function withheldBecause(r: Resource): Promise<string | undefined> {
    if (NEVER_WITHHELD.has(r.resourceType)) return undefined;
    const patient = patientOf(r);
    if (enforcement.objections && patient && (await hasObjected(patient))) return 'Withheld: the patient has objected to sharing this organisation’s records';
    if (enforcement.labels && labelled(r)) return 'Withheld: the record is labelled restricted or sensitive';
    return undefined;
  }

  return {
    resourceTypes: engine.resourceTypes,
    async get(relativeUrl, baseUrl): Promise<FhirResult> {
      const result = await engine.get(relativeUrl, baseUrl);
      if (result.status !== 200) return result;
      const body = result.body as Resource;
      if (body.resourceType !== 'Bundle') {
        const why = await withheldBecause(body);
        return why ? failure(403, 'suppressed', why) : result;
      }
      const bundle = body as Bundle;
      const kept: BundleEntry[] = [];
      const notes: BundleEntry[] = [];
      for (const entry of bundle.entry ?? []) {
        const why = entry.resource ? await withheldBecause(entry.resource) : undefined;
        if (why) notes.push(suppressed(why));
        else kept.push(entry);
      }
      if (notes.length === 0) return result;
      const filtered: Bundle = { ...bundle, ...(bundle.total !== undefined ? { total: Math.max(0, bundle.total - notes.length) } : {}), entry: [...kept, ...notes] };
      return { ...result, body: filtered };
    },
  };
}
