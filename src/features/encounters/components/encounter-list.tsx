import { useMemo, useState } from 'react';
import type { EncounterRecord } from '../../../domain/records';
import { ANY, encounterFilterOptions, filterEncounters, showingText, type EncounterFilter } from '../encounter-filter';
import { EncounterFilters } from './encounter-filters';
import { EncounterRows } from './encounter-rows';

export interface EncounterListProps {
  encounters: EncounterRecord[];
  duplicates: ReadonlySet<string>;
  /** Opens an encounter's detail; without it, no View buttons. */
  onOpen?: (encounter: EncounterRecord) => void;
}

/**
 * Contacts from every organisation on one timeline, newest first, each with its date,
 * type and organisation, filterable by organisation, type and date range. A contact that
 * another organisation recorded on the same day with the same type is marked, never
 * removed: it may be one contact told twice, or two. How many rows the filters leave is
 * announced politely. Order and duplicates come from domain/encounter-timeline.ts.
 */
export function EncounterList({ encounters, duplicates, onOpen }: EncounterListProps) {
  const [filter, setFilter] = useState<EncounterFilter>(ANY);
  const options = useMemo(() => encounterFilterOptions(encounters, filter.organisation), [encounters, filter.organisation]);
  const shown = useMemo(() => filterEncounters(encounters, filter), [encounters, filter]);
  return (
    <>
      <EncounterFilters
        value={filter}
        options={options}
        onChange={(next) => {
          // A type the newly chosen organisation does not hold would only empty the list.
          const types = encounterFilterOptions(encounters, next.organisation).types;
          setFilter(next.type && !types.some((t) => t.type === next.type) ? { ...next, type: '' } : next);
        }}
      />
      <p className="encounter-count" role="status">
        {showingText(shown.length, encounters.length)}
      </p>
      {shown.length > 0 ? (
        <EncounterRows encounters={shown} duplicates={duplicates} onOpen={onOpen} />
      ) : (
        <p className="section-empty">No encounters match these filters.</p>
      )}
    </>
  );
}
