/**
 * Results grouped by test across organisations: two results are the same test when they
 * share a LOINC or SNOMED CT code, or, when neither has such a code, when their names
 * read the same once case, spacing and punctuation are set aside. Within a group the
 * latest comes first; results without a date come last. Pure.
 */
import type { ReportRecord, ResultRecord } from '../records';
import { byText } from '../record-order';

export const LOINC = 'http://loinc.org';
export const SNOMED_CT = 'http://snomed.info/sct';

export interface ResultGroup {
  /** Stable for the group's content: the first code (LOINC before SNOMED CT), else `text|<name>`. */
  key: string;
  /** The latest result's name. */
  name: string;
  /** Latest first. */
  results: ResultRecord[];
  /** Organisations the results came from, in order of first appearance in `results`. */
  organisations: string[];
}

/** Lower case, punctuation to spaces, spaces collapsed: "HbA1c (IFCC)" and "hba1c ifcc" read the same. */
export function normaliseTestName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function codeKeys(r: ResultRecord): string[] {
  const codes = r.codes.filter((c) => c.system === LOINC || c.system === SNOMED_CT);
  const loinc = codes.filter((c) => c.system === LOINC).map((c) => `loinc|${c.code}`);
  const sct = codes.filter((c) => c.system === SNOMED_CT).map((c) => `sct|${c.code}`);
  return [...loinc, ...sct];
}

/** The identity of a result's test: its LOINC and SNOMED CT codes, else its normalised name. */
export function testKeys(r: ResultRecord): string[] {
  const codes = codeKeys(r);
  return codes.length > 0 ? codes : [`text|${normaliseTestName(r.name)}`];
}

/** Newest first by date (a partial date sorts by what it says), undated last, then by key for a stable order. */
export function latestFirst(a: ResultRecord, b: ResultRecord): number {
  if (a.date && !b.date) return -1;
  if (!a.date && b.date) return 1;
  if (a.date && b.date && a.date !== b.date) return instant(b.date) - instant(a.date) || byText(b.date, a.date);
  return byText(a.key, b.key);
}

function instant(date: string): number {
  const t = Date.parse(date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Every result in exactly one group. Results that share any code end up together, even
 * through a third (A and B share a LOINC code, B and C a SNOMED CT code). Groups are
 * ordered by their latest result, newest first.
 */
export function groupResults(results: readonly ResultRecord[]): ResultGroup[] {
  const parent = results.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const owner = new Map<string, number>();
  results.forEach((r, i) => {
    for (const k of testKeys(r)) {
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const byRoot = new Map<number, ResultRecord[]>();
  results.forEach((r, i) => {
    const root = find(i);
    const list = byRoot.get(root) ?? [];
    list.push(r);
    byRoot.set(root, list);
  });
  const groups = [...byRoot.values()].map((list): ResultGroup => {
    const sorted = [...list].sort(latestFirst);
    const latest = sorted[0] as ResultRecord;
    const keys = sorted.flatMap(testKeys).sort((a, b) => rank(a) - rank(b) || byText(a, b));
    return { key: keys[0] as string, name: latest.name, results: sorted, organisations: [...new Set(sorted.map((r) => r.source.organisationName))] };
  });
  return groups.sort((a, b) => latestFirst(a.results[0] as ResultRecord, b.results[0] as ResultRecord) || byText(a.key, b.key));
}

const rank = (k: string) => (k.startsWith('loinc|') ? 0 : k.startsWith('sct|') ? 1 : 2);

export interface ResultFilter {
  /** Words in the test name (any case); empty for all. */
  text?: string;
  /** Calendar dates (YYYY-MM-DD), inclusive. Undated results are kept only without a date filter. */
  from?: string;
  to?: string;
}

/** Inside the filter's dates (by calendar day, as written); undated only without a date filter. */
function withinDates(date: string | undefined, filter: ResultFilter): boolean {
  if (filter.from === undefined && filter.to === undefined) return true;
  if (!date) return false;
  const day = date.slice(0, 10);
  return (filter.from === undefined || day >= filter.from) && (filter.to === undefined || day <= filter.to);
}

/**
 * The reports the same filter keeps: inside its dates, and, when test-name words are
 * given, named by them or holding a result in `shownResultKeys` (a report of the tests
 * still shown), so a filtered page never shows a report from outside its dates.
 */
export function filterReports(reports: readonly ReportRecord[], filter: ResultFilter, shownResultKeys: ReadonlySet<string>): ReportRecord[] {
  const words = normaliseTestName(filter.text ?? '');
  return reports.filter(
    (r) => withinDates(r.date, filter) && (!words || normaliseTestName(r.name).includes(words) || r.resultKeys.some((k) => shownResultKeys.has(k))),
  );
}

/** The groups whose test name matches, each with only its results inside the dates; empty groups go. */
export function filterGroups(groups: readonly ResultGroup[], filter: ResultFilter): ResultGroup[] {
  const words = normaliseTestName(filter.text ?? '');
  const dated = filter.from !== undefined || filter.to !== undefined;
  return groups.flatMap((g) => {
    if (words && !g.results.some((r) => normaliseTestName(r.name).includes(words))) return [];
    const results = dated ? g.results.filter((r) => withinDates(r.date, filter)) : g.results;
    return results.length > 0 ? [{ ...g, results, organisations: [...new Set(results.map((r) => r.source.organisationName))] }] : [];
  });
}
