import type { LaunchError } from '../src/smart/launch-error';
import { launchErrorText } from '../src/smart/launch-error-text';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text; // text only: details may come from the URL
  if (className) node.className = className;
  return node;
}

/**
 * Replaces the launch page's "Opening…" message with what went wrong and what to do. DOM
 * APIs and textContent only, never innerHTML: the unknown `iss` shown here is whatever the
 * URL said.
 */
export function showLaunchError(doc: Document, error: LaunchError): void {
  const text = launchErrorText(error);
  const main = el(doc, 'main', undefined, 'launch-error');
  main.setAttribute('aria-labelledby', 'launch-error-title');
  const title = el(doc, 'h1', text.title);
  title.id = 'launch-error-title';
  const todo = el(doc, 'p');
  todo.append(el(doc, 'strong', 'What to do: '), doc.createTextNode(text.todo));
  main.append(title, el(doc, 'p', text.happened), todo);
  if (text.detail) {
    const detail = el(doc, 'p', 'Details for support: ', 'launch-error-detail');
    detail.append(el(doc, 'code', text.detail));
    main.append(detail);
  }
  doc.title = `${text.title} – My Care Record`;
  (doc.getElementById('launch') ?? doc.body).replaceChildren(main);
}
