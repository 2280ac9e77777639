import { lazy, Suspense, useCallback, useMemo, useState, type ReactNode } from 'react';
import { Loading } from '../components/states';
import { RecordSection } from '../components/record-section';
import { SectionNav } from '../components/section-nav';
import { useUserRole } from '../components/user-role';
import type { EndpointConfiguration } from '../config/types';
import { likelyDuplicateEncounters } from '../domain/encounter-timeline';
import type { CareRecord, DocumentRecord, ReportRecord, ResultRecord } from '../domain/records';
import { sectionOrder, type SectionId } from '../domain/section-order';
import type { SourceStatus } from '../domain/source-status';
import { buildSummary } from '../domain/summary';
import { AlertList } from '../features/alerts';
import { CarePlanList } from '../features/care-plans';
import { EncounterList } from '../features/encounters';
import { MedicationList } from '../features/medications';
import { RecordDetail } from '../features/record-detail';
import { coverageFor, SECTION_SEARCHES } from '../features/sources';
import { Timeline } from '../features/timeline';
import type { OpenDocument } from '../features/documents';

// Loaded with the first results or documents to show, so the first bundle does not grow with them.
const ResultsView = lazy(() => import('../features/results').then((m) => ({ default: m.ResultsView })));
const DocumentList = lazy(() => import('../features/documents').then((m) => ({ default: m.DocumentList })));

export interface RecordSectionsProps {
  records: CareRecord[];
  sources: SourceStatus[];
  now: () => Date;
  /** The configured endpoints, for the detail view's provenance (which URL a record came from). */
  endpoints?: EndpointConfiguration[];
  /** Fetches and audits a document's content (app/open-document.ts); without it documents are listed only. */
  openDocument?: OpenDocument;
}

const TITLES: Record<SectionId, string> = { alerts: 'Alerts', medications: 'Medications', encounters: 'Encounters', 'care-plans': 'Care plans' };
const anchor = (id: SectionId | 'timeline') => `record-${id}`;

/**
 * The merged record's sections, in the order the signed-in user reads before acting
 * (domain/section-order.ts: alerts first for everyone; then medications for a clinician,
 * care plans for a social worker), then the timeline picture. The summary is built once
 * (domain/summary.ts, pure, clock passed in); each section gets its part and its own
 * coverage, so it can say which organisations it is missing. Any item opens its detail.
 */
export function RecordSections({ records, sources, now, endpoints = [], openDocument }: RecordSectionsProps) {
  const order = sectionOrder(useUserRole());
  const summary = useMemo(() => buildSummary(records, now()), [records, now]);
  const duplicates = useMemo(() => likelyDuplicateEncounters(summary.encounters), [summary.encounters]);
  const coverage = useMemo(
    () => ({
      alerts: coverageFor(sources, SECTION_SEARCHES.alerts),
      medications: coverageFor(sources, SECTION_SEARCHES.medications),
      encounters: coverageFor(sources, SECTION_SEARCHES.encounters),
      'care-plans': coverageFor(sources, SECTION_SEARCHES.carePlans),
      timeline: coverageFor(sources, [...SECTION_SEARCHES.encounters, ...SECTION_SEARCHES.medications]),
      results: coverageFor(sources, SECTION_SEARCHES.results),
      documents: coverageFor(sources, SECTION_SEARCHES.documents),
    }),
    [sources],
  );
  const [selected, setSelected] = useState<CareRecord>();
  const open = useCallback((r: CareRecord) => setSelected(r), []);
  const close = useCallback(() => setSelected(undefined), []);

  const counts: Record<SectionId, number> = {
    alerts: summary.alerts.length,
    medications: summary.medications.length,
    encounters: summary.encounters.length,
    'care-plans': summary.carePlans.length,
  };
  const content: Record<SectionId, ReactNode> = {
    alerts: <AlertList alerts={summary.alerts} onOpen={open} />,
    medications: <MedicationList groups={summary.medications} onOpen={open} />,
    encounters: <EncounterList encounters={summary.encounters} duplicates={duplicates} onOpen={open} />,
    'care-plans': <CarePlanList carePlans={summary.carePlans} onOpen={open} />,
  };
  const answered = (id: SectionId | 'timeline' | 'results' | 'documents') => coverage[id].answered.length > 0;
  const results = useMemo(() => records.filter((r): r is ResultRecord => r.kind === 'result'), [records]);
  const reports = useMemo(() => records.filter((r): r is ReportRecord => r.kind === 'report'), [records]);
  const documents = useMemo(() => records.filter((r): r is DocumentRecord => r.kind === 'document'), [records]);
  return (
    <div className="record-sections">
      <SectionNav
        links={[
          ...order.map((id) => ({ id: anchor(id), label: TITLES[id], ...(answered(id) ? { count: counts[id] } : {}) })),
          { id: 'record-results', label: 'Results', ...(answered('results') ? { count: results.length + reports.length } : {}) },
          { id: 'record-documents', label: 'Documents', ...(answered('documents') ? { count: documents.length } : {}) },
          { id: anchor('timeline'), label: 'Timeline' },
        ]}
      />
      {order.map((id) => (
        <RecordSection key={id} id={anchor(id)} title={TITLES[id]} noun={TITLES[id].toLowerCase()} coverage={coverage[id]} isEmpty={counts[id] === 0}>
          {content[id]}
        </RecordSection>
      ))}
      <RecordSection id="record-results" title="Results" noun="results" coverage={coverage.results} isEmpty={results.length === 0 && reports.length === 0}>
        <Suspense fallback={<Loading>Loading results…</Loading>}>
          <ResultsView results={results} reports={reports} onOpen={open} />
        </Suspense>
      </RecordSection>
      <RecordSection id="record-documents" title="Documents" noun="documents" coverage={coverage.documents} isEmpty={documents.length === 0}>
        <Suspense fallback={<Loading>Loading documents…</Loading>}>
          <DocumentList documents={documents} open={openDocument} />
        </Suspense>
      </RecordSection>
      <RecordSection id={anchor('timeline')} title="Timeline" noun="contacts or medicines" coverage={coverage.timeline}
        isEmpty={summary.encounters.length === 0 && summary.medications.length === 0}>
        <Timeline encounters={summary.encounters} medicines={summary.medications} now={now} />
      </RecordSection>
      {selected && (
        <RecordDetail record={selected} endpointUrl={endpoints.find((e) => e.id === selected.source.endpointId)?.fhirBaseUrl} onClose={close} />
      )}
    </div>
  );
}
