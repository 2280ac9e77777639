import { useState } from 'react';

/**
 * What a sign-in came to, as the smart layer's EndpointAuthState has it (structurally, so
 * that this presentational component needs no other layer): `authorised`, or a state with
 * the plain reason it did not complete.
 */
export interface SignInAttempt {
  state: string;
  reason?: string;
}

/**
 * "Sign in to <name>", for every service the viewer signs in to the same way: a regional
 * endpoint (the source strip), the audit service and the objection register. The
 * interactive sign-in opens a pop-up window, which browsers allow only from a user's
 * click, so it is never started from a render. If it does not complete, the reason is
 * shown beside the button and the user may try again.
 */
export function SignInButton({ organisationName, onSignIn }: { organisationName: string; onSignIn: () => Promise<SignInAttempt> }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const click = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const state = await onSignIn();
      if (state.state === 'sign-in-needed' || state.state === 'failed') setProblem(state.reason);
    } catch {
      setProblem('Signing in did not complete');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void click()} disabled={busy}>
        {`Sign in to ${organisationName}`}
      </button>
      {problem && <p className="source-note">{problem}</p>}
    </>
  );
}
