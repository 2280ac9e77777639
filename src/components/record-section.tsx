import { createContext, useContext, useId, type ReactNode } from 'react';
import { ErrorBoundary } from './error-boundary';
import { ErrorNotice, Loading } from './states';

/** Which organisations a section's items come from, and which it is missing. */
export interface SectionCoverage {
  /** Organisations whose answer for this section arrived. */
  answered: string[];
  /** Organisations still being asked. */
  loading: string[];
  /** Organisations whose items for this section are not here, with why in a few words. */
  missing: { name: string; why: string }[];
}

export interface RecordSectionProps {
  title: string;
  /** Lower-case plural for sentences: "medications", "care plans". */
  noun: string;
  coverage: SectionCoverage;
  isEmpty: boolean;
  /** The section's element id, for the links that jump to it. */
  id?: string;
  children: ReactNode;
}

const organisations = (n: number) => (n === 1 ? 'the 1 organisation' : `the ${n} organisations`);

/** The coverage of the section being drawn, for the "none" lines inside it. */
const CoverageContext = createContext<SectionCoverage | undefined>(undefined);

/**
 * "None" for one part of a section (no active alerts, no current medications), in the
 * words of the section's coverage: how many organisations it covers, and "so far" while
 * others are still loading, so an absence is never stated for organisations not yet heard
 * from. Outside a section it says only "No … recorded."
 */
export function noneRecordedText(what: string, coverage: SectionCoverage | undefined): string {
  if (!coverage || coverage.answered.length === 0) return `No ${what} recorded.`;
  const n = coverage.answered.length;
  return coverage.loading.length > 0
    ? `No ${what} so far: ${organisations(n)} that answered ${n === 1 ? 'records' : 'record'} none.`
    : `No ${what} recorded at ${organisations(n)} that answered.`;
}

export function NoneRecorded({ what }: { what: string }) {
  return <p className="section-empty">{noneRecordedText(what, useContext(CoverageContext))}</p>;
}

/**
 * One section of the record with every state it can be in (architecture habit 10):
 * loading until a first organisation answers, then its items (inside its own error
 * boundary), or, once no organisation is still loading, "none recorded" that says how
 * many organisations that covers; and a note
 * naming what is missing or still loading, so a partial section never looks whole.
 */
export function RecordSection({ title, noun, coverage, isEmpty, id, children }: RecordSectionProps) {
  const headingId = useId();
  const { answered, loading, missing } = coverage;
  let body: ReactNode;
  if (answered.length === 0) {
    body = loading.length > 0 ? <Loading>{`Loading ${noun}…`}</Loading> : <p className="section-empty">{`No organisation answered, so no ${noun} can be shown.`}</p>;
  } else if (isEmpty && loading.length > 0) {
    // "None recorded" only once every organisation that may hold some has answered.
    body = <Loading>{`Loading ${noun}…`}</Loading>;
  } else if (isEmpty) {
    body = <p className="section-empty">{`No ${noun} recorded at ${organisations(answered.length)} that answered.`}</p>;
  } else {
    body = children;
  }
  return (
    <section className="record-section" id={id} aria-labelledby={headingId}>
      <h2 id={headingId} className="record-section-title">
        {title}
      </h2>
      {missing.length > 0 && (
        <p className="section-note">{`Not shown from: ${missing.map((m) => `${m.name} (${m.why})`).join('; ')}.`}</p>
      )}
      {answered.length > 0 && loading.length > 0 && <p className="section-note">{`Still loading from: ${loading.join('; ')}.`}</p>}
      <ErrorBoundary fallback={<ErrorNotice title={`${title} could not be shown`}>The rest of the record is not affected. Open the record again to retry.</ErrorNotice>}>
        <CoverageContext.Provider value={coverage}>{body}</CoverageContext.Provider>
      </ErrorBoundary>
    </section>
  );
}
