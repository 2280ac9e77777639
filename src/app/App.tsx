import { QueryClientProvider, useQuery, type QueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/error-boundary';
import { ErrorNotice } from '../components/states';
import { UserLine } from '../components/user-line';
import { UserRoleContext } from '../components/user-role';
import type { AppConfiguration } from '../config/types';
import { roleCategory } from '../domain/role';
import type { SmartSession } from '../smart';
import type { EndpointAccess } from '../smart/endpoint-access';
import type { GovernanceAccesses } from '../smart/governance-accesses';
import { CareRecord } from './care-record';
import { PatientContext } from '../components/patient-context';
import { patientBanner } from '../domain/patient-display';
import { PatientHeader } from './patient-header';
import { createQueryClient } from './query-client';
import { sessionQueries } from './session.queries';
import { UserHeader } from './user-header';
import { SessionEnded } from './session-ended';
import { clearSmartState } from '../smart';

export interface AppProps {
  session: SmartSession;
  /** The runtime configuration: which organisations to ask. */
  config: AppConfiguration;
  /** One access per configured endpoint id (session.endpointAccesses(config) in the app). */
  accesses: ReadonlyMap<string, EndpointAccess>;
  /** Sign-in to the audit service and the objection register (createGovernanceAccesses in the app). */
  governanceAccesses?: GovernanceAccesses;
  /** The clock, passed in so that ages are testable (architecture habit 2). */
  now?: () => Date;
  queryClient?: QueryClient;
}

const systemClock = () => new Date();

/**
 * The composition root: query client, error boundaries, page layout: the banner, then the
 * record from every configured organisation. Read-only: nothing here writes clinical
 * data (the only write is the audit trail's AuditEvents). Clinical data lives in this
 * page's memory only (the query client has no persister) and goes with the tab. The banner is hidden when the host says it shows its own (SMART App Launch 2.2
 * "Launch context": need_patient_banner); the record still reads the Patient, whose
 * verified NHS number is how other organisations are searched.
 */
export function App({ session, config, accesses, governanceAccesses, now = systemClock, queryClient }: AppProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const [ended, setEnded] = useState(false);
  if (ended) return <SessionEnded reason="ended-by-user" />;
  /** "End session": drop every answer held in memory, every token, and the launch state; then say so. */
  const endSession = () => {
    void client.cancelQueries();
    client.clear();
    for (const access of [...accesses.values(), governanceAccesses?.audit, governanceAccesses?.register, governanceAccesses?.locator]) access?.dispose();
    try {
      clearSmartState(window.sessionStorage);
    } catch {
      // storage unavailable: nothing was kept there
    }
    setEnded(true);
  };
  return (
    <QueryClientProvider client={client}>
      <ErrorBoundary fallback={<PageFailed />}>
        <div className="app">
          <a className="nhsuk-skip-link" href="#maincontent">
            Skip to main content
          </a>
          <header className="app-header">
            <h1 className="app-name">My Care Record</h1>
            <ErrorBoundary fallback={<UserLine problem="The signed-in user could not be shown." />}>
              <UserHeader session={session} />
            </ErrorBoundary>
            <button type="button" className="app-end-session" onClick={endSession}>
              End session
            </button>
          </header>
          {session.needPatientBanner && (
            <ErrorBoundary fallback={<ErrorNotice title="The patient banner could not be shown">Check who the patient is in your clinical system.</ErrorNotice>}>
              <PatientHeader session={session} now={now} />
            </ErrorBoundary>
          )}
          <main className="app-main" id="maincontent" tabIndex={-1} aria-label="Care record">
            <ErrorBoundary fallback={<ErrorNotice title="The record could not be shown">Open the record again from your clinical system.</ErrorNotice>}>
              <SessionRole session={session}>
                <SessionPatient session={session} now={now}>
                  <CareRecord session={session} config={config} accesses={accesses} governanceAccesses={governanceAccesses} now={now} />
                </SessionPatient>
              </SessionRole>
            </ErrorBoundary>
          </main>
        </div>
      </ErrorBoundary>
    </QueryClientProvider>
  );
}

/** The signed-in user's role category for the record below (it orders the sections); 'unknown' until read. */
function SessionRole({ session, children }: { session: SmartSession; children: ReactNode }) {
  const user = useQuery(sessionQueries.user(session));
  return <UserRoleContext value={roleCategory(user.data?.role)}>{children}</UserRoleContext>;
}

/** Whose record it is, for dialogs that cover the banner (the same query as the banner's: one request). */
function SessionPatient({ session, now, children }: { session: SmartSession; now: () => Date; children: ReactNode }) {
  const patient = useQuery(sessionQueries.patient(session));
  const model = useMemo(() => (patient.data ? patientBanner(patient.data, now()) : undefined), [patient.data, now]);
  return <PatientContext value={model}>{children}</PatientContext>;
}

function PageFailed() {
  return (
    <main className="launch-error">
      <ErrorNotice title="Something went wrong showing this record">Open the record again from your clinical system.</ErrorNotice>
    </main>
  );
}
