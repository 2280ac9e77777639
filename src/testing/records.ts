/**
 * Builders for domain records with literal values, for presentational tests (sections
 * as data in, UI out). Every builder takes overrides; the source defaults to a GP.
 */
import type { AlertRecord, CarePlanRecord, EncounterRecord, MedicationRecord, SourceRef } from '../domain/records';

export const GP: SourceRef = { endpointId: 'riverside-gp', organisationName: 'Riverside Medical Practice', odsCode: 'D99001' };
export const ACUTE: SourceRef = { endpointId: 'ouse-valley-acute', organisationName: 'Ouse Valley Hospitals NHS Foundation Trust', odsCode: 'R9A01' };

const base = (source: SourceRef, type: string, id: string) => ({
  key: `${source.endpointId}/${type}/${id}`,
  source,
  original: { resourceType: type, id } as never,
});

export function medication(id: string, o: Partial<MedicationRecord> = {}, source: SourceRef = GP): MedicationRecord {
  return {
    ...base(source, 'MedicationRequest', id),
    kind: 'medication', resourceType: 'MedicationRequest', name: 'Metformin 500mg tablets', codes: [],
    status: 'active', statusGroup: 'current',
    ...(o.resourceType === 'MedicationStatement' ? { entryKind: 'statement' as const } : { entryKind: 'prescription' as const, intent: 'order' }), ...o,
  };
}

export function encounter(id: string, o: Partial<EncounterRecord> = {}, source: SourceRef = GP): EncounterRecord {
  return { ...base(source, 'Encounter', id), kind: 'encounter', type: 'Surgery consultation', status: 'finished', ...o };
}

export function carePlan(id: string, o: Partial<CarePlanRecord> = {}, source: SourceRef = GP): CarePlanRecord {
  return { ...base(source, 'CarePlan', id), kind: 'care-plan', title: 'Diabetes care plan', status: 'active', activities: [], careTeam: [], ...o };
}

export function alert(id: string, o: Partial<AlertRecord> = {}, source: SourceRef = GP): AlertRecord {
  return { ...base(source, 'Flag', id), kind: 'alert', resourceType: 'Flag', category: 'Safety', text: 'Lives alone', status: 'active', ...o };
}
