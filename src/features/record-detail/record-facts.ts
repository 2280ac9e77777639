/**
 * What the viewer read from a source record, as labelled text for its detail view: the
 * same facts the summary shows, complete, with dates in CUI form. Absent facts are left
 * out here (the field list below them shows the whole resource). Pure.
 */
import { formatCuiDateTime } from '../../components/record-date';
import type { CareRecord } from '../../domain/records';
import { referenceRangeText, resultValueText } from '../../domain/results/result-text';
import { codeWords } from '../../domain/coded-words';
import { documentStatusWords } from '../../domain/documents/attachment-kind';
import { lengthOfStay } from '../../domain/encounter-detail';
import { medicationEntryWords } from '../../domain/medicine-rules';

export interface Fact {
  label: string;
  value: string;
}

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

/** The caption and title of a record's detail: "Medication" / "Metformin 500mg tablets". */
export function recordHeading(r: CareRecord): { caption: string; title: string } {
  switch (r.kind) {
    case 'medication':
      return { caption: KIND.medication, title: r.name };
    case 'encounter':
      return { caption: KIND.encounter, title: `${r.type}, ${formatCuiDateTime(r.start) ?? 'date not recorded'}` };
    case 'care-plan':
      return { caption: KIND['care-plan'], title: r.title };
    case 'alert':
      return { caption: r.resourceType === 'AllergyIntolerance' ? 'Allergy or intolerance' : KIND.alert, title: r.text };
    case 'condition':
      return { caption: KIND.condition, title: r.text };
    case 'result':
      return { caption: KIND.result, title: r.name };
    case 'report':
      return { caption: KIND.report, title: r.name };
    case 'document':
      return { caption: KIND.document, title: r.title };
    case 'involvement':
      return { caption: KIND.involvement, title: r.context };
  }
}

function facts(pairs: [string, string | undefined][]): Fact[] {
  return pairs.flatMap(([label, value]) => (value ? [{ label, value }] : []));
}

const date = formatCuiDateTime;
const list = (xs: string[] | undefined) => (xs && xs.length > 0 ? xs.join('; ') : undefined);

export function recordFacts(r: CareRecord, now?: Date): Fact[] {
  switch (r.kind) {
    case 'medication':
      return facts([
        ['Medicine', r.name], ['Entry', medicationEntryWords(r)], ['Dose', r.dose], ['Status', codeWords('medication-status', r.status)],
        ['Date', date(r.date)], ['Ends', date(r.endDate)], ['Course', r.courseOfTherapy],
        ['Repeats allowed', r.repeatsAllowed === undefined ? undefined : String(r.repeatsAllowed)], ['Codes', list(r.codes.map((c) => `${c.code}${c.display ? ` ${c.display}` : ''}`))],
      ]);
    case 'encounter':
      return facts([
        ['Type', r.type], ['Class', codeWords('encounter-class', r.classCode)], ['Status', codeWords('encounter-status', r.status)],
        ['Start', date(r.start)], ['End', date(r.end)], ['Length of stay', lengthOfStay(r, now)], ['Reason', r.reason],
        ['Admitted from', r.admitSource], ['Discharged to', r.dischargeDisposition],
        ['Location', list(r.locations) ?? r.location], ['Service provider', r.serviceProvider],
        ['Clinicians', list((r.participants ?? []).map((p) => (p.roles.length ? `${p.name} (${p.roles.join(', ')})` : p.name)))],
      ]);
    case 'care-plan':
      return facts([
        ['Title', r.title], ['Status', codeWords('care-plan-status', r.status)], ['Category', r.category], ['Start', date(r.start)], ['End', date(r.end)],
        ['Activities', list(r.activities)], ['Care team', list(r.careTeam)],
      ]);
    case 'alert':
      return facts([
        [r.resourceType === 'AllergyIntolerance' ? 'Substance' : 'Alert', r.text], ['Category', r.category],
        ['Status', codeWords(r.resourceType === 'Flag' ? 'flag-status' : 'allergy-clinical', r.status)],
        ['Verification', codeWords('allergy-verification', r.verification)],
        ['Date', date(r.start)], ['Reaction', list(r.reactions)], ['Severity', codeWords('reaction-severity', r.severity)],
        ['Criticality', codeWords('allergy-criticality', r.criticality)],
      ]);
    case 'result':
      return facts([
        ['Test', r.name], ['Value', resultValueText(r.value)], ['Interpretation', r.interpretation?.text], ['Reference range', referenceRangeText(r.referenceRange)],
        ['Date', date(r.date)], ['Status', codeWords('observation-status', r.status)], ['Performed by', r.performer], ['Note', r.note],
        ['Codes', list(r.codes.map((c) => `${c.code}${c.display ? ` ${c.display}` : ''}`))],
      ]);
    case 'report':
      return facts([['Report', r.name], ['Status', codeWords('report-status', r.status)], ['Date', date(r.date)], ['Conclusion', r.conclusion], ['Performed by', r.performer]]);
    case 'document':
      return facts([['Document', r.title], ['Type', r.type], ['Status', documentStatusWords(r)], ['Date', date(r.date)], ['Organisation', r.authorOrganisation], ['Author', r.author]]);
    case 'condition':
      return facts([
        ['Condition', r.text], ['Clinical status', codeWords('condition-clinical', r.clinicalStatus)],
        ['Recorded as', codeWords('condition-category', r.category)], ['Onset', date(r.onset)], ['Recorded', date(r.recordedDate)],
        ['Resolved', date(r.abatement)],
      ]);
    case 'involvement':
      return facts([
        ['Part of', r.context],
        ['People', list(r.people.map((p) => [p.name, p.role, p.organisation, ...p.contact].filter(Boolean).join(', ')))],
        ['Status', r.status], ['Start', date(r.start)], ['End', date(r.end)],
      ]);
  }
}
