/**
 * How far a record may be shown, from every resource whose labels govern it: its own,
 * and for a diagnostic report its results' (a report about a labelled result says what
 * the result says). A report naming results the server did not return cannot be judged
 * on them, so it counts as restricted: withheld unless a clinician reveals it (fail
 * closed, docs/access-policy.md). Pure.
 */
import type { CareRecord } from '../records';
import { sensitivityClass, type SensitivityClass } from './security-labels';

const ORDER: SensitivityClass[] = ['none', 'restricted', 'very-restricted'];

/** The stricter of two classes. */
export function stricter(a: SensitivityClass, b: SensitivityClass): SensitivityClass {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

export function recordSensitivity(record: CareRecord): SensitivityClass {
  let cls = sensitivityClass(record.original);
  if (record.kind === 'report') {
    for (const r of record.governedWith) cls = stricter(cls, sensitivityClass(r));
    if (record.unresolvedResults > 0) cls = stricter(cls, 'restricted');
  }
  return cls;
}
