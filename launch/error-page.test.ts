import { afterEach, describe, expect, it } from 'vitest';
import { LaunchError } from '../src/smart/launch-error';
import { showLaunchError } from './error-page';

/** The launch page's static markup (launch/index.html), in the test's document. */
function launchDocument(): Document {
  document.title = 'Opening My Care Record';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.textContent = 'Opening…';
  const launch = document.createElement('div');
  launch.id = 'launch';
  launch.append(status);
  document.body.replaceChildren(launch);
  return document;
}

describe('showLaunchError', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('replaces the opening message with what happened and what to do', () => {
    const doc = launchDocument();
    showLaunchError(doc, new LaunchError('no-launch'));
    const launch = doc.getElementById('launch')!;
    expect(launch.querySelector('h1')).toHaveTextContent('Open this record from your clinical system');
    expect(launch).toHaveTextContent('What to do: Open the record again from your clinical system.');
    expect(launch).not.toHaveTextContent('Opening…');
    expect(doc.title).toBe('Open this record from your clinical system – My Care Record');
  });

  it('shows the unknown iss as text, never as markup', () => {
    const doc = launchDocument();
    showLaunchError(doc, new LaunchError('unknown-iss', 'http://x/"><img src=x onerror=alert(1)>'));
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.getElementById('launch')).toHaveTextContent('not set up for (http://x/"><img src=x onerror=alert(1)>).');
  });

  it('adds details for support when there are any', () => {
    const doc = launchDocument();
    showLaunchError(doc, new LaunchError('bad-config', 'endpoints[2].fhirBaseUrl must be an absolute http(s) URL'));
    expect(doc.querySelector('.launch-error-detail code')).toHaveTextContent('endpoints[2].fhirBaseUrl must be an absolute http(s) URL');
  });
});
