import { useMemo } from 'react';
import { RecordSection } from '../components/record-section';
import { likelyDuplicateEncounters } from '../domain/encounter-timeline';
import type { CareRecord } from '../domain/records';
import type { SourceStatus } from '../domain/source-status';
import { buildSummary } from '../domain/summary';
import { AlertList } from '../features/alerts';
import { CarePlanList } from '../features/care-plans';
import { EncounterList } from '../features/encounters';
import { MedicationList } from '../features/medications';
import { coverageFor, SECTION_SEARCHES } from '../features/sources';

export interface RecordSectionsProps {
  records: CareRecord[];
  sources: SourceStatus[];
  now: () => Date;
}

/**
 * The merged record's sections, in the order a clinician reads before acting: alerts,
 * medications, encounters, care plans. The summary is built once (domain/summary.ts,
 * pure, clock passed in); each section gets its part and its own coverage, so it can say
 * which organisations it is missing.
 */
export function RecordSections({ records, sources, now }: RecordSectionsProps) {
  const summary = useMemo(() => buildSummary(records, now()), [records, now]);
  const duplicates = useMemo(() => likelyDuplicateEncounters(summary.encounters), [summary.encounters]);
  const coverage = useMemo(
    () => ({
      alerts: coverageFor(sources, SECTION_SEARCHES.alerts),
      medications: coverageFor(sources, SECTION_SEARCHES.medications),
      encounters: coverageFor(sources, SECTION_SEARCHES.encounters),
      carePlans: coverageFor(sources, SECTION_SEARCHES.carePlans),
    }),
    [sources],
  );
  return (
    <div className="record-sections">
      <RecordSection title="Alerts" noun="alerts" coverage={coverage.alerts} isEmpty={summary.alerts.length === 0}>
        <AlertList alerts={summary.alerts} />
      </RecordSection>
      <RecordSection title="Medications" noun="medications" coverage={coverage.medications} isEmpty={summary.medications.length === 0}>
        <MedicationList groups={summary.medications} />
      </RecordSection>
      <RecordSection title="Encounters" noun="encounters" coverage={coverage.encounters} isEmpty={summary.encounters.length === 0}>
        <EncounterList encounters={summary.encounters} duplicates={duplicates} />
      </RecordSection>
      <RecordSection title="Care plans" noun="care plans" coverage={coverage.carePlans} isEmpty={summary.carePlans.length === 0}>
        <CarePlanList carePlans={summary.carePlans} />
      </RecordSection>
    </div>
  );
}
