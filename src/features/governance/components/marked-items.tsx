import { useId } from 'react';
import { useFocusOnMount } from '../../../components/focus-on-mount';
import { formatRecordDate } from '../../../components/record-date';
import type { CareRecord } from '../../../domain/records';
import { MARK_TEXT, markedItemText, sortMarked } from '../marked-item-text';

const TITLES = {
  override: 'Shown under an emergency override',
  reveal: 'Restricted items you revealed',
} as const;

const INTRO = {
  override: 'The patient objected to sharing these records. They are shown because you overrode the objection, for this session only.',
  reveal: 'These items are labelled restricted or sensitive. They are shown because you revealed them with a reason, for this session only.',
} as const;

/**
 * Items on screen only because the user acted (an override or a reveal), apart from the
 * rest of the record and each one marked, so that none can be mistaken for the ordinary
 * shared record (docs/access-policy.md). Text only.
 */
export function MarkedItems({ records, mark }: { records: CareRecord[]; mark: 'override' | 'reveal' }) {
  const headingId = useId();
  const mine = sortMarked(records.filter((r) => r.shownUnder === mark));
  if (mine.length === 0) return null;
  return <MarkedList headingId={headingId} mine={mine} mark={mark} />;
}

/** Appears only after the user's reveal or override: focus goes to its heading. */
function MarkedList({ headingId, mine, mark }: { headingId: string; mine: CareRecord[]; mark: 'override' | 'reveal' }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className={`governance-marked governance-marked-${mark}`} aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {TITLES[mark]}
      </h2>
      <p className="section-note">{INTRO[mark]}</p>
      <ul className="record-list">
        {mine.map((r) => {
          const t = markedItemText(r);
          return (
            <li key={r.key} className="record-item governance-marked-item">
              <p className="item-title">
                <strong className="governance-mark">{MARK_TEXT[mark]}</strong> {`${t.kind}: ${t.title}`}
              </p>
              <p className="item-line">{[t.status, formatRecordDate(t.date) ?? 'date not recorded', r.source.organisationName].filter(Boolean).join(' · ')}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
