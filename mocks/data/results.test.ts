// @vitest-environment node
import type { Binary, Composition, DiagnosticReport, DocumentReference, Observation } from 'fhir/r4';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { createFhirEngine } from '../sandbox/fhir/engine';
import { sandboxTopology } from '../sandbox/topology';
import { TESTS } from './results';
import { generateWorld } from './world';

const world = generateWorld();
const person = world.people.find((p) => p.key === world.cases.results)!;
const at = (endpointId: string) => (world.byEndpoint[endpointId] ?? []).filter((r) => JSON.stringify(r).includes(`"Patient/${person.patientIds[endpointId]}"`) || (r.resourceType === 'Binary'));
const observations = (endpointId: string) => at(endpointId).filter((r): r is Observation => r.resourceType === 'Observation');
const documents = (endpointId: string) => at(endpointId).filter((r): r is DocumentReference => r.resourceType === 'DocumentReference');

describe('results and documents in the synthetic world', () => {
  it('are held for a person the GP and hospital host systems can launch', () => {
    const topology = sandboxTopology();
    const hosts = topology.hosts.map((h) => h.endpointId);
    expect(Object.keys(person.patientIds).filter((e) => hosts.includes(e)).sort()).toEqual(['ouse-valley-acute', 'riverside-gp']);
  });
  it('has an INR series at two organisations, sharing a SNOMED CT code', () => {
    const inr = (e: string) => observations(e).filter((o) => o.code.coding?.some((c) => c.code === TESTS.inr.sct));
    expect(inr('riverside-gp').length).toBeGreaterThanOrEqual(8);
    expect(inr('ouse-valley-acute').length).toBeGreaterThanOrEqual(3);
  });
  it('has exactly one critical value, flagged HH by the hospital laboratory', () => {
    const critical = Object.keys(person.patientIds).flatMap(observations).filter((o) => o.interpretation?.some((i) => i.coding?.some((c) => c.code === 'HH' || c.code === 'LL')));
    expect(critical.map((o) => [o.code.text, o.valueQuantity?.value, o.valueQuantity?.unit])).toEqual([['Serum potassium level', 6.8, 'mmol/L']]);
  });
  it('has HbA1c, eGFR, creatinine, potassium and haemoglobin, haemoglobin in two units', () => {
    const names = new Set(Object.keys(person.patientIds).flatMap(observations).map((o) => o.code.text));
    for (const t of [TESTS.hba1c, TESTS.egfr, TESTS.creatinine, TESTS.potassium, TESTS.haemoglobin]) expect(names).toContain(t.name);
    const units = new Set(observations('ouse-valley-acute').filter((o) => o.code.text === TESTS.haemoglobin.name).map((o) => o.valueQuantity?.unit));
    expect(units).toEqual(new Set(['g/L', 'g/dL']));
  });
  it('has a report whose results are all held, and an imaging report with no values', () => {
    const reports = at('ouse-valley-acute').filter((r): r is DiagnosticReport => r.resourceType === 'DiagnosticReport');
    const ids = new Set(observations('ouse-valley-acute').map((o) => `Observation/${o.id}`));
    expect(reports.map((r) => [r.code.text, r.result?.length ?? 0])).toEqual([['Urea and electrolytes', 3], ['XR chest', 0]]);
    expect(reports[0]!.result!.every((ref) => ids.has(ref.reference!))).toBe(true);
  });
  it('has a care summary as a Composition at the community team only, with narrative sections and no attachment', () => {
    const compositions = Object.keys(person.patientIds).flatMap((e) => at(e).filter((r): r is Composition => r.resourceType === 'Composition').map((c) => ({ e, c })));
    expect(compositions.map(({ e, c }) => [e, c.title, c.section?.map((s) => s.title)])).toEqual([
      ['ouse-community', 'Community nursing care summary', ['Nursing needs', 'Equipment at home', 'Warfarin']],
    ]);
    expect(compositions[0]!.c.section!.every((s) => s.text?.div.startsWith('<div xmlns="http://www.w3.org/1999/xhtml">'))).toBe(true);
  });
  it('has a discharge summary PDF that PDF.js reads, a hostile HTML letter, a large PDF and labelled documents', async () => {
    const all = Object.keys(person.patientIds).flatMap((e) => documents(e).map((d) => ({ e, d })));
    expect(all.map(({ e, d }) => [e, d.description, d.content[0]!.attachment.contentType])).toEqual([
      ['riverside-gp', 'Scanned records from previous practice', 'application/pdf'],
      ['riverside-gp', 'Referral to memory clinic (Word document)', 'application/msword'],
      ['riverside-gp', 'Letter from the sexual health clinic', 'text/plain'],
      ['ouse-community', 'Memory assessment: psychology report', 'text/plain'],
      ['ouse-valley-acute', 'Discharge summary: Ward 7 (Cardiology)', 'application/pdf'],
      ['ouse-valley-acute', 'Anticoagulation clinic letter', 'text/html; charset=utf-8'],
    ]);
    const binary = (e: string, d: DocumentReference) => world.byEndpoint[e]!.find((r): r is Binary => r.resourceType === 'Binary' && `Binary/${r.id}` === d.content[0]!.attachment.url)!;
    const discharge = all.find(({ d }) => d.description?.startsWith('Discharge'))!;
    const pdf = await getDocument({ data: Uint8Array.from(atob(binary(discharge.e, discharge.d).data!), (c) => c.charCodeAt(0)), isEvalSupported: false }).promise;
    const text = (await (await pdf.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('Serum potassium on admission 6.8 mmol/L (critical)');
    const large = all.find(({ d }) => d.description?.startsWith('Scanned'))!;
    expect(large.d.content[0]!.attachment.size).toBeGreaterThan(500_000);
    const html = atob(binary(all[5]!.e, all[5]!.d).data!);
    expect(html).toContain('<script>');
    expect(html).toContain('INR target remains');
    expect(all[3]!.d.meta?.security?.map((c) => c.code)).toEqual(['R', 'PSY']);
    expect(binary(all[2]!.e, all[2]!.d).meta?.security?.map((c) => c.code)).toEqual(['R', 'SEX']);
  });
  it('serves the Binary through the FHIR engine as a resource with its data', async () => {
    const engine = await createFhirEngine(world.byEndpoint['ouse-valley-acute']!);
    const doc = documents('ouse-valley-acute')[0]!;
    const res = await engine.get(doc.content[0]!.attachment.url!, 'http://x/fhir');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Binary', contentType: 'application/pdf' });
    expect((res.body as Binary).data!.length).toBeGreaterThan(1000);
  });
});
