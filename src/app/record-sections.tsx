import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { preloadable } from '../components/preloadable';
import { ShownFocusContext, type ShownFocus } from '../components/shown-mark';
import { RecordSection, type SectionCoverage } from '../components/record-section';
import { Loading } from '../components/states';
import { SectionNav } from '../components/section-nav';
import { useUserRole } from '../components/user-role';
import type { EndpointConfiguration } from '../config/types';
import { likelyDuplicateEncounters } from '../domain/encounter-timeline';
import type { CareRecord, DocumentRecord, ReportRecord, ResultRecord } from '../domain/records';
import { sectionOrder, type SectionId } from '../domain/section-order';
import type { SourceStatus } from '../domain/source-status';
import { buildSummary } from '../domain/summary';
import { AdvanceDecisions as AdvanceDecisionsView, AlertList as AlertListView } from '../features/alerts';
import { CarePlanList as CarePlanListView } from '../features/care-plans';
import { EncounterList as EncounterListView } from '../features/encounters';
import { InvolvementList as InvolvementListView } from '../features/involvement';
import { ProblemList as ProblemListView } from '../features/problems';
import { MedicationList as MedicationListView } from '../features/medications';
import { coverageFor, SECTION_SEARCHES } from '../features/sources';
import { Timeline as TimelineView } from '../features/timeline';
import type { OpenDocument } from '../features/documents';

// A progress report or an organisation answering with nothing draws the record again with
// the same records (kept by reference from combineSources), so the summary and every section's
// items are the same objects and the sections are not drawn again; an answer that adds items
// builds the summary anew, and every section with it. Their "none recorded" lines follow the
// coverage context, which memo does not stop.
const AdvanceDecisions = memo(AdvanceDecisionsView);
const AlertList = memo(AlertListView);
const CarePlanList = memo(CarePlanListView);
const EncounterList = memo(EncounterListView);
const InvolvementList = memo(InvolvementListView);
const ProblemList = memo(ProblemListView);
const MedicationList = memo(MedicationListView);
const Timeline = memo(TimelineView);

// Not in the first bundle: loaded with the record view, while the user reads the permission
// question (preloadSectionViews), and then drawn without suspending (components/preloadable.tsx).
const results = preloadable(() => import('../features/results').then((m) => m.ResultsView));
const documents = preloadable(() => import('../features/documents').then((m) => m.DocumentList));
const ResultsView = memo(results.Component);
const DocumentList = memo(documents.Component);

/** Fetches the sections' code-split views, so that data arriving later is drawn at once. */
export function preloadSectionViews(): Promise<void> {
  return Promise.all([results.preload(), documents.preload()]).then(() => undefined);
}

/** Loaded when an item is first opened: the detail view brings the sanitiser (DOMPurify) with it. */
const RecordDetail = lazy(() => import('../features/record-detail').then((m) => ({ default: m.RecordDetail })));

export interface RecordSectionsProps {
  records: CareRecord[];
  sources: SourceStatus[];
  now: () => Date;
  /** The configured endpoints, for the detail view's provenance (which URL a record came from). */
  endpoints?: EndpointConfiguration[];
  /** Fetches and audits a document's content (app/open-document.ts); without it documents are listed only. */
  openDocument?: OpenDocument;
}

const TITLES: Record<SectionId, string> = {
  alerts: 'Alerts',
  problems: 'Problems',
  medications: 'Medications',
  encounters: 'Encounters',
  'care-plans': 'Care plans',
  involvement: 'Who is involved',
};
const NOUNS: Record<SectionId, string> = {
  alerts: 'alerts', problems: 'problems or diagnoses', medications: 'medications', encounters: 'encounters', 'care-plans': 'care plans', involvement: 'people involved',
};
const anchor = (id: SectionId | 'timeline') => `record-${id}`;

