/**
 * FHIR R4 DiagnosticReport to a ReportRecord: the report's name, conclusion, presented
 * form and the results it groups. The results themselves are Observations shown with the
 * other results; their labels govern the report too (domain/policy/record-sensitivity.ts).
 */
import type { DiagnosticReport, Observation } from 'fhir/r4';
import type { NormaliseResult, ReportRecord, SourceRef } from '../records';
import { attachmentRef, inlineText } from './attachment';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, codesOf, conceptText, firstCode, readDate, referenceDisplay } from './fhir-values';

export const NO_REPORT_NAME = 'No report named';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** `Observation/<id>` from a relative or absolute reference (the id only). */
function observationId(reference: unknown): string | undefined {
  const m = typeof reference === 'string' ? /(?:^|\/)Observation\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference) : null;
  return m?.[1];
}

/**
 * name: code text, else display. date: effective[x], else issued. conclusion: the text,
 * else the conclusion codes' words. Inline text/plain presented forms are read as text;
 * others (PDF…) are listed. `observations` holds the Observations the same endpoint
 * returned, by `Observation/<id>`: a result not among them is counted as unresolved.
 */
export function normaliseDiagnosticReport(r: DiagnosticReport, source: SourceRef, observations: ReadonlyMap<string, Observation> = new Map()): NormaliseResult<ReportRecord> {
  return guard('DiagnosticReport', r, source, (base) => {
    const status = str(r.status) ?? 'unknown';
    if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const name = conceptText(r.code);
    if (!name) throw new Unreadable(NO_REPORT_NAME);
    const date =
      readDate(r.effectiveDateTime, 'effectiveDateTime') ?? readDate(r.effectivePeriod?.start, 'effectivePeriod.start') ?? readDate(r.issued, 'issued');
    const ids = (r.result ?? []).map((ref) => observationId(ref?.reference));
    const found = ids.flatMap((id) => (id && observations.has(`Observation/${id}`) ? [observations.get(`Observation/${id}`) as Observation] : []));
    const conclusion = str(r.conclusion) ?? ((r.conclusionCode ?? []).map((c) => conceptText(c)).filter(Boolean).join('; ') || undefined);
    const presentedForms = (r.presentedForm ?? []).flatMap((a) => {
      const ref = attachmentRef(a);
      return ref ? [ref] : [];
    });
    const presentedText = presentedForms.map(inlineText).find(Boolean);
    const category = (r.category ?? []).map((c) => firstCode(c) ?? conceptText(c)).find(Boolean);
    const performer = (r.performer ?? []).map(referenceDisplay).find(Boolean);
    return {
      ...base,
      kind: 'report',
      resourceType: 'DiagnosticReport',
      name,
      codes: codesOf(r.code),
      status,
      resultKeys: ids.flatMap((id) => (id ? [`${source.endpointId}/Observation/${id}`] : [])),
      presentedForms,
      governedWith: found,
      unresolvedResults: ids.length - found.length,
      ...(category ? { category } : {}),
      ...(date ? { date } : {}),
      ...(conclusion ? { conclusion } : {}),
      ...(presentedText ? { presentedText } : {}),
      ...(performer ? { performer } : {}),
    };
  });
}
