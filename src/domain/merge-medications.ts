/**
 * One list of medicines across organisations. Nothing is merged away: every entry of
 * every source stays in its group with its source, because two organisations both
 * recording a medicine as current may be a true duplicate prescription (a risk to
 * review) or two accounts of one (to reconcile) — only a clinician can tell which.
 *
 * Grouping: first by code, treating dm+d (https://dmd.nhs.uk) and SNOMED CT
 * (http://snomed.info/sct) as one code space, since dm+d concept ids are SNOMED CT ids
 * and feeds send them under either system; records sharing any code join one group.
 * A record without such a code joins the code group whose entries carry the same
 * normalised name, if exactly one does; otherwise it groups with others by normalised
 * name (medicine-name.ts). Different strengths have different codes: they stay apart.
 */
import type { MedicationRecord } from './records';
import { isCurrentOn, isNotPrescribed, lastIssue, medicineDiscrepancies, type MedicineDiscrepancy } from './medicine-rules';
import { normaliseMedicineName } from './medicine-name';
import { ingredientsOf } from './medicine-ingredients';
import { byDateDesc, byName, byText, bySourceThenKey } from './record-order';
import { DMD_SYSTEM, SNOMED_SYSTEM } from './normalise/medication-common';
import { codeComponents } from './group-by-code';

export interface MedicineGroup {
  /** stable group key: 'code:<system>|<code>' or 'text:<normalised name>' */
  key: string;
  name: string;
  /** true when any entry is current */
  current: boolean;
  /** every entry of every source, none hidden, newest first (stable) */
  entries: MedicationRecord[];
  /** each source's latest entry (one per source), newest first */
  latestBySource: MedicationRecord[];
  /** recorded by more than one organisation as current: a likely duplicate to review (never merged away) */
  likelyDuplicate: boolean;
  sources: string[]; // endpointIds
  /** Every entry is a proposal or an option: nothing was prescribed (medicine-rules.ts). */
  notPrescribed: boolean;
  /** Reconciliation across organisations: each flagged beside the medicine, never resolved. */
  discrepancies: MedicineDiscrepancy[];
  /** The newest issue's date, if any (medicine-rules.ts lastIssue). */
  lastIssued?: string;
  /** The organisation that issued it. */
  lastIssuedBy?: string;
}

export { isCurrentOn } from './medicine-rules';

const issuedBy = (issue: MedicationRecord | undefined) =>
  issue?.date ? { lastIssued: issue.date, lastIssuedBy: issue.source.organisationName } : {};

const byEntryOrder = (a: MedicationRecord, b: MedicationRecord) => byDateDesc(a.date, b.date) || bySourceThenKey(a, b);

const medicineCodes = (r: MedicationRecord) =>
  [...new Set(r.codes.filter((c) => c.system === DMD_SYSTEM || c.system === SNOMED_SYSTEM).map((c) => c.code))];

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Records sharing a code, transitively, keyed as before (`code:<SNOMED system>|<least code>`). */
function medicineComponents(coded: MedicationRecord[]): Map<string, MedicationRecord[]> {
  const groups = new Map<string, MedicationRecord[]>();
  for (const [root, rs] of codeComponents(coded, medicineCodes)) groups.set(`code:${SNOMED_SYSTEM}|${root}`, rs);
  return groups;
}

function toGroup(key: string, records: MedicationRecord[], now: Date, medicineSources: ReadonlySet<string>): MedicineGroup {
  const entries = [...records].sort(byEntryOrder);
  const latest = new Map<string, MedicationRecord>();
  for (const e of entries) if (!latest.has(e.source.endpointId)) latest.set(e.source.endpointId, e);
  const latestBySource = [...latest.values()];
  const currentSources = new Set(entries.filter((e) => isCurrentOn(e, now)).map((e) => e.source.endpointId));
  return {
    key,
    name: (entries[0] as MedicationRecord).name,
    current: currentSources.size > 0,
    entries,
    latestBySource,
    likelyDuplicate: currentSources.size > 1,
    sources: latestBySource.map((e) => e.source.endpointId),
    notPrescribed: entries.every(isNotPrescribed),
    discrepancies: medicineDiscrepancies(entries, medicineSources, now),
    ...issuedBy(lastIssue(entries)),
  };
}

/**
 * The same ingredient in two or more current medicines (groups with a current entry,
 * something prescribed), read from every name their entries carry (medicine-ingredients.ts):
 * each of them is flagged with the ingredient and the others' names, since their doses add
 * up (co-codamol and paracetamol). Past medicines and proposals are not counted.
 */
function withSharedIngredients(groups: MedicineGroup[]): MedicineGroup[] {
  const holders = new Map<string, MedicineGroup[]>();
  for (const g of groups) {
    if (!g.current || g.notPrescribed) continue;
    const ingredients = new Set([...new Set(g.entries.map((e) => e.name))].flatMap((n) => ingredientsOf(n)));
    for (const x of ingredients) add(holders, x, g);
  }
  const flags = new Map<MedicineGroup, MedicineDiscrepancy[]>();
  for (const [ingredient, gs] of [...holders].sort(([a], [b]) => byText(a, b))) {
    if (gs.length < 2) continue;
    for (const g of gs) {
      const alsoIn = [...new Set(gs.filter((o) => o !== g).map((o) => o.name))].sort(byName);
      add(flags, g, { kind: 'shared-ingredient', ingredient, alsoIn });
    }
  }
  return groups.map((g) => (flags.has(g) ? { ...g, discrepancies: [...g.discrepancies, ...(flags.get(g) ?? [])] } : g));
}

/**
 * Groups ordered: current first, then by latest entry date (newest first, undated
 * last), then name, then key — a total order, so the result is the same for any order
 * of input. `now` decides which entries are still current.
 */
export function groupMedications(records: MedicationRecord[], now: Date): MedicineGroup[] {
  const coded = records.filter((r) => medicineCodes(r).length > 0);
  const byKey = medicineComponents(coded);
  const codeKeyByName = new Map<string, Set<string>>();
  for (const [key, rs] of byKey) {
    for (const r of rs) {
      const n = normaliseMedicineName(r.name);
      codeKeyByName.set(n, (codeKeyByName.get(n) ?? new Set()).add(key));
    }
  }
  for (const r of records.filter((x) => medicineCodes(x).length === 0)) {
    const n = normaliseMedicineName(r.name);
    const codeKeys = [...(codeKeyByName.get(n) ?? [])];
    const key = codeKeys.length === 1 ? (codeKeys[0] as string) : n ? `text:${n}` : `record:${r.key}`;
    add(byKey, key, r);
  }
  const medicineSources = new Set(records.filter((r) => !isNotPrescribed(r)).map((r) => r.source.endpointId));
  return withSharedIngredients([...byKey].map(([key, rs]) => toGroup(key, rs, now, medicineSources))).sort(
    (a, b) =>
      Number(b.current) - Number(a.current) ||
      byDateDesc(a.entries[0]?.date, b.entries[0]?.date) ||
      byName(a.name, b.name) ||
      byText(a.key, b.key),
  );
}

/**
 * Current and past medicines, each in groupMedications order; medicines only ever
 * proposed or considered (never prescribed) apart, so they are never read as taken.
 */
export function splitCurrentPast(groups: MedicineGroup[]): { current: MedicineGroup[]; past: MedicineGroup[]; notPrescribed: MedicineGroup[] } {
  return {
    current: groups.filter((g) => g.current),
    past: groups.filter((g) => !g.current && !g.notPrescribed),
    notPrescribed: groups.filter((g) => !g.current && g.notPrescribed),
  };
}
