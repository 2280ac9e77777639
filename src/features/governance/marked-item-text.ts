/**
 * One line for an item shown only under an override or a reveal: what it is and when, in
 * plain words from the normalised record (never the server's HTML). Pure.
 */
import type { CareRecord } from '../../domain/records';
import { resultValueText } from '../../domain/results/result-text';

const KIND: Record<CareRecord['kind'], string> = {
  medication: 'Medication',
  encounter: 'Encounter',
  'care-plan': 'Care plan',
  alert: 'Alert',
  condition: 'Condition',
  result: 'Result',
  report: 'Report',
  document: 'Document',
  involvement: 'Person involved',
};

export function markedItemText(r: CareRecord): { kind: string; title: string; date?: string; status?: string } {
  switch (r.kind) {
    case 'medication':
      return { kind: KIND[r.kind], title: r.dose ? `${r.name}: ${r.dose}` : r.name, date: r.date, status: r.status };
    case 'encounter':
      return { kind: KIND[r.kind], title: r.reason ? `${r.type} (${r.reason})` : r.type, date: r.start, status: r.status };
    case 'care-plan':
      return { kind: KIND[r.kind], title: r.title, date: r.start, status: r.status };
    case 'alert':
      return { kind: r.resourceType === 'AllergyIntolerance' ? 'Allergy' : KIND[r.kind], title: r.text, date: r.start, status: r.status };
    case 'condition':
      return { kind: KIND[r.kind], title: r.text, date: r.onset, status: r.clinicalStatus };
    case 'result':
      return { kind: KIND[r.kind], title: `${r.name}: ${resultValueText(r.value)}`, date: r.date, status: r.status };
    case 'report':
      return { kind: KIND[r.kind], title: r.name, date: r.date, status: r.status };
    case 'document':
      return { kind: KIND[r.kind], title: r.title, date: r.date, status: r.status };
    case 'involvement':
      return { kind: KIND[r.kind], title: `${r.context}: ${r.people.map((p) => `${p.name} (${p.role})`).join(', ') || 'nobody named'}`, date: r.start, status: r.status };
  }
}

export const MARK_TEXT = {
  override: 'Shown under emergency override',
  reveal: 'Restricted item: revealed by you',
} as const;

const KIND_ORDER: CareRecord['kind'][] = ['alert', 'medication', 'condition', 'result', 'report', 'document', 'encounter', 'care-plan', 'involvement'];

/** Alerts first (they matter before acting), then medicines, problems, encounters, plans; newest first within each. */
export function sortMarked(records: CareRecord[]): CareRecord[] {
  const date = (r: CareRecord) => markedItemText(r).date ?? '';
  return [...records].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || date(b).localeCompare(date(a)) || a.key.localeCompare(b.key));
}
