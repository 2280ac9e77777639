import { describe, expect, it } from 'vitest';
import { sandboxTopology } from '../topology';
import { sandboxAccounts } from './accounts';
import { loginPage } from './login-page';

describe('sign-in page', () => {
  it('escapes everything it renders', () => {
    const [account] = sandboxAccounts(sandboxTopology());
    const hostile = {
      ...account!,
      accountId: '"><img src=x onerror=alert(1)>',
      user: { ...account!.user, given: '<script>alert(1)</script>', roleDisplay: "O'Brien & co" },
    };
    const html = loginPage('uid"<', [hostile]);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('Sign in as Dr &lt;script&gt;alert(1)&lt;/script&gt; Hart');
    expect(html).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain('O&#39;Brien &amp; co');
    expect(html).toContain('action="/interaction/uid%22%3C/cancel"');
  });
});
