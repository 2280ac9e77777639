import type { Coding } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../records';
import { SOURCES } from '../testing/record-arbitraries';
import { DEFAULT_ACCESS_POLICY } from './access-policy';
import { governRecords } from './govern-records';
import { recordSensitivity } from './record-sensitivity';
import { V3_ACT_CODE, V3_CONFIDENTIALITY } from './security-labels';

const labelled = (...security: Coding[]) => ({ resourceType: 'Observation', meta: { security } });
function report(governedWith: unknown[], unresolvedResults = 0, own: Coding[] = []): ReportRecord {
  return {
    key: 'riverside-gp/DiagnosticReport/r1', source: SOURCES[0]!, original: { resourceType: 'DiagnosticReport', meta: { security: own } } as never,
    kind: 'report', resourceType: 'DiagnosticReport', name: 'Sexual health screen', codes: [], status: 'final', resultKeys: [], presentedForms: [], governedWith, unresolvedResults,
  };
}

describe('recordSensitivity', () => {
  it('a report is as restricted as its most restricted result', () => {
    expect(recordSensitivity(report([labelled(), labelled({ system: V3_ACT_CODE, code: 'STD' })]))).toBe('restricted');
    expect(recordSensitivity(report([labelled({ system: V3_CONFIDENTIALITY, code: 'V' })]))).toBe('very-restricted');
    expect(recordSensitivity(report([labelled()]))).toBe('none');
  });
  it('a report naming results the server did not return is restricted (their labels are unknown)', () => {
    expect(recordSensitivity(report([], 1))).toBe('restricted');
  });
  it('governRecords withholds such a report and counts it as one a clinician may reveal', () => {
    const out = governRecords({
      records: [report([labelled({ system: V3_ACT_CODE, code: 'STD' })])], role: 'clinical', policy: DEFAULT_ACCESS_POLICY.clinical,
      revealed: new Set(), objected: new Set(), overridden: new Set(),
    });
    expect(out.shown).toEqual([]);
    expect(out.withheld).toEqual({ 'riverside-gp': { revealable: 1, never: 0 } });
  });
});
