import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { findLaunchConfiguration } from '../config/launch-match';
import type { AppConfiguration } from '../config/types';
import { ErrorNotice, Loading } from '../components/states';
import { launchIdentity } from '../domain/patient-identity';
import { isDeceased } from '../domain/policy/permission';
import type { SmartSession } from '../smart';
import type { EndpointAccess } from '../smart/endpoint-access';
import type { GovernanceAccesses } from '../smart/governance-accesses';
import { GovernedRecord } from './governed-record';
import { sessionQueries } from './session.queries';

export interface CareRecordProps {
  session: SmartSession;
  config: AppConfiguration;
  accesses: ReadonlyMap<string, EndpointAccess>;
  /** Sign-in to the audit service and the objection register (smart/governance-accesses.ts). */
  governanceAccesses?: GovernanceAccesses;
  now: () => Date;
}

const NO_GOVERNANCE: GovernanceAccesses = {};

/**
 * The shared record for the launching patient. Other organisations are searched by NHS
 * number, so nothing is asked of them until the launching record's number is known to be
 * verified (domain/patient-identity.ts); otherwise the page says why, and stops. The
 * Patient read is the banner's (same query key): one request for both. Only an EHR launch
 * in patient context gets here (the viewer has no patient search: a legitimate
 * relationship is the host system's to establish); then the governed viewing asks for
 * the basis of viewing before anything is retrieved (governed-record.tsx).
 */
export function CareRecord({ session, config, accesses, governanceAccesses = NO_GOVERNANCE, now }: CareRecordProps) {
  const patient = useQuery(sessionQueries.patient(session));
  const launch = useMemo(() => (patient.data ? launchIdentity(patient.data) : undefined), [patient.data]);
  if (!launch) {
    if (!patient.isError) return <Loading>Checking who the patient is…</Loading>;
    return (
      <ErrorNotice title="Records from other organisations are not shown">
        The patient’s details could not be read from the clinical system, so the patient cannot be looked for elsewhere.
      </ErrorNotice>
    );
  }
  if (!launch.ok) {
    const host = findLaunchConfiguration(config, session.iss)?.name ?? 'the clinical system';
    return (
      <ErrorNotice title="Records from other organisations are not shown">
        {`This patient's NHS number is not verified in ${host}, so records from other organisations cannot be matched safely. ${launch.reason}.`}
      </ErrorNotice>
    );
  }
  return (
    <GovernedRecord session={session} config={config} accesses={accesses} governanceAccesses={governanceAccesses} identity={launch.identity} deceased={isDeceased(patient.data)} now={now} />
  );
}
