/**
 * The one place that decides which retrieved items are on screen, for whom, and marked
 * how (docs/access-policy.md). Applied to every record of every source after retrieval,
 * so that a server that does not enforce labels or objections itself cannot put a
 * withheld item in front of the user. Pure: records, role and choices in; what to show
 * and what was withheld (per source) out.
 */
import type { CareRecord, ShownNote } from '../records';
import type { RoleCategory } from '../role';
import type { RolePolicy } from './access-policy';
import { itemAccess } from './item-access';
import { recordSensitivity } from './record-sensitivity';

export interface GovernInput {
  records: readonly CareRecord[];
  role: RoleCategory;
  policy: RolePolicy;
  /**
   * Keys of the items the user revealed, with a reason, this session: by item, each named
   * in the reveal's AuditEvent. An item that arrives later (a retry, another page) is not
   * in it, so it stays withheld until revealed in its turn.
   */
  revealed: NotedSet;
  /** Endpoint ids the patient objected to. */
  objected: ReadonlySet<string>;
  /** Endpoint ids whose objection the user overrode (emergency override) this session. */
  overridden: NotedSet;
}

/**
 * Keys (items, or endpoints for an override) the user acted on; a Map also says who, when
 * and why, which is copied to each item it puts on screen (`shownNote`).
 */
export interface NotedSet {
  has(key: string): boolean;
  get?(key: string): ShownNote | undefined;
}

/** Per source: items withheld that this user could reveal, and items they can never see. */
export interface Withholding {
  revealable: number;
  never: number;
}

export interface GovernedRecords {
  /** Items shown as any other. */
  shown: CareRecord[];
  /** Items shown only because of an override or a reveal: each carries `shownUnder`. */
  marked: CareRecord[];
  withheld: Record<string, Withholding>;
  /** Items dropped because their organisation is objected to and not overridden. */
  objectedDropped: number;
}

/**
 * An objected organisation's items are never shown without an override (retrieval does
 * not even ask for them; this is the second line). Very restricted items are never shown;
 * restricted ones only to a role allowed to reveal them, once revealed. Anything shown
 * under an override or a reveal is marked.
 */
export function governRecords(input: GovernInput): GovernedRecords {
  const out: GovernedRecords = { shown: [], marked: [], withheld: {}, objectedDropped: 0 };
  const count = (endpointId: string, key: keyof Withholding) => {
    const w = (out.withheld[endpointId] ??= { revealable: 0, never: 0 });
    w[key] += 1;
  };
  for (const record of input.records) {
    const id = record.source.endpointId;
    const objected = input.objected.has(id);
    if (objected && !input.overridden.has(id)) {
      out.objectedDropped += 1;
      continue;
    }
    const access = itemAccess(recordSensitivity(record), input.role, input.policy, input.revealed.has(record.key));
    if (access === 'withheld') count(id, 'never');
    else if (access === 'withheld-revealable') count(id, 'revealable');
    else if (objected) out.marked.push(marked(record, 'override', input.overridden.get?.(id)));
    else if (access === 'shown-revealed') out.marked.push(marked(record, 'reveal', input.revealed.get?.(record.key)));
    else out.shown.push(withoutMark(record));
  }
  return out;
}

/** A mark is the governance's to give: one arriving on a record is not trusted. */
function withoutMark(record: CareRecord): CareRecord {
  if (record.shownUnder === undefined && record.shownNote === undefined) return record;
  const { shownUnder: _ignored, shownNote: _note, ...rest } = record;
  return rest as CareRecord;
}

function marked(record: CareRecord, shownUnder: 'override' | 'reveal', note: ShownNote | undefined): CareRecord {
  const plain = withoutMark(record);
  return { ...plain, shownUnder, ...(note ? { shownNote: note } : {}) } as CareRecord;
}

/** The items of one source this user could reveal now (for the reveal and its audit record). */
export function revealableRecords(input: { records: readonly CareRecord[]; endpointId: string; role: RoleCategory; policy: RolePolicy }): CareRecord[] {
  return input.records.filter(
    (r) => r.source.endpointId === input.endpointId && itemAccess(recordSensitivity(r), input.role, input.policy, false) === 'withheld-revealable',
  );
}
