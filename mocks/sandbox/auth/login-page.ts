import { INTERACTION_PATH } from './routes';
import { displayName } from './accounts';
import type { SandboxAccount } from './accounts';

/** Escapes text for HTML content and double-quoted attributes. */
function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * The standalone-launch sign-in page: one button per sandbox user, and Cancel. There are
 * no passwords because the sandbox's users are fictional; what matters is that the app
 * sees a real authorization redirect, and the `access_denied` error when the user cancels.
 * Everything rendered is escaped, though today it all comes from topology.ts.
 */
export function loginPage(uid: string, accounts: readonly SandboxAccount[]): string {
  const base = `${INTERACTION_PATH}/${encodeURIComponent(uid)}`;
  const users = accounts
    .map(({ accountId, user, host }) => {
      const label = `Sign in as ${displayName(user)}`;
      const detail = `${user.roleDisplay}, ${host.systemName}`;
      return `<li><form method="post" action="${escapeHtml(`${base}/login`)}">
  <input type="hidden" name="accountId" value="${escapeHtml(accountId)}">
  <button type="submit">${escapeHtml(label)}</button> <span>${escapeHtml(detail)}</span>
</form></li>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in to the care record sandbox</title>
  <style>body{font-family:Arial,sans-serif;margin:2rem;max-width:40rem}li{margin:.5rem 0}button{font-size:1rem;padding:.4rem .8rem}</style>
</head>
<body>
  <h1>Sign in to the care record sandbox</h1>
  <p>Choose who you are. This is a test system with fictional people only.</p>
  <ul>
${users}
  </ul>
  <form method="post" action="${escapeHtml(`${base}/cancel`)}"><button type="submit">Cancel</button></form>
</body>
</html>`;
}
