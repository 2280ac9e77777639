/**
 * `npm start`: the whole local world on this machine. Prints the one URL to open and
 * stops cleanly on Ctrl-C.
 */
import { startSandbox } from './sandbox';
import { endpointCountFromEnv, portBaseFromEnv } from './topology';
import { parseAuthModeEnv } from './auth/auth-mode';

function locatorFromEnv(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  throw new Error(`SANDBOX_LOCATOR must be "on" or "off", got "${raw}"`);
}

function signInFromEnv(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'shared' || raw === 'per-server') return raw === 'shared';
  throw new Error(`SANDBOX_SIGN_IN must be "shared" or "per-server", got "${raw}"`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const sandbox = await startSandbox({
    portBase: portBaseFromEnv(),
    // A region: SANDBOX_ENDPOINTS=100 runs 100 organisations' endpoints in this process.
    endpoints: endpointCountFromEnv(),
    locator: locatorFromEnv(process.env.SANDBOX_LOCATOR),
    // One sign-in for every FHIR server (default) or one per server (docs/adr/0006).
    sharedSignIn: signInFromEnv(process.env.SANDBOX_SIGN_IN),
    faults: process.env.SANDBOX_FAULTS,
    enforce: process.env.SANDBOX_ENFORCE,
    // Where the built app is; default dist/ (parallel checkouts may build elsewhere).
    distDir: process.env.SANDBOX_DIST_DIR,
    // Your own test patients: a folder of <endpoint-id>.ndjson files (sandbox-data.ts).
    data: process.env.SANDBOX_DATA || undefined,
    // Strict sign-in: prompt=none refused, no refresh tokens, scopes enforced (auth/auth-mode.ts).
    auth: parseAuthModeEnv(process.env.SANDBOX_AUTH),
  });
  const t = sandbox.topology;
  console.log(`My Care Record sandbox is running (started in ${Date.now() - started} ms).`);
  console.log('');
  console.log(`  Open ${t.homeOrigin}/`);
  console.log('');
  console.log(`  Host systems: ${t.hosts.map((h) => `${h.name} ${h.origin}/`).join(', ')}`);
  console.log(`  Authorisation server: ${t.authIssuer}   App: ${t.appOrigin}${sandbox.config.endpoints.some((e) => e.auth.sharedSignIn) ? '   (one sign-in for every FHIR server)' : ''}`);
  if (t.authMode === 'strict') console.log('  SANDBOX_AUTH=strict: no sign-in without a window, no refresh tokens, only the scopes asked for');
  console.log(`  Audit repository: ${t.audit.baseUrl}   Objection register: ${t.objectionRegister.baseUrl}`);
  console.log(`  ${t.endpoints.length} organisations' FHIR endpoints   Record locator: ${t.recordLocator.baseUrl}${sandbox.config.recordLocator ? '' : ' (not named in the app configuration)'}`);
  console.log(`  Privacy officer's audit trail: ${t.homeOrigin}/privacy`);
  for (const a of sandbox.added) console.log(`  SANDBOX_DATA: ${a.count} resources from ${a.file}`);
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox…`);
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`The sandbox could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
