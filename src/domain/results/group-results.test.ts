import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeRef, ReportRecord, ResultRecord } from '../records';
import { SOURCES } from '../testing/record-arbitraries';
import { LOINC, SNOMED_CT, filterGroups, filterReports, groupResults, normaliseTestName } from './group-results';

let n = 0;
function result(name: string, codes: CodeRef[], date?: string, source = SOURCES[0]!): ResultRecord {
  n += 1;
  return {
    key: `${source.endpointId}/Observation/o${n}`, source, original: { resourceType: 'Observation' } as never, kind: 'result', resourceType: 'Observation',
    name, codes, status: 'final', value: { kind: 'quantity', value: n, unit: 'mmol/mol' }, ...(date ? { date } : {}),
  };
}
const hba1cLoinc: CodeRef = { system: LOINC, code: '4548-4' };
const hba1cSct: CodeRef = { system: SNOMED_CT, code: '1049301000000100' };

describe('groupResults (examples)', () => {
  it('puts one test from two organisations together by its LOINC code, latest first', () => {
    const gp = result('HbA1c', [hba1cLoinc], '2026-03-01', SOURCES[0]);
    const acute = result('Haemoglobin A1c level', [hba1cLoinc, hba1cSct], '2026-09-15', SOURCES[2]);
    const groups = groupResults([gp, acute]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.results.map((r) => r.key)).toEqual([acute.key, gp.key]);
    expect(groups[0]!.name).toBe('Haemoglobin A1c level');
    expect(groups[0]!.organisations).toEqual(['Ouse Valley Hospitals NHS Foundation Trust', 'Riverside Medical Practice']);
    expect(groups[0]!.key).toBe('loinc|4548-4');
  });
  it('joins through a shared SNOMED CT code, and by name only where there are no codes', () => {
    const a = result('HbA1c', [hba1cLoinc, hba1cSct], '2026-01-01');
    const b = result('HbA1c', [hba1cSct], '2026-02-01');
    const c = result('Serum potassium', [], '2026-03-01');
    const d = result('serum  POTASSIUM.', [], '2026-04-01');
    const e = result('Serum sodium', [], '2026-05-01');
    const groups = groupResults([a, b, c, d, e]);
    expect(groups.map((g) => g.results.length)).toEqual([1, 2, 2]);
    expect(groups.map((g) => g.name)).toEqual(['Serum sodium', 'serum  POTASSIUM.', 'HbA1c']);
  });
  it('does not join a coded result to an uncoded one of the same name (the code may mean something narrower)', () => {
    expect(groupResults([result('HbA1c', [hba1cLoinc]), result('HbA1c', [])])).toHaveLength(2);
  });
  it('puts undated results last', () => {
    const undated = result('INR', []);
    const dated = result('INR', [], '2020-01-01');
    expect(groupResults([undated, dated])[0]!.results.map((r) => r.key)).toEqual([dated.key, undated.key]);
  });
  it('normalises names', () => {
    expect(normaliseTestName('  eGFR (CKD-EPI) ')).toBe('egfr ckd epi');
  });
});

const codePool = fc.constantFrom<CodeRef[]>([], [hba1cLoinc], [hba1cSct], [hba1cLoinc, hba1cSct], [{ system: LOINC, code: '2823-3' }], [{ system: 'http://example.org', code: 'x' }]);
const results = fc.array(
  fc.record({ name: fc.constantFrom('HbA1c', 'hba1c', 'Potassium', 'INR'), codes: codePool, date: fc.option(fc.constantFrom('2024-01-05', '2025-06', '2026-10-04T10:00:00Z', '2026-10-29'), { nil: undefined }), s: fc.nat(3) }),
  { maxLength: 30 },
).map((xs) => xs.map((x) => result(x.name, x.codes, x.date, SOURCES[x.s])));

describe('groupResults (properties)', () => {
  it('puts every result in exactly one group', () => {
    fc.assert(fc.property(results, (rs) => {
      const keys = groupResults(rs).flatMap((g) => g.results.map((r) => r.key));
      return keys.length === rs.length && new Set(keys).size === rs.length;
    }));
  });
  it('never splits two results that share a LOINC or SNOMED CT code', () => {
    fc.assert(fc.property(results, (rs) => {
      const groupOf = new Map(groupResults(rs).flatMap((g, i) => g.results.map((r) => [r.key, i] as const)));
      return rs.every((a) => rs.every((b) => !a.codes.some((c) => (c.system === LOINC || c.system === SNOMED_CT) && b.codes.some((d) => d.system === c.system && d.code === c.code)) || groupOf.get(a.key) === groupOf.get(b.key)));
    }));
  });
  it('orders each group latest first, undated last', () => {
    fc.assert(fc.property(results, (rs) => groupResults(rs).every((g) => g.results.every((r, i) => {
      const next = g.results[i + 1];
      if (!next) return true;
      if (!r.date) return !next.date;
      return !next.date || Date.parse(next.date.length === 7 ? `${next.date}-01` : next.date) <= Date.parse(r.date.length === 7 ? `${r.date}-01` : r.date);
    }))));
  });
  it('filtering keeps only matching names and dates, and never adds a result', () => {
    fc.assert(fc.property(results, fc.constantFrom('', 'hba1c', 'INR', 'zzz'), (rs, text) => {
      const all = groupResults(rs);
      const kept = filterGroups(all, { text, from: '2025-01-01', to: '2026-10-04' });
      const before = new Set(all.flatMap((g) => g.results.map((r) => r.key)));
      return kept.every((g) => g.results.every((r) => before.has(r.key) && !!r.date && r.date.slice(0, 10) >= '2025-01-01' && r.date.slice(0, 10) <= '2026-10-04'))
        && kept.every((g) => !text || all.find((a) => a.key === g.key)!.results.some((r) => r.name.toLowerCase().includes(text.toLowerCase())));
    }));
  });
});

describe('filterReports', () => {
  const report = (id: string, name: string, date: string | undefined, resultKeys: string[] = []): ReportRecord => ({
    key: `ouse-valley-acute/DiagnosticReport/${id}`, source: SOURCES[2]!, kind: 'report', resourceType: 'DiagnosticReport', original: { resourceType: 'DiagnosticReport' } as never,
    name, codes: [], status: 'final', ...(date ? { date } : {}), resultKeys, presentedForms: [], governedWith: [], unresolvedResults: 0,
  });
  const ue = report('ue', 'Urea and electrolytes', '2026-10-30T09:00:00Z', ['ouse-valley-acute/Observation/k1']);
  const xray = report('x', 'XR chest', '2026-09-02');
  const undated = report('u', 'Histology', undefined);

  it('keeps every report without a filter, and only those inside the dates with one (undated ones go)', () => {
    expect(filterReports([ue, xray, undated], {}, new Set())).toEqual([ue, xray, undated]);
    expect(filterReports([ue, xray, undated], { from: '2026-10-01' }, new Set())).toEqual([ue]);
    expect(filterReports([ue, xray, undated], { to: '2026-10-30' }, new Set())).toEqual([ue, xray]);
  });

  it('with test-name words, keeps a report named by them or holding a result still shown', () => {
    // "potassium" names no report; the U&E holds the potassium result k1.
    expect(filterReports([ue, xray], { text: 'potassium' }, new Set(['ouse-valley-acute/Observation/k1']))).toEqual([ue]);
    expect(filterReports([ue, xray], { text: 'potassium' }, new Set())).toEqual([]);
    expect(filterReports([ue, xray], { text: 'chest' }, new Set())).toEqual([xray]);
  });
});
