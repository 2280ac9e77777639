import { createContext, useContext, useEffect, useRef } from 'react';
import type { CareRecord } from '../domain/records';
import { formatCuiDateTime } from './record-date';

/**
 * The mark on an item that is on screen only because the user acted: a restricted item
 * revealed with a reason, or an item of an organisation whose objection was overridden
 * in an emergency. It says so in words (never colour alone), with who, when and why,
 * wherever the item sits in its section (docs/access-policy.md).
 */
export function shownMarkParts(r: Pick<CareRecord, 'shownUnder' | 'shownNote'>): { what: string; rest: string } | undefined {
  if (!r.shownUnder) return undefined;
  const what = r.shownUnder === 'override' ? 'Shown under emergency override' : 'Restricted item revealed';
  const n = r.shownNote;
  if (!n) return { what, rest: ', for this session only' };
  const when = formatCuiDateTime(n.at);
  return { what, rest: ` by ${n.by}${when ? ` on ${when}` : ''}, for this session only. Reason: ${n.reason}` };
}

export function shownMarkText(r: Pick<CareRecord, 'shownUnder' | 'shownNote'>): string | undefined {
  const p = shownMarkParts(r);
  return p && `${p.what}${p.rest}`;
}

/**
 * Which marked item keyboard focus should move to (the first one a reveal or override
 * has just put on screen), and how to say it has been done. RecordSections provides it.
 */
export interface ShownFocus {
  request?: string;
  done(key: string): void;
}

export const ShownFocusContext = createContext<ShownFocus>({ done: () => undefined });

/** The requested key, for a list that must bring the item into the page first (a virtualised list). */
export const useShownFocusRequest = () => useContext(ShownFocusContext).request;

/** Opens every closed `<details>` around an element, so that it can be seen and focused. */
function openAround(el: HTMLElement) {
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) {
    if (!d.open) d.open = true;
  }
}

/** The mark itself; nothing for an item shown as any other. */
export function ShownMark({ record, as: Tag = 'p' }: { record: CareRecord; as?: 'p' | 'span' }) {
  const focus = useContext(ShownFocusContext);
  const ref = useRef<HTMLElement>(null);
  const parts = shownMarkParts(record);
  useEffect(() => {
    const el = ref.current;
    if (!el || focus.request !== record.key) return;
    openAround(el);
    el.focus();
    focus.done(record.key);
  }, [focus, record.key]);
  if (!parts) return null;
  return (
    <Tag ref={ref as never} className={`governance-mark governance-mark-${record.shownUnder}`} data-shown-key={record.key} tabIndex={-1}>
      <strong>{parts.what}</strong>
      {parts.rest}
    </Tag>
  );
}
