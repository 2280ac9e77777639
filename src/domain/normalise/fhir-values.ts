/**
 * Reading single values out of FHIR R4 resources from many servers, defensively: every
 * server sends its own variations, and a value the viewer cannot read must be reported
 * as unreadable, never shown as if it were a fact. Helpers throw `Unreadable` with a
 * plain-language problem; `guard` (./guard.ts) turns that into an UnreadableRecord.
 */
import type { CodeableConcept, Reference } from 'fhir/r4';
import type { CodeRef } from '../records';
import { parseFhirDate } from '../cui-date';

/** A resource the viewer cannot read; the message is shown to users as the problem. */
export class Unreadable extends Error {
  override name = 'Unreadable';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** CodeableConcept.text, else the first coding display (what a person chose or typed first). */
export function conceptText(cc: CodeableConcept | undefined): string | undefined {
  return str(cc?.text) ?? (cc?.coding ?? []).map((c) => str(c?.display)).find(Boolean);
}

/** The first coding display, else CodeableConcept.text (for value sets with good displays). */
export function conceptDisplay(cc: CodeableConcept | undefined): string | undefined {
  return (cc?.coding ?? []).map((c) => str(c?.display)).find(Boolean) ?? str(cc?.text);
}

/** Every coding that has both a system and a code. */
export function codesOf(cc: CodeableConcept | undefined): CodeRef[] {
  return (cc?.coding ?? []).flatMap((c) => {
    const system = str(c?.system);
    const code = str(c?.code);
    if (!system || !code) return [];
    const display = str(c.display);
    return [display ? { system, code, display } : { system, code }];
  });
}

/** The first coding's code from a CodeableConcept (statuses in R4 are CodeableConcepts for some types). */
export function firstCode(cc: CodeableConcept | undefined): string | undefined {
  return (cc?.coding ?? []).map((c) => str(c?.code)).find(Boolean);
}

export function referenceDisplay(ref: Reference | undefined): string | undefined {
  return str(ref?.display);
}

/**
 * `<type>/<id>` for a reference to a resource of that type on the same server (relative,
 * or absolute on any base; a version suffix dropped); undefined otherwise. Used to tie a
 * record to the encounter or condition it names, within one organisation's answer.
 */
export function localRef(ref: Reference | undefined, type: string): string | undefined {
  const raw = str(ref?.reference)?.replace(/\/_history\/[^/]+$/, '');
  if (!raw) return undefined;
  const m = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})$`).exec(raw);
  return m ? `${type}/${m[1]}` : undefined;
}

export function nonEmpty(xs: (string | undefined)[]): string[] {
  return [...new Set(xs.filter((x): x is string => x !== undefined))];
}

/** A bounded, quoted copy of a bad value for a problem message (never trusted markup). */
export function quote(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
}

/** FHIR R4 date / dateTime / instant; seconds are tolerated missing, a zone is required with a time. */
const FHIR_DATE_TIME =
  /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01])(?:T([01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d+)?)?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;
export const EARLIEST_YEAR = 1850;
export const LATEST_YEAR = 2200;

/**
 * A date element kept as sent (ISO 8601 string), after checking that it is a real date
 * in a plausible range. An impossible date (2023-02-30), a malformed one, or a year
 * before 1850 or after 2200 throws Unreadable: such a date is a data error at source and
 * must not be shown, sorted or compared as if it were true.
 */
export function readDate(value: unknown, element: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const bad = (why: string) => new Unreadable(`The date in ${element} ${why}: ${quote(value)}`);
  if (typeof value !== 'string') throw bad('is not a date');
  const m = FHIR_DATE_TIME.exec(value);
  if (!m) throw bad('is not a valid date');
  const year = Number(m[1]);
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) throw bad(`is outside ${EARLIEST_YEAR}–${LATEST_YEAR}`);
  if (!parseFhirDate(value.split('T')[0])) throw bad('is not a real calendar date');
  if (value.includes('T') && Number.isNaN(Date.parse(value))) throw bad('is not a valid date and time');
  return value;
}

/** Like readDate, for optional bookkeeping values (meta.lastUpdated): a bad one is dropped, not fatal. */
export function readDateOrDrop(value: unknown): string | undefined {
  try {
    return readDate(value, 'meta.lastUpdated');
  } catch {
    return undefined;
  }
}
