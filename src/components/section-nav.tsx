import { useId } from 'react';
import { countText } from '../domain/count-text';

export interface SectionLink {
  /** The id of the section's element. */
  id: string;
  label: string;
  /** How many items it holds, or 'loading' while an organisation that may hold some has not answered. */
  count?: number | 'loading';
  /**
   * Organisations that may hold such items but whose answer is not here, with why in a few
   * words: the count is then marked incomplete, so a number is never read as the whole.
   */
  missing?: { name: string; why: string }[];
}

const incomplete = (l: SectionLink) => typeof l.count === 'number' && (l.missing?.length ?? 0) > 0;

/**
 * Links to each section of the record, in the order the page shows them, with how many
 * items each holds: in a 700-pixel EHR frame most of the record is below the fold, and
 * this is the quickest way there by keyboard or pointer (WCAG 2.4.1 bypass blocks).
 */
export function SectionNav({ links }: { links: SectionLink[] }) {
  const id = useId();
  return (
    <nav className="section-nav" aria-label="Sections of the record">
      <ul className="section-nav-list">
        {links.map((l) => (
          <li key={l.id}>
            <a className="nhsuk-link section-nav-link" href={`#${l.id}`} {...(incomplete(l) ? { 'aria-describedby': `${id}-${l.id}` } : {})}>
              {l.label}
              {l.count === 'loading' && <span className="section-nav-count section-nav-loading">loading</span>}
              {typeof l.count === 'number' && (
                <span className={incomplete(l) ? 'section-nav-count section-nav-incomplete' : 'section-nav-count'}>
                  {countText(l.count)}
                  {incomplete(l) && ' (incomplete)'}
                </span>
              )}
            </a>
            {incomplete(l) && (
              <span id={`${id}-${l.id}`} hidden>
                {`Not every organisation answered: ${l.missing!.map((m) => `${m.name} (${m.why})`).join('; ')}.`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
