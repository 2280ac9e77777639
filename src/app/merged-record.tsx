import type { AppConfiguration } from '../config/types';
import { ErrorBoundary } from '../components/error-boundary';
import { ErrorNotice } from '../components/states';
import type { PatientIdentity } from '../domain/patient-identity';
import type { EndpointAccess } from '../smart/endpoint-access';
import { SourceStrip, useSourceResults } from '../features/sources';
import { RecordSections } from './record-sections';

export interface MergedRecordProps {
  identity: PatientIdentity;
  config: AppConfiguration;
  accesses: ReadonlyMap<string, EndpointAccess>;
  now: () => Date;
}

/**
 * The record as it arrives from every organisation: the status strip first (what was
 * asked, what answered, whether the record is complete), then the sections. The strip
 * sits outside the sections' error boundary, so the user always sees which sources
 * answered even if showing the record fails.
 */
export function MergedRecord({ identity, config, accesses, now }: MergedRecordProps) {
  const results = useSourceResults({ endpoints: config.endpoints, accesses, identity, now });
  return (
    <>
      <SourceStrip sources={results.sources} withheld={results.withheld} onRetry={results.retry} onSignIn={results.signIn} />
      <ErrorBoundary fallback={<ErrorNotice title="The record could not be shown">The list of sources above is still correct. Open the record again from your clinical system.</ErrorNotice>}>
        <RecordSections records={results.records} sources={results.sources} now={now} />
      </ErrorBoundary>
    </>
  );
}
