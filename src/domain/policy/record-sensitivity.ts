/**
 * How far one record may be shown, from every label that governs it (docs/access-policy.md
 * §4): the strictest over the record's own resource, each resource it contains, and the
 * resources it was resolved from or belongs to (the Medication that names the medicine,
 * `_include`d or contained; the source's matched Patient). A MedicationRequest with no
 * labels of its own that names a Medication labelled HIV is an HIV item: its name came
 * from that Medication. A diagnostic report is as restricted as its results (a report about
 * a labelled result says what the result says); one naming results the server did not
 * return cannot be judged on them and counts as restricted (fail closed). Pure; any shape
 * is accepted (server data is untrusted).
 */
import type { CareRecord } from '../records';
import { sensitivityClass, type SensitivityClass } from './security-labels';

const RANK: Record<SensitivityClass, number> = { none: 0, restricted: 1, 'very-restricted': 2 };

/** The stricter of two classes. */
export function stricter(a: SensitivityClass, b: SensitivityClass): SensitivityClass {
  return RANK[a] >= RANK[b] ? a : b;
}

/** A resource's own class and that of everything in its `contained` (nested too, to a bounded depth). */
function resourceClass(resource: unknown, depth = 0): SensitivityClass {
  let cls = sensitivityClass(resource);
  const contained = (resource as { contained?: unknown } | null)?.contained;
  if (contained === undefined || contained === null || depth > 4) return cls;
  // A contained list the viewer cannot read might carry labels it cannot see: withhold.
  if (!Array.isArray(contained)) return stricter(cls, 'restricted');
  for (const c of contained) {
    cls = stricter(cls, resourceClass(c, depth + 1));
    if (cls === 'very-restricted') break;
  }
  return cls;
}

type Classified = Pick<CareRecord, 'original' | 'governedBy'> & Partial<Pick<CareRecord, 'kind'>>;

/**
 * Each record's class, worked out once: a record is made once from its source's answer and
 * never changed, and the whole record is governed again each time another organisation
 * answers (measured: about 40 ms of a large record's last update went on classifying the
 * records of the sources that had answered before).
 */
const classified = new WeakMap<object, SensitivityClass>();

/** The record's class: the strictest over its resource, its contained resources and what governs it. */
export function recordSensitivity(record: Classified): SensitivityClass {
  let cls = classified.get(record);
  if (cls === undefined) {
    cls = classify(record);
    classified.set(record, cls);
  }
  return cls;
}

function classify(record: Classified): SensitivityClass {
  let cls = resourceClass(record.original);
  for (const r of record.governedBy ?? []) cls = stricter(cls, resourceClass(r));
  if (record.kind === 'report') {
    const report = record as Extract<CareRecord, { kind: 'report' }>;
    for (const r of report.governedWith) cls = stricter(cls, resourceClass(r));
    if (report.unresolvedResults > 0) cls = stricter(cls, 'restricted');
  }
  return cls;
}
