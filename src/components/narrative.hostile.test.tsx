import { render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CANARY_HOST, CANARY_PROPERTY, XSS_CORPUS, hostileNarrative } from '../../mocks/data/hostile/xss-corpus';
import { Narrative, sanitiseNarrative } from './narrative';

/**
 * The one HTML path in the app against the whole hostile corpus (mocks/data/hostile):
 * whatever a server puts in `text.div`, what reaches the DOM is basic XHTML with nothing
 * that runs, loads, submits or restyles, and no link but web, mail or phone.
 */

/** Elements the narrative allowlist leaves out; none may survive sanitising. */
const FORBIDDEN = 'script, style, link, iframe, frame, frameset, object, embed, applet, form, input, button, textarea, select, svg, math, img, video, audio, source, picture, meta, base, details, noscript, template';
const SAFE_URL = /^(?:https?:|mailto:|tel:)/i;

function inert(box: HTMLElement): { elements: string[]; attributes: string[]; urls: string[] } {
  const all = [...box.querySelectorAll('*')];
  return {
    elements: [...box.querySelectorAll(FORBIDDEN)].map((e) => e.tagName.toLowerCase()),
    attributes: all.flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name) || ['style', 'srcdoc', 'src', 'action', 'formaction', 'xlink:href', 'id', 'class'].includes(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`),
    ),
    urls: all.flatMap((el) => (el.hasAttribute('href') ? [el.getAttribute('href')!] : [])).filter((u) => !SAFE_URL.test(u.trim())),
  };
}

afterEach(() => {
  delete (window as unknown as Record<string, unknown>)[CANARY_PROPERTY];
});

describe('Narrative against the hostile corpus', () => {
  it.each(XSS_CORPUS.map((p) => [p.id, p.payload] as const))('%s: nothing that runs, loads or submits reaches the DOM', (_id, payload) => {
    const { container } = render(<Narrative xhtml={hostileNarrative(payload)} />);
    const box = container.querySelector('.narrative') as HTMLElement;
    expect(inert(box)).toEqual({ elements: [], attributes: [], urls: [] });
    expect(box.innerHTML).not.toContain(CANARY_HOST);
    const values = [...box.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
    expect(values.filter((v) => /javascript:|data:|vbscript:/i.test(v))).toEqual([]);
    expect(box).toHaveTextContent('Summary');
    expect((window as unknown as Record<string, unknown>)[CANARY_PROPERTY]).toBeUndefined();
  });

  it('keeps text that only looks like code as text (templates, bare javascript: text)', () => {
    for (const id of ['angular-template', 'jsx-like', 'bare-javascript-url']) {
      const payload = XSS_CORPUS.find((p) => p.id === id)!.payload;
      const { container, unmount } = render(<Narrative xhtml={hostileNarrative(payload)} />);
      expect(container.querySelector('.narrative')!.textContent).toContain(payload);
      expect(container.querySelectorAll('.narrative a')).toHaveLength(0);
      unmount();
    }
  });

  it('is stable: sanitising its own output changes nothing (no mutation XSS on re-parse)', () => {
    for (const { payload } of XSS_CORPUS) {
      const once = sanitiseNarrative(hostileNarrative(payload));
      expect(sanitiseNarrative(once)).toBe(once);
    }
  });

  it('survives the whole corpus in one narrative, as a server might send it', () => {
    const { container } = render(<Narrative xhtml={hostileNarrative(XSS_CORPUS.map((p) => p.payload).join('<br/>'))} />);
    expect(inert(container.querySelector('.narrative') as HTMLElement)).toEqual({ elements: [], attributes: [], urls: [] });
  });
});
