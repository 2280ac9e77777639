/**
 * The session boundary: launch context, the signed-in user and reads at the launching
 * server. The only code that handles tokens; everything else imports from here.
 */
export { readySession } from './ready-session';
export { installSessionCleanup, clearSmartState } from './stored-state';
export { LaunchError, launchErrorFromRedirect, toLaunchError, type LaunchErrorKind } from './launch-error';
export { launchErrorText, type LaunchErrorText } from './launch-error-text';
export { SessionRequestError, type SignedInUser, type SmartSession } from './session';
export type { EndpointAccess, EndpointAuthState } from './endpoint-access';
export { endpointTransport } from './endpoint-transport';
export { TokenOriginError } from './auth-state';
export { createGovernanceAccesses, type GovernanceAccesses, AUDIT_SERVICE_ID, REGISTER_SERVICE_ID } from './governance-accesses';
