import type { LaunchError, LaunchErrorKind } from './launch-error';

/** What a launch-failure page says: a heading, what happened, what to do. */
export interface LaunchErrorText {
  title: string;
  happened: string;
  todo: string;
  /** Shown under "Details for support" when present. */
  detail?: string;
}

const REOPEN = 'Open the record again from your clinical system.';
const ADMIN = 'Ask your system administrator to check how the viewer is set up.';

const TEXT: Record<LaunchErrorKind, (detail?: string) => Omit<LaunchErrorText, 'detail'>> = {
  'bad-config': () => ({
    title: 'The viewer is not set up correctly',
    happened: 'Its configuration could not be read, so it cannot open records.',
    todo: ADMIN,
  }),
  'no-launch': () => ({
    title: 'Open this record from your clinical system',
    happened: 'The viewer was opened directly. It only works when it is opened from a patient’s record in a clinical system.',
    todo: REOPEN,
  }),
  'unknown-iss': (iss) => ({
    title: 'This system is not set up to use the viewer',
    happened: `This launch came from a system the viewer is not set up for${iss ? ` (${iss})` : ''}.`,
    todo: 'Ask your system administrator to add it.',
  }),
  unreachable: () => ({
    title: 'The sign-in service could not be reached',
    happened: 'The viewer could not reach the clinical system’s sign-in service.',
    todo: 'Check your network connection, then open the record again from your clinical system. If it keeps happening, tell your IT service desk.',
  }),
  'unsupported-server': () => ({
    title: 'The clinical system’s sign-in service is not compatible',
    happened: 'Its sign-in service does not offer the security the viewer requires (SMART App Launch with PKCE).',
    todo: ADMIN,
  }),
  denied: () => ({
    title: 'Access was not given',
    happened: 'Permission to show this record was declined, so the viewer cannot show it.',
    todo: 'If you need to see the record, open it again from your clinical system and allow access.',
  }),
  'expired-launch': () => ({
    title: 'This launch has expired',
    happened: 'The link from your clinical system is no longer valid. This happens when it is used twice or after a long wait.',
    todo: REOPEN,
  }),
  'auth-failed': () => ({
    title: 'Sign-in did not complete',
    happened: 'The clinical system’s sign-in service refused the request.',
    todo: `${REOPEN} If it keeps happening, tell your IT service desk.`,
  }),
  'bad-state': () => ({
    title: 'Sign-in failed a security check',
    happened: 'The reply from the sign-in service did not match a sign-in started in this window, so the viewer stopped. The reply may have been used already or changed on the way.',
    todo: REOPEN,
  }),
  'token-failed': () => ({
    title: 'Sign-in did not complete',
    happened: 'The viewer could not finish signing you in with the clinical system.',
    todo: `${REOPEN} If it keeps happening, tell your IT service desk.`,
  }),
  'no-patient': () => ({
    title: 'No patient was selected',
    happened: 'The clinical system did not say which patient’s record to show.',
    todo: 'Open the record again from the patient’s record in your clinical system.',
  }),
};

/** Longest detail shown: an `iss` from the URL, or a server's error text, is untrusted and may be padded. */
const MAX_DETAIL = 200;
/**
 * A configuration mistake's detail is the validator's sentence about the deployer's own file
 * (served from the app's origin): it names the field and says how to mend it, and cutting it
 * short cuts off the mending. Still bounded, since it quotes values from the file.
 */
const MAX_CONFIG_DETAIL = 1000;

/** The words for a launch failure. Text only: callers render it with textContent / JSX. */
export function launchErrorText(error: LaunchError): LaunchErrorText {
  const max = error.kind === 'bad-config' ? MAX_CONFIG_DETAIL : MAX_DETAIL;
  const detail = error.detail && error.detail.length > max ? `${error.detail.slice(0, max)}…` : error.detail;
  const text = TEXT[error.kind](error.kind === 'unknown-iss' ? detail : undefined);
  return error.kind === 'unknown-iss' || !detail ? text : { ...text, detail };
}
