/**
 * Governance: permission to view, the audit trail of every access (IHE BALP), objections
 * and their emergency override, and sensitive items (docs/access-policy.md).
 */
import './governance.css';
export { AuditWriteError, createAuditClient, type AuditClient } from './audit-client';
export { AuditFailure, createAuditTrail, type AuditTrail, type AuditTrailState } from './audit-trail';
export { auditedTransport, localPatientId, outcomeOf } from './audited-transport';
export { registerCheck, registerQueries, registerSearch, RegisterUnavailable } from './api/register-queries';
export { locatorQueries, LocatorUnavailable } from './api/locator-queries';
export { useAuditTrailState } from './api/use-audit-trail-state';
export { PermissionForm } from './components/permission-form';
export { PermissionRefused, PermissionSummary } from './components/permission-outcome';
export { AuditFailedNotice } from './components/audit-failed-notice';
export { ObjectionNotice, type ObjectedOrganisation } from './components/objection-notice';
export { OverrideForm } from './components/override-form';
export { SourceGovernanceNote } from './components/source-governance-note';
export { withheldText } from './components/withheld-text';
export { ObjectionRegisterGate, type ObjectionRegisterGateProps } from './components/objection-register-gate';
export { useGovernedViewing, APP_NAME, type GovernedViewing, type DecidedBasis, type GovernedViewingInput, type OverrideNote } from './use-governed-viewing';
export { launchReadActivity, serverOf } from './audit-servers';
export { ServiceSignIn, useAccessState, type ServiceSignInProps } from './components/service-sign-in';