/**
 * The merged record's sections, in the order the signed-in user reads before acting
 * (domain/section-order.ts: alerts first for everyone; then medications for a clinician,
 * care plans for a social worker), then the timeline picture. The summary is built once
 * (domain/summary.ts, pure, clock passed in); each section gets its part and its own
 * coverage, so it can say which organisations it is missing. Any item opens its detail.
 * Resuscitation and end-of-life decisions sit above every section, whatever the order.
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
      problems: coverageFor(sources, SECTION_SEARCHES.conditions),
      involvement: coverageFor(sources, SECTION_SEARCHES.involvement),
      timeline: coverageFor(sources, [...SECTION_SEARCHES.encounters, ...SECTION_SEARCHES.medications]),
      results: coverageFor(sources, SECTION_SEARCHES.results),
      documents: coverageFor(sources, SECTION_SEARCHES.documents),
    }),
    [sources],
  );
  const focus = useFocusOnNewlyShown(records);
  const [selected, setSelected] = useState<CareRecord>();
  const open = useCallback((r: CareRecord) => setSelected(r), []);
  const close = useCallback(() => setSelected(undefined), []);

  const lines = summary.alertLines;
  const problems = summary.problems;
  const counts: Record<SectionId, number> = {
    alerts: lines.flags.length + lines.allergies.length + lines.noKnownAllergies.length + lines.notInForce.length + lines.refuted.length + lines.advanceDecisions.length,
    problems: problems.problems.length + problems.diagnoses.length + problems.inactive.length + problems.refuted.length,
    // The same registered GP named by several organisations is one row (involvement-list.tsx).
    involvement:
      summary.involvement.filter((r) => r.resourceType !== 'Patient').reduce((n, r) => n + r.people.length, 0) +
      new Set(summary.involvement.filter((r) => r.resourceType === 'Patient').flatMap((r) => r.people.map((p) => `${p.name}|${p.role}`))).size,
    medications: summary.medications.length,
    encounters: summary.encounters.length,
    'care-plans': summary.carePlans.length,
  };
  const content: Record<SectionId, ReactNode> = {
    alerts: <AlertList summary={lines} onOpen={open} />,
    problems: <ProblemList summary={problems} onOpen={open} />,
    involvement: <InvolvementList records={summary.involvement} onOpen={open} />,
    medications: <MedicationList groups={summary.medications} onOpen={open} />,
    encounters: <EncounterList encounters={summary.encounters} duplicates={duplicates} onOpen={open} />,
    'care-plans': <CarePlanList carePlans={summary.carePlans} onOpen={open} />,
  };
  const results = useMemo(() => records.filter((r): r is ResultRecord => r.kind === 'result'), [records]);
  const reports = useMemo(() => records.filter((r): r is ReportRecord => r.kind === 'report'), [records]);
  const documents = useMemo(() => records.filter((r): r is DocumentRecord => r.kind === 'document'), [records]);
  // A count is shown once known: while any organisation that may hold items is still loading it says "loading".
  const countOf = (id: SectionId | 'results' | 'documents', n: number) => (coverage[id].loading.length > 0 ? ('loading' as const) : coverage[id].answered.length > 0 ? n : undefined);
  const link = (id: string, label: string, count: number | 'loading' | undefined, missing: SectionCoverage['missing'] = []) => ({
    id, label, ...(count !== undefined ? { count } : {}), ...(missing.length > 0 ? { missing } : {}),
  });
  return (
    <ShownFocusContext.Provider value={focus}>
    <div className="record-sections">
      <SectionNav
        links={[
          ...order.map((id) => link(anchor(id), TITLES[id], countOf(id, counts[id]), coverage[id].missing)),
          link('record-results', 'Results', countOf('results', results.length + reports.length), coverage.results.missing),
          link('record-documents', 'Documents', countOf('documents', documents.length), coverage.documents.missing),
          { id: anchor('timeline'), label: 'Timeline' },
        ]}
      />
      <AdvanceDecisions groups={lines.advanceDecisions} onOpen={open} />
      {order.map((id) => (
        <RecordSection key={id} id={anchor(id)} title={TITLES[id]} noun={NOUNS[id]} coverage={coverage[id]} isEmpty={counts[id] === 0}>
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
          <DocumentList documents={documents} open={openDocument} onOpen={open} />
        </Suspense>
      </RecordSection>
      <RecordSection id={anchor('timeline')} title="Timeline" noun="contacts or medicines" coverage={coverage.timeline}
        isEmpty={summary.encounters.length === 0 && summary.medications.length === 0}>
        <Timeline encounters={summary.encounters} medicines={summary.medications} now={now} />
      </RecordSection>
      {selected && (
        <Suspense fallback={<Loading>Opening the record…</Loading>}>
          <RecordDetail record={selected} records={records} now={now} onOpen={open} endpointUrl={endpoints.find((e) => e.id === selected.source.endpointId)?.fhirBaseUrl} onClose={close} />
        </Suspense>
      )}
    </div>
    </ShownFocusContext.Provider>
  );
}

/**
 * After a reveal or an override puts items on screen, keyboard focus moves to the first of
 * them in reading order (WCAG 2.4.3), not to the page body: the first such mark already in
 * the page, else the first such record (a virtualised list or a section still loading
 * brings it in, and its mark takes focus when it appears: components/shown-mark.tsx).
 */
function useFocusOnNewlyShown(records: CareRecord[]): ShownFocus {
  const seen = useRef(new Set<string>());
  const [request, setRequest] = useState<string>();
  useEffect(() => {
    const fresh = records.filter((r) => r.shownUnder && !seen.current.has(r.key)).map((r) => r.key);
    if (fresh.length === 0) return;
    for (const k of fresh) seen.current.add(k);
    const wanted = new Set(fresh);
    const inPage = [...document.querySelectorAll<HTMLElement>('[data-shown-key]')].find((el) => wanted.has(el.dataset.shownKey ?? ''));
    setRequest(inPage?.dataset.shownKey ?? fresh[0]);
  }, [records]);
  return useMemo(() => ({ request, done: (key: string) => setRequest((r) => (r === key ? undefined : r)) }), [request]);
}
