import { elementScroll, measureElement, observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { formatRecordDate, RecordDate } from '../../../components/record-date';
import { ShownMark, useShownFocusRequest } from '../../../components/shown-mark';
import { ViewButton } from '../../../components/view-button';
import { codeWords } from '../../../domain/coded-words';
import type { EncounterRecord } from '../../../domain/records';

/** A row's height before it is measured (one line of text, plus padding). */
export const ROW_ESTIMATE = 32;

export interface EncounterRowsProps {
  encounters: EncounterRecord[];
  duplicates: ReadonlySet<string>;
  onOpen?: (encounter: EncounterRecord) => void;
}

/**
 * A row's height from its ResizeObserver entry, which the browser fills in after its own
 * layout. When a row is first put in the page there is no entry yet: it keeps the size
 * last measured or the estimate, instead of reading the DOM at once, which would force a
 * layout of the whole page in the middle of React's commit (measured: about 60 ms of the
 * time from the last answer to the painted record). The observer's first report comes
 * before the frame is painted. A row that cannot be measured (hidden, or no layout as
 * under jsdom) keeps its estimate: counted as 0 px high, every row would fit the window
 * and all would be rendered.
 */
function measure(el: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  if (!entry) return instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(el))) ?? ROW_ESTIMATE;
  const size = measureElement(el, entry, instance);
  return size > 0 ? size : ROW_ESTIMATE;
}

/**
 * The scroll box's size, from its ResizeObserver: the virtualiser's own observer also reads
 * the box's size at once when it starts watching, a forced layout of the whole page inside
 * React's commit (measured: 38 ms of the 220 ms from a typical record's last answer to its
 * painted summary). Until the first report, which comes before the frame is painted, the
 * virtualiser keeps its `initialRect`. Where there is no ResizeObserver, the library's
 * reading is used.
 */
function observeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void): void | (() => void) {
  const element = instance.scrollElement;
  const win = instance.targetWindow;
  if (!element || !win) return;
  if (!win.ResizeObserver) return observeElementRect(instance, cb);
  // Read inside the observer's callback, after the browser's own layout: no forced layout.
  const observer = new win.ResizeObserver(() => cb({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/**
 * Scrolls the box, except to the top when it is there already: the virtualiser writes its
 * offset into a box it starts watching, and writing the scroll position forces a layout of
 * the whole page inside React's commit (measured: 50 ms of the time from a typical record's
 * last answer to its painted summary, when the list first appears).
 */
function scrollBox(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>): void {
  if (offset === 0 && !options.adjustments && (instance.scrollOffset ?? 0) === 0) return;
  elementScroll(offset, options, instance);
}

/**
 * The encounter list, virtualised: only the rows in view (and a few either side) are in
 * the page, so a record of thousands of contacts scrolls smoothly. Rows are measured, as
 * they wrap at narrow widths. The scroll box is focusable so the keyboard can scroll it;
 * each row says its place in the whole list (aria-posinset / aria-setsize), because most
 * rows are not in the page at any moment. Home and End on the list go to the newest and
 * the oldest. Tabbing through View buttons scrolls the focused row into view, which
 * brings the next rows in.
 */
export function EncounterRows({ encounters, duplicates, onOpen }: EncounterRowsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: encounters.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (i) => encounters[i]?.key ?? i,
    measureElement: measure,
    observeElementRect: observeRect,
    scrollToFn: scrollBox,
    overscan: 8,
    initialRect: { width: 900, height: 420 },
  });
  useEffect(() => {
    // A new filter starts at the newest. Already there (as while a record arrives, page by
    // page): nothing to do, and asking would read the scroll box's height, forcing a layout of
    // the page on every update (measured: over 100 ms of a large record's arrival).
    if ((virtualizer.scrollOffset ?? 0) !== 0) virtualizer.scrollToOffset(0);
  }, [encounters, virtualizer]);
  // A revealed or overridden encounter that focus should go to is brought into the page first.
  const focusRequest = useShownFocusRequest();
  useEffect(() => {
    const i = focusRequest === undefined ? -1 : encounters.findIndex((e) => e.key === focusRequest);
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'start' });
  }, [focusRequest, encounters, virtualizer]);
  return (
    <div ref={scrollRef} className="virtual-scroll" tabIndex={0} role="region" aria-label={`Encounter list, ${encounters.length} rows, scrollable`}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget || (e.key !== 'Home' && e.key !== 'End')) return;
        e.preventDefault(); // rows above are measured as they arrive, so a plain jump to the top would fall short
        virtualizer.scrollToIndex(e.key === 'Home' ? 0 : encounters.length - 1, { align: e.key === 'Home' ? 'start' : 'end' });
      }}>
      {/* Heights and offsets of virtual rows are set through React's style prop, i.e. CSSOM, which style-src 'self' allows. */}
      <ol className="virtual-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const e = encounters[row.index] as EncounterRecord;
          return (
            <li key={row.key} ref={virtualizer.measureElement} data-index={row.index} className="encounter-row"
              aria-posinset={row.index + 1} aria-setsize={encounters.length} style={{ transform: `translateY(${row.start}px)` }}>
              <RecordDate value={e.start} />
              <span className="encounter-what">
                <span className="encounter-type">{e.type}</span>
                {e.status !== 'finished' && <strong className="nhsuk-tag nhsuk-tag--blue record-tag">{codeWords('encounter-status', e.status)}</strong>}
                {duplicates.has(e.key) && <strong className="nhsuk-tag nhsuk-tag--yellow record-tag">Also recorded by another organisation that day</strong>}
                {e.reason && <span className="encounter-reason">{e.reason}</span>}
              </span>
              <span className="item-source">
                {e.source.organisationName}
                {e.serviceProvider && e.serviceProvider !== e.source.organisationName && <span className="encounter-provider">{e.serviceProvider}</span>}
              </span>
              {onOpen && <ViewButton item={`${e.type}, ${formatRecordDate(e.start) ?? 'date not recorded'}, ${e.source.organisationName}`} onClick={() => onOpen(e)} />}
              <ShownMark record={e} as="span" />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
