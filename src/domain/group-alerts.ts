/**
 * One line per alert and per allergy across organisations (docs/clinical-rules.md,
 * "Alerts and allergies"). Grouped by code, then normalised text (group-by-code.ts); each
 * line lists every organisation and date and shows the most severe criticality and
 * severity any of them records. Conflicts are shown, never resolved: "no known allergy"
 * at one organisation beside an allergy at another; ruled out at one, recorded at
 * another; active at one, ended at another. "No known allergy" entries are statements,
 * not allergy rows. Refuted entries are left out of the lines and listed apart.
 * Resuscitation and end-of-life decisions (ReSPECT, DNACPR) come first.
 */
import type { AlertRecord, SourceRef } from './records';
import { groupByCodeThenText, normaliseClinicalText } from './group-by-code';
import { byDateDesc, byName, bySourceThenKey, byText } from './record-order';

/** SNOMED CT "no known allergy" situations, and what each rules out. */
export const NO_KNOWN_ALLERGY_CODES: Readonly<Record<string, NoAllergyScope>> = {
  '716186003': 'all', // No known allergy (situation)
  '409137002': 'medication', // No known drug allergy (situation)
  '429625007': 'food', // No known food allergy (situation)
  '428607008': 'environment', // No known environmental allergy (situation)
};
/** SNOMED CT codes of advance decisions about resuscitation. */
export const ADVANCE_DECISION_CODES: ReadonlySet<string> = new Set(['304253006', '450476008', '450475007']);

export type NoAllergyScope = 'all' | 'medication' | 'food' | 'environment';

const CRITICALITY_RANK: Record<string, number> = { low: 1, 'unable-to-assess': 2, high: 3 };
const SEVERITY_RANK: Record<string, number> = { mild: 1, moderate: 2, severe: 3 };

export type AlertConflict =
  | { kind: 'no-known-allergy-elsewhere'; statements: AlertRecord[] }
  | { kind: 'refuted-elsewhere'; refuted: AlertRecord[] }
  | { kind: 'ended-elsewhere'; endedAt: SourceRef[]; activeAt: SourceRef[] };

export interface AlertGroup {
  key: string;
  kind: 'flag' | 'allergy';
  name: string;
  category: string;
  /** In force at any organisation (its latest entry there). */
  active: boolean;
  /** A resuscitation or end-of-life decision (ReSPECT, DNACPR): shown first. */
  advanceDecision: boolean;
  /** The most severe any organisation records (high, unable-to-assess, low). */
  criticality?: string;
  /** The most severe reaction any organisation records. */
  severity?: string;
  reactions: string[];
  firstRecorded?: string;
  lastRecorded?: string;
  entries: AlertRecord[];
  sources: SourceRef[];
  conflicts: AlertConflict[];
}

export interface NoAllergyStatement {
  record: AlertRecord;
  scope: NoAllergyScope;
  /** Names of active allergy lines this statement contradicts. */
  contradicts: string[];
}

export interface AlertSummary {
  advanceDecisions: AlertGroup[];
  flags: AlertGroup[];
  allergies: AlertGroup[];
  noKnownAllergies: NoAllergyStatement[];
  notInForce: AlertGroup[];
  /** Ruled out at source: not listed as allergies or alerts. */
  refuted: AlertRecord[];
}

const codeKeys = (r: AlertRecord) => [...new Set((r.codes ?? []).map((c) => `${c.system}|${c.code}`))];

/** The scope of a "no known allergy" statement, or undefined for a real allergy. */
export function noAllergyScope(r: AlertRecord): NoAllergyScope | undefined {
  if (r.resourceType !== 'AllergyIntolerance') return undefined;
  for (const c of r.codes ?? []) {
    const scope = NO_KNOWN_ALLERGY_CODES[c.code];
    if (c.system === 'http://snomed.info/sct' && scope) return scope;
  }
  const t = normaliseClinicalText(r.text);
  if (!/^(no known|nkda\b|nka\b|nkfa\b)/.test(t)) return undefined;
  if (/\b(drug|medication|medicine)s?\b|^nkda/.test(t)) return 'medication';
  if (/\bfood\b|^nkfa/.test(t)) return 'food';
  if (/\benvironment(al)?\b/.test(t)) return 'environment';
  return 'all';
}

export function isAdvanceDecision(r: AlertRecord): boolean {
  if (r.resourceType !== 'Flag') return false;
  if ((r.codes ?? []).some((c) => c.system === 'http://snomed.info/sct' && ADVANCE_DECISION_CODES.has(c.code))) return true;
  return /\b(respect|dnacpr|dnar|do not attempt|resuscitation|cpr)\b/.test(normaliseClinicalText(`${r.text} ${r.category}`));
}

const most = (rank: Record<string, number>, values: (string | undefined)[]) =>
  values.filter((v): v is string => v !== undefined && v in rank).sort((a, b) => (rank[b] ?? 0) - (rank[a] ?? 0))[0];

const byEntryOrder = (a: AlertRecord, b: AlertRecord) => byDateDesc(a.start, b.start) || bySourceThenKey(a, b);

