/**
 * Properties of the grouping and reconciliation rules (docs/clinical-rules.md): grouping
 * never drops a record or merges away a source; every result is the same whatever order
 * the sources answered in; a discrepancy present in the data is flagged in every order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertRecord, ConditionRecord, MedicationRecord } from './records';
import { groupAlerts, type AlertSummary } from './group-alerts';
import { groupConditions, type ConditionSummary } from './group-conditions';
import { groupMedications } from './merge-medications';
import { lastIssued } from './medicine-rules';
import { NOW, SOURCES, medicationRecords, shuffled } from './testing/record-arbitraries';

const SCT = 'http://snomed.info/sct';
const ORIGINAL = { resourceType: 'Basic', code: {} } as never;
const source = fc.constantFrom(...SOURCES);
const date = fc.option(fc.constantFrom('2019-05-01', '2025-06', '2026-10-29T10:00:00Z', '2026-10-30'), { nil: undefined });

const ALERTS = [
  { code: '764146007', text: 'Penicillin', type: 'AllergyIntolerance' as const },
  { code: '409137002', text: 'No known drug allergy (situation)', type: 'AllergyIntolerance' as const },
  { code: '716186003', text: 'No known allergy', type: 'AllergyIntolerance' as const },
  { code: '129839007', text: 'At risk of falls', type: 'Flag' as const },
  { code: '304253006', text: 'ReSPECT: not for CPR', type: 'Flag' as const },
];
const alertArb = fc
  .record({ source, a: fc.constantFrom(...ALERTS), coded: fc.boolean(), upper: fc.boolean(), status: fc.constantFrom('active', 'inactive', 'resolved', 'refuted'), start: date, criticality: fc.option(fc.constantFrom('low', 'high', 'unable-to-assess'), { nil: undefined }) })
  .map(({ source, a, coded, upper, status, start, criticality }): Omit<AlertRecord, 'key'> => ({
    kind: 'alert', source, original: ORIGINAL, resourceType: a.type, category: a.type === 'Flag' ? 'Clinical' : 'allergy', text: upper ? a.text.toUpperCase() : a.text, status,
    codes: coded ? [{ system: SCT, code: a.code }] : [], ...(start ? { start } : {}), ...(criticality && a.type !== 'Flag' ? { criticality } : {}),
  }));
const alerts = fc.array(alertArb, { maxLength: 30 }).map((xs) => xs.map((x, i) => ({ ...x, key: `${x.source.endpointId}/alert/${i}` }) as AlertRecord));

const CONDITIONS = [{ code: '49436004', text: 'Atrial fibrillation' }, { code: '38341003', text: 'Hypertensive disorder' }, { code: '', text: 'Bleeding from ear' }];
const conditionArb = fc
  .record({ source, c: fc.constantFrom(...CONDITIONS), coded: fc.boolean(), status: fc.constantFrom('active', 'resolved', 'inactive', 'refuted'), onset: date, category: fc.constantFrom('problem-list-item', 'encounter-diagnosis') })
  .map(({ source, c, coded, status, onset, category }): Omit<ConditionRecord, 'key'> => ({
    kind: 'condition', source, original: ORIGINAL, text: c.text, codes: coded && c.code ? [{ system: SCT, code: c.code }] : [], clinicalStatus: status, category, ...(onset ? { onset } : {}),
  }));
const conditions = fc.array(conditionArb, { maxLength: 30 }).map((xs) => xs.map((x, i) => ({ ...x, key: `${x.source.endpointId}/condition/${i}` }) as ConditionRecord));

const alertKeys = (s: AlertSummary) => [
  ...[...s.advanceDecisions, ...s.flags, ...s.allergies, ...s.notInForce].flatMap((g) => g.entries.map((e) => e.key)),
  ...s.noKnownAllergies.map((n) => n.record.key), ...s.refuted.map((r) => r.key),
];
const conditionKeys = (s: ConditionSummary) => [...[...s.problems, ...s.diagnoses, ...s.inactive].flatMap((g) => g.entries.map((e) => e.key)), ...s.refuted.map((r) => r.key)];

describe('grouping never drops or merges away a source', () => {
  it('alerts: every record appears exactly once, and every line lists every organisation of its entries', () => {
    fc.assert(fc.property(alerts, (records) => {
      const s = groupAlerts(records);
      expect(alertKeys(s).sort()).toEqual(records.map((r) => r.key).sort());
      for (const g of [...s.advanceDecisions, ...s.flags, ...s.allergies, ...s.notInForce]) {
        expect(new Set(g.sources.map((x) => x.endpointId))).toEqual(new Set(g.entries.map((e) => e.source.endpointId)));
        expect(g.entries.every((e) => e.status !== 'refuted')).toBe(true);
      }
    }));
  });

  it('alerts: the most severe criticality of a line is the most severe of its entries', () => {
    fc.assert(fc.property(alerts, (records) => {
      for (const g of groupAlerts(records).allergies) {
        const all = g.entries.map((e) => e.criticality);
        expect(g.criticality).toBe(all.includes('high') ? 'high' : all.includes('unable-to-assess') ? 'unable-to-assess' : all.includes('low') ? 'low' : undefined);
      }
    }));
  });

  it('conditions: every record appears exactly once, with every source of its entries', () => {
    fc.assert(fc.property(conditions, (records) => {
      const s = groupConditions(records);
      expect(conditionKeys(s).sort()).toEqual(records.map((r) => r.key).sort());
      for (const g of [...s.problems, ...s.diagnoses, ...s.inactive]) {
        expect(new Set(g.sources)).toEqual(new Set(g.entries.map((e) => e.source.endpointId)));
      }
    }));
  });

  it('the same whatever order the sources answered in', () => {
    fc.assert(fc.property(alerts.chain((xs) => fc.tuple(fc.constant(xs), shuffled(xs))), ([a, b]) => {
      expect(groupAlerts(b)).toEqual(groupAlerts(a));
    }));
    fc.assert(fc.property(conditions.chain((xs) => fc.tuple(fc.constant(xs), shuffled(xs))), ([a, b]) => {
      expect(groupConditions(b)).toEqual(groupConditions(a));
    }));
  });
});

describe('a discrepancy is flagged whatever the order the sources answer in', () => {
  const gp = SOURCES[0]!;
  const acute = SOURCES[2]!;
  const amlodipine = (s: typeof gp, id: string, o: Partial<MedicationRecord>): MedicationRecord => ({
    key: `${s.endpointId}/MedicationRequest/${id}`, source: s, original: ORIGINAL, kind: 'medication', resourceType: 'MedicationRequest',
    name: 'Amlodipine 5mg tablets', codes: [{ system: SCT, code: '319283006' }], status: 'active', statusGroup: 'current', entryKind: 'prescription', date: '2026-10-20', ...o,
  });

  it('different doses and stopped-here-active-there, among any other medicines', () => {
    const planted = [
      amlodipine(gp, 'p1', { dose: 'One tablet daily' }),
      amlodipine(acute, 'p2', { dose: 'Two tablets daily', date: '2026-10-29' }),
      amlodipine(SOURCES[1]!, 'p3', { status: 'stopped', statusGroup: 'past', date: '2026-10-30' }),
    ];
    const noise = medicationRecords.map((xs) => xs.filter((x) => !x.codes.some((c) => c.code === '319283006') && !/amlodipine/i.test(x.name)));
    fc.assert(fc.property(noise.chain((xs) => shuffled([...xs, ...planted])), (records) => {
      const group = groupMedications(records, NOW).find((g) => g.key === `code:${SCT}|319283006`);
      expect(group?.discrepancies.map((d) => d.kind).sort()).toEqual(['different-dose', 'stopped-elsewhere']);
    }));
  });

  it('every group\'s discrepancies are the same for any order of input', () => {
    fc.assert(fc.property(medicationRecords.chain((xs) => fc.tuple(fc.constant(xs), shuffled(xs))), ([a, b]) => {
      const d = (rs: MedicationRecord[]) => groupMedications(rs, NOW).map((g) => [g.key, g.discrepancies]);
      expect(d(b)).toEqual(d(a));
    }));
  });
});

describe('last issued', () => {
  const gp = SOURCES[0]!;
  const DATES = ['2025-06-01', '2026-03-08T10:00:00Z', '2026-10-04T10:00:00Z', '2026-10-31T10:00:00Z'];
  // FHIR R4 MedicationRequest.status and intent; a MedicationStatement is never an issue.
  const entry = fc
    .record({
      statement: fc.boolean(),
      status: fc.constantFrom('active', 'completed', 'on-hold', 'stopped', 'cancelled', 'draft', 'entered-in-error', 'unknown'),
      entryKind: fc.constantFrom('prescription', 'intent-not-stated', 'plan', 'proposal', 'option'),
      date: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
      // FHIR R4 MedicationRequest.category (medicationrequest-category), or none.
      requestCategory: fc.option(fc.constantFrom('inpatient', 'outpatient', 'community', 'discharge'), { nil: undefined }),
    })
    .map(({ statement, status, entryKind, date, requestCategory }): Omit<MedicationRecord, 'key'> => ({
      source: gp, original: ORIGINAL, kind: 'medication', resourceType: statement ? 'MedicationStatement' : 'MedicationRequest',
      name: 'Ramipril 2.5mg capsules', codes: [{ system: SCT, code: '318901006' }], status,
      statusGroup: status === 'active' || status === 'on-hold' || status === 'draft' ? 'current' : status === 'unknown' ? 'unknown' : 'past',
      entryKind: statement ? 'statement' : entryKind, ...(date ? { date } : {}), ...(requestCategory ? { requestCategory } : {}),
    }));
  const entries = fc.array(entry, { maxLength: 12 }).map((xs) => xs.map((x, i) => ({ ...x, key: `riverside-gp/MedicationRequest/${i}` }) as MedicationRecord));
  const issued = (e: MedicationRecord) =>
    e.resourceType === 'MedicationRequest' && ['active', 'completed', 'on-hold'].includes(e.status) && ['prescription', 'intent-not-stated'].includes(e.entryKind ?? '') &&
    e.requestCategory !== 'inpatient';

  it('is the date of an issued prescription, never only that of a stop, a draft, a statement, an inpatient order or a medicine not prescribed', () => {
    fc.assert(fc.property(entries, (records) => {
      const last = lastIssued(records);
      if (last !== undefined) expect(records.some((e) => issued(e) && e.date === last)).toBe(true);
      else expect(records.filter((e) => issued(e) && e.date !== undefined)).toEqual([]);
    }));
  });

  it('does not move when entries that are not issues are added', () => {
    fc.assert(fc.property(entries, entries, (a, b) => {
      const notIssues = b.filter((e) => !issued(e)).map((e) => ({ ...e, key: `${e.key}-x` }));
      expect(lastIssued([...a, ...notIssues])).toBe(lastIssued(a));
    }));
  });
});
