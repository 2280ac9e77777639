import { useSyncExternalStore } from 'react';
import { SignInButton } from '../../../components/sign-in-button';
import type { EndpointAccess, EndpointAuthState } from '../../../smart/endpoint-access';

const IDLE: EndpointAuthState = { state: 'idle' };
const NO_ACCESS = () => () => undefined;

/** The sign-in state of one access, as it changes (silent sign-in refused, pop-up finished…). */
export function useAccessState(access: EndpointAccess | undefined): EndpointAuthState {
  return useSyncExternalStore(access?.subscribe ?? NO_ACCESS, access?.current ?? (() => IDLE));
}

export interface ServiceSignInProps {
  access: EndpointAccess | undefined;
  /** As in "Sign in to the audit service". */
  name: string;
  /** Why this sign-in matters, in a sentence (the endpoint-worded reason of the refused silent sign-in is not shown). */
  why: string;
  /** Called once the interactive sign-in succeeded (e.g. ask the service again). */
  onSignedIn?: () => void;
}

/**
 * The audit service's or the objection register's "Sign in to …", shown only while its
 * silent sign-in has been refused (a server that does not answer prompt=none, or no
 * single sign-on): the same SignInButton as every regional endpoint's, so a server that
 * signs in only interactively never leaves the record hidden for good.
 */
export function ServiceSignIn({ access, name, why, onSignedIn }: ServiceSignInProps) {
  const state = useAccessState(access);
  if (!access || state.state !== 'sign-in-needed') return null;
  return (
    <div className="governance-sign-in" role="group" aria-label={`Sign in to ${name}`}>
      <p>{why}</p>
      <SignInButton
        organisationName={name}
        onSignIn={async () => {
          const s = await access.signInInteractively();
          if (s.state === 'authorised') onSignedIn?.();
          return s;
        }}
      />
    </div>
  );
}
