import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import type { AppConfiguration } from '../../../config/types';
import { ErrorNotice } from '../../../components/states';
import { useFocusOnMount, useReturnFocus } from '../../../components/focus-on-mount';
import type { AuditSession } from '../../../domain/audit/audit-types';
import type { PatientIdentity } from '../../../domain/patient-identity';
import type { OverrideReason } from '../../../domain/policy/override';
import type { FhirTransport } from '../../../fhir/types';
import type { EndpointAccess } from '../../../smart/endpoint-access';
import { REGISTER_SERVICE_NAME } from '../../../smart/governance-accesses';
import { REGISTER_SERVER, registerCheck, registerQueries } from '../api/register-queries';
import type { AuditTrail } from '../audit-trail';
import { OverrideForm } from './override-form';
import { ServiceSignIn } from './service-sign-in';

export interface ObjectionRegisterGateProps {
  config: AppConfiguration;
  access?: EndpointAccess;
  identity: PatientIdentity;
  trail: AuditTrail;
  session: AuditSession;
  /** Whether the access policy lets this user's role override an objection in an emergency (domain/policy mayOverride). */
  mayOverride?: boolean;
  /**
   * Whether the register takes a batch, from the app's cached probe of it (the sources
   * feature's probe query, composed by the app: features do not import each other).
   */
  registerBatch?: (transport: FhirTransport) => Promise<boolean>;
  /** Given the register's answer as a promise: retrieval starts alongside it and shows nothing before it. */
  children: (registerConsents: Promise<readonly unknown[]>) => ReactNode;
}

/** Said once the emergency route is taken; focus goes to it (it replaced the form the user submitted). */
function EmergencyNote() {
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <p className="governance-override-note" role="status" ref={ref} tabIndex={-1}>
      {'Emergency access: the objection register was not checked, so objections recorded only there are not known. ' +
        'Each organisation’s own record of objections is still checked. Your reason is recorded in the audit trail.'}
    </p>
  );
}

const NONE: Promise<readonly unknown[]> = Promise.resolve([]);

/**
 * The region's objection register is asked (audited like every query) alongside the
 * organisations, not before them (docs/adr/0005): each organisation's part of the record
 * waits for the register's answer before anything is shown, so an objection held only
 * there is honoured, and what an objected organisation sent is dropped unread. A register
 * that cannot be read stops the record, with a retry; without a configured register only
 * each organisation's own Consents are checked.
 */
export function ObjectionRegisterGate({ config, access, identity, trail, session, mayOverride = false, registerBatch, children }: ObjectionRegisterGateProps) {
  const [emergency, setEmergency] = useState<{ reason: OverrideReason }>();
  const [overriding, setOverriding] = useState(false);
  const emergencyOpener = useReturnFocus<HTMLButtonElement>();
  const service = config.objectionRegister;
  const check = useMemo(
    () => (service && access ? registerCheck({ service, access, nhsNumber: identity.nhsNumber, trail, session, ...(registerBatch ? { registerBatch } : {}) }) : undefined),
    [service, access, identity.nhsNumber, trail, session, registerBatch],
  );
  const transport = check?.transport;
  const client = useQueryClient();
  // Without a register (no transport) the query never runs; its options are the disabled shape of the register's.
  const options = useMemo(
    () => check?.options ?? registerQueries.consents({ nhsNumber: identity.nhsNumber, access: access as EndpointAccess, transport: undefined as unknown as FhirTransport, timeoutMs: 0 }),
    [check, identity.nhsNumber, access],
  );
  const query = useQuery({ ...options, enabled: transport !== undefined && !emergency });
  // The same fetch as the query's (one request): handed to retrieval, which waits for it.
  const consents = useMemo(() => {
    if (!transport || query.isError || emergency) return NONE;
    const answer = client.fetchQuery(options);
    answer.catch(() => undefined); // its failure is shown by this gate; retrieval sees it too
    return answer;
  }, [transport, query.isError, emergency, client, options]);
  if (!transport) {
    return (
      <>
        <p className="governance-basis">No objection register is set up: only each organisation’s own record of the patient’s objections is checked.</p>
        {children(NONE)}
      </>
    );
  }
  if (emergency) {
    return (
      <>
        <EmergencyNote />
        {children(NONE)}
      </>
    );
  }
  if (query.isError) {
    return (
      <ErrorNotice
        title="The patient’s objections cannot be checked"
        technical={query.error.message}
        action={
          <>
            <ServiceSignIn
              access={access}
              name={REGISTER_SERVICE_NAME}
              why="The objection register did not sign you in without a window. Sign in to it so that the patient’s objections can be checked."
              onSignedIn={() => void query.refetch()}
            />
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void query.refetch()} disabled={query.isFetching}>
              Try again
            </button>
            {mayOverride && !overriding && (
              <button type="button" ref={emergencyOpener.ref} className="nhsuk-button nhsuk-button--warning" onClick={() => setOverriding(true)}>
                Continue in an emergency
              </button>
            )}
            {mayOverride && overriding && service && (
              <OverrideForm
                organisationName="other organisations"
                intro={
                  'Only in an emergency: records from other organisations will be retrieved without checking the objection register, so an objection recorded only there will not be honoured. ' +
                  'Your name, the reason and your words are recorded and reviewed by the privacy officer.'
                }
                submitText="Continue in an emergency"
                onOverride={async (reason, explanation) => {
                  await trail.record(session, [{ kind: 'override', server: REGISTER_SERVER(service.fhirBaseUrl), reason, explanation }]);
                  setEmergency({ reason });
                }}
                onCancel={() => {
                  emergencyOpener.returnFocus();
                  setOverriding(false);
                }}
              />
            )}
            {!mayOverride && <p>Your role may not view shared records without the objection check. Try again in a few minutes, or ask a clinician who may use emergency access.</p>}
          </>
        }
      >
        {/* Not "nothing was retrieved": the organisations are asked alongside the register (docs/adr/0005); what they sent is dropped unread. */}
        {'The viewer could not get a complete answer from the objection register, so it cannot tell whether the patient has objected to sharing their records. ' +
          'Nothing from other organisations is shown.'}
      </ErrorNotice>
    );
  }
  return <>{children(consents)}</>;
}