function toGroup(key: string, records: AlertRecord[]): AlertGroup {
  const entries = [...records].sort(byEntryOrder);
  const latest = new Map<string, AlertRecord>();
  for (const e of entries) if (!latest.has(e.source.endpointId)) latest.set(e.source.endpointId, e);
  const latestList = [...latest.values()];
  const activeAt = latestList.filter((e) => e.status === 'active');
  const endedAt = latestList.filter((e) => e.status !== 'active');
  const dates = entries.map((e) => e.start).filter((d): d is string => d !== undefined);
  const first = entries[0] as AlertRecord;
  const criticality = most(CRITICALITY_RANK, entries.map((e) => e.criticality));
  const severity = most(SEVERITY_RANK, entries.map((e) => e.severity));
  return {
    key,
    kind: first.resourceType === 'Flag' ? 'flag' : 'allergy',
    name: first.text,
    category: first.category,
    active: activeAt.length > 0,
    advanceDecision: entries.some(isAdvanceDecision),
    ...(criticality ? { criticality } : {}),
    ...(severity ? { severity } : {}),
    reactions: [...new Set(entries.flatMap((e) => e.reactions ?? []))],
    ...(dates.length ? { firstRecorded: dates[dates.length - 1], lastRecorded: dates[0] } : {}),
    entries,
    sources: latestList.map((e) => e.source),
    conflicts:
      activeAt.length > 0 && endedAt.length > 0
        ? [{ kind: 'ended-elsewhere', endedAt: endedAt.map((e) => e.source), activeAt: activeAt.map((e) => e.source) }]
        : [],
  };
}

const scopeCovers = (scope: NoAllergyScope, g: AlertGroup) => {
  if (scope === 'all') return true;
  const categories = g.entries.flatMap((e) => e.allergyCategories ?? []);
  // An allergy whose category no organisation sent could be of any kind: it conflicts.
  return categories.length === 0 || categories.includes(scope);
};

const groupOrder = (a: AlertGroup, b: AlertGroup) =>
  (CRITICALITY_RANK[b.criticality ?? ''] ?? 0) - (CRITICALITY_RANK[a.criticality ?? ''] ?? 0) ||
  byDateDesc(a.lastRecorded, b.lastRecorded) || byName(a.name, b.name) || byText(a.key, b.key);

/** Every alert record in exactly one place: a line, a "no known allergy" statement, or the refuted list. */
export function groupAlerts(records: readonly AlertRecord[]): AlertSummary {
  const refuted = records.filter((r) => r.status === 'refuted').sort(bySourceThenKey);
  const statements = records.filter((r) => r.status !== 'refuted' && noAllergyScope(r) !== undefined).sort(byEntryOrder);
  const rest = records.filter((r) => r.status !== 'refuted' && noAllergyScope(r) === undefined);
  const groupsOf = (type: AlertRecord['resourceType']) =>
    [...groupByCodeThenText(rest.filter((r) => r.resourceType === type), codeKeys, (r) => r.text)].map(([key, rs]) => toGroup(`${type}:${key}`, rs));
  const flags = groupsOf('Flag');
  const allergies = groupsOf('AllergyIntolerance');

  for (const g of [...flags, ...allergies]) {
    const probe = g.entries[0] as AlertRecord;
    const matching = refuted.filter((r) => r.resourceType === probe.resourceType && sameThing(r, g));
    if (g.active && matching.length > 0) g.conflicts.push({ kind: 'refuted-elsewhere', refuted: matching });
  }
  const activeStatements = statements.filter((s) => s.status === 'active');
  const noKnownAllergies = statements.map((record): NoAllergyStatement => {
    const scope = noAllergyScope(record) as NoAllergyScope;
    const contradicts = record.status === 'active' ? allergies.filter((g) => g.active && scopeCovers(scope, g)).map((g) => g.name) : [];
    return { record, scope, contradicts };
  });
  for (const g of allergies) {
    const against = activeStatements.filter((s) => scopeCovers(noAllergyScope(s) as NoAllergyScope, g));
    if (g.active && against.length > 0) g.conflicts.push({ kind: 'no-known-allergy-elsewhere', statements: against });
  }
  return {
    advanceDecisions: flags.filter((g) => g.active && g.advanceDecision).sort(groupOrder),
    flags: flags.filter((g) => g.active && !g.advanceDecision).sort(groupOrder),
    allergies: allergies.filter((g) => g.active).sort(groupOrder),
    noKnownAllergies,
    notInForce: [...flags, ...allergies].filter((g) => !g.active).sort(groupOrder),
    refuted,
  };
}

/** A refuted entry names the same thing as a line: a shared code, else the same normalised text. */
function sameThing(r: AlertRecord, g: AlertGroup): boolean {
  const codes = new Set(g.entries.flatMap(codeKeys));
  if (codeKeys(r).some((c) => codes.has(c))) return true;
  const t = normaliseClinicalText(r.text);
  return t !== '' && g.entries.some((e) => normaliseClinicalText(e.text) === t);
}
