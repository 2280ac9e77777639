import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { Patient } from 'fhir/r4';
import { useMemo } from 'react';
import { PatientBannerContent, PatientBannerFrame } from '../components/patient-banner';
import { ErrorNotice, Loading } from '../components/states';
import { WrongLaunchPatient } from '../domain/launch-patient';
import { patientBanner } from '../domain/patient-display';
import { SessionRequestError, type SmartSession } from '../smart';
import { sessionQueries } from './session.queries';

/**
 * The patient banner for the launch's patient: loading, failed or shown, never blank. One
 * frame throughout, so assistive technology keeps its place as the state changes. A
 * failure says plainly that the page cannot identify the patient.
 */
export function PatientHeader({ session, now }: { session: SmartSession; now: () => Date }) {
  const query = useQuery(sessionQueries.patient(session));
  const model = useMemo(() => (query.data ? patientBanner(query.data, now()) : undefined), [query.data, now]);
  return (
    <PatientBannerFrame>{model ? <PatientBannerContent model={model} /> : <PatientState query={query} />}</PatientBannerFrame>
  );
}

function PatientState({ query }: { query: UseQueryResult<Patient> }) {
  if (!query.isError) return <Loading>Loading patient details…</Loading>;
  if (query.error instanceof WrongLaunchPatient) {
    return (
      <ErrorNotice title="Patient details could not be loaded">
        {`${query.error.message}, so nothing is shown. Check who the patient is in your clinical system and open the record again.`}
      </ErrorNotice>
    );
  }
  const status = query.error instanceof SessionRequestError && query.error.status ? ` (HTTP ${query.error.status})` : '';
  return (
    <ErrorNotice
      title="Patient details could not be loaded"
      action={
        <button type="button" onClick={() => void query.refetch()} disabled={query.isFetching}>
          Try again
        </button>
      }
    >
      {`The viewer could not read this patient’s details from the clinical system${status}. ` +
        'Check who the patient is in your clinical system before using this page.'}
    </ErrorNotice>
  );
}
