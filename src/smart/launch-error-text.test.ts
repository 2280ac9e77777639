import { describe, expect, it } from 'vitest';
import { LaunchError, type LaunchErrorKind } from './launch-error';
import { launchErrorText } from './launch-error-text';

const KINDS: LaunchErrorKind[] = [
  'bad-config', 'no-launch', 'unknown-iss', 'unreachable', 'unsupported-server', 'denied',
  'expired-launch', 'auth-failed', 'bad-state', 'token-failed', 'no-patient',
];

describe('launchErrorText', () => {
  it('says what happened and what to do for every kind', () => {
    for (const kind of KINDS) {
      const t = launchErrorText(new LaunchError(kind));
      expect(t.title, kind).not.toBe('');
      expect(t.happened, kind).toMatch(/\.$/);
      expect(t.todo, kind).toMatch(/\.$/);
    }
  });

  it('names the unknown system in the sentence', () => {
    const t = launchErrorText(new LaunchError('unknown-iss', 'http://evil.example/fhir'));
    expect(t.happened).toBe('This launch came from a system the viewer is not set up for (http://evil.example/fhir).');
    expect(t.todo).toBe('Ask your system administrator to add it.');
    expect(t.detail).toBeUndefined();
  });

  it('passes other details through for support, cut short when long', () => {
    expect(launchErrorText(new LaunchError('bad-config', 'launch[0].iss must not end with "/"')).detail).toBe(
      'launch[0].iss must not end with "/"',
    );
    expect(launchErrorText(new LaunchError('unknown-iss', 'x'.repeat(500))).happened.length).toBeLessThan(300);
    expect(launchErrorText(new LaunchError('auth-failed', 'x'.repeat(500))).detail).toBe(`${'x'.repeat(200)}…`);
  });

  it('keeps a configuration mistake whole, up to 1,000 characters: its end says how to mend it', () => {
    // The validator's longest sentence (config/validate.ts, a launch iss that is no endpoint's base), with a long iss.
    const iss = `https://${'a'.repeat(60)}.example.org/fhir`;
    const message = `launch[0].iss (${iss}) is not the fhirBaseUrl of any endpoints[] entry: add the launching organisation to endpoints (its records are then read with the launch's own sign-in), or set launch[0].showRecords to false`;
    expect(message.length).toBeGreaterThan(200);
    expect(launchErrorText(new LaunchError('bad-config', message)).detail).toBe(message);
    expect(launchErrorText(new LaunchError('bad-config', 'y'.repeat(1500))).detail).toBe(`${'y'.repeat(1000)}…`);
  });
});
