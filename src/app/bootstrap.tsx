import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { installSessionCleanup, readySession, toLaunchError, type SmartSession } from '../smart';
import { App } from './App';
import { LaunchErrorPage } from './launch-error-page';

export interface BootstrapDeps {
  readySession: () => Promise<SmartSession>;
  now: () => Date;
}

/**
 * Starts the app on the redirect URI: completes the SMART launch, then renders the app or
 * the launch-error page. Authorisation happens once, here, before any render (architecture
 * habit 8); the launch itself starts at /launch/. The container's static "Opening…" text
 * stays until one of the two is ready, so the page is never blank.
 */
export async function bootstrap(
  container: HTMLElement,
  deps: BootstrapDeps = { readySession: () => readySession(), now: () => new Date() },
): Promise<Root> {
  installSessionCleanup();
  let session: SmartSession;
  try {
    session = await deps.readySession();
  } catch (e) {
    const error = toLaunchError(e);
    // For developers: the kind and its cause. Causes hold URLs and statuses, never a token
    // (the session boundary strips code and state from the URL before this point).
    console.error(`Launch failed: ${error.kind}`, error.cause ?? '');
    const root = createRoot(container);
    root.render(<LaunchErrorPage error={error} />);
    return root;
  }
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App session={session} now={deps.now} />
    </StrictMode>,
  );
  return root;
}
