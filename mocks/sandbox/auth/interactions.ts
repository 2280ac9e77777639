import { interactionPolicy } from './oidc-provider';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { interactionPolicy as InteractionPolicyTypes } from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Context, Next } from 'koa';
import type { LaunchContext, LaunchStore } from '../launch-store';
import type { SandboxAccount } from './accounts';
import { loginPage } from './login-page';
import { INTERACTION_PATH } from './routes';

const { Check, base } = interactionPolicy;

/**
 * oidc-provider's default prompts, with one more reason to ask for login: an EHR launch
 * whose user is not the one signed in to this browser's session (or whose launch has
 * expired since the request began). Without it, single sign-on would issue a code that
 * pairs one user's session with another user's launch and patient.
 */
export function sandboxInteractionPolicy(launches: LaunchStore, opts: { refuseSilent?: boolean } = {}): InteractionPolicyTypes.DefaultPolicy {
  const policy = base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider default policy has no login prompt');
  if (opts.refuseSilent) {
    // Strict mode (auth-mode.ts): every prompt=none asks for login, which oidc-provider
    // answers at the redirect URI with error=login_required, signed-in browser or not.
    login.checks.add(
      new Check('strict_no_silent', 'this server does not sign in without a window', 'login_required', (ctx) =>
        ctx.oidc.prompts.has('none') ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
      ),
    );
  }
  login.checks.add(
    new Check('launch_user', 'the launch belongs to another user than the one signed in', (ctx) => {
      const launchId = ctx.oidc.params?.launch;
      if (typeof launchId !== 'string') return Check.NO_NEED_TO_PROMPT;
      const launch = launches.get(launchId);
      return launch?.userId === ctx.oidc.session?.accountId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

/**
 * An EHR launch in a browser not yet signed in here: sign the launch's user in within the
 * authorization request itself, as the interaction page would (`{ login: { accountId:
 * launch.userId } }` below), without sending the browser there and back (two redirects,
 * two round trips on every launch). A real EHR's authorisation server knows its user from
 * the EHR's own session in the same way. The launch has just been checked (launch-middleware.ts:
 * live, for this FHIR server); it is the same credential the interaction page trusts.
 * Everything else keeps the interaction: another user signed in (the switch, with the
 * logout confirmation), no launch (standalone: the sign-in page), `prompt=login` (asked
 * for) and `prompt=none` (which must not sign anyone in).
 */
export function signInLaunchUser(ctx: KoaContextWithOIDC, launch: LaunchContext): void {
  const session = ctx.oidc.session;
  if (!session || session.accountId !== undefined) return;
  if (ctx.oidc.prompts.has('login') || ctx.oidc.prompts.has('none')) return;
  // As oidc-provider's resume does after a login: the id seen before login is not the one after it.
  session.resetIdentifier();
  session.loginAccount({ accountId: launch.userId });
}

/** The sign-in form's body; a few hundred bytes at most, so anything large is refused. */
async function readForm(ctx: Context): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of ctx.req) {
    body += String(chunk);
    if (body.length > 4096) ctx.throw(413);
  }
  return new URLSearchParams(body);
}

/**
 * The interaction pages oidc-provider redirects to (`/interaction/:uid`). EHR launch: the
 * user is already signed in to the host system, so login completes at once as the
 * launch's user (reached only for a user switch or `prompt=login`: a browser signed in to
 * no one is signed in during the request, signInLaunchUser above). Standalone launch: the sign-in page lists the sandbox users. Consent is
 * never asked: the organisations approved the app in advance (see loadExistingGrant in
 * config.ts), so an explicit `prompt=consent` just completes.
 */
export function interactionRoutes(provider: Provider, launches: LaunchStore, accounts: readonly SandboxAccount[]) {
  const pattern = new RegExp(`^${INTERACTION_PATH}/([\\w-]+)(?:/(login|cancel))?$`);

  async function finish(ctx: Context, result: InteractionResults): Promise<void> {
    const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(to);
  }

  return async (ctx: Context, next: Next): Promise<void> => {
    const match = pattern.exec(ctx.path);
    if (!match) return next();
    const [, uid, action] = match;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== uid) ctx.throw(400, 'interaction does not match this browser session');
    ctx.set('Cache-Control', 'no-store');

    if (action === undefined && ctx.method === 'GET') {
      if (details.prompt.name !== 'login') return finish(ctx, { consent: {} });
      const launchId = details.params.launch;
      if (typeof launchId !== 'string') {
        ctx.type = 'html';
        ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
        ctx.body = loginPage(details.uid, accounts);
        return;
      }
      const launch = launches.get(launchId);
      return finish(
        ctx,
        launch
          ? { login: { accountId: launch.userId } }
          : { error: 'invalid_request', error_description: 'launch is unknown or has expired' },
      );
    }

    if (ctx.method !== 'POST' || action === undefined || details.prompt.name !== 'login') ctx.throw(405);
    if (action === 'cancel') {
      return finish(ctx, { error: 'access_denied', error_description: 'the user cancelled sign-in' });
    }
    if (typeof details.params.launch === 'string') ctx.throw(400, 'sign-in for an EHR launch is automatic');
    const accountId = (await readForm(ctx)).get('accountId');
    if (!accountId || !accounts.some((a) => a.accountId === accountId)) ctx.throw(400, 'no such sandbox user');
    return finish(ctx, { login: { accountId } });
  };
}
