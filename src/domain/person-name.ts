import type { HumanName } from 'fhir/r4';

/**
 * The name to show: `official`, else `usual`, else the first that is not `old` or
 * `maiden` (FHIR R4 HumanName.use), else the first at all.
 */
export function pickName(names: HumanName[] | undefined): HumanName | undefined {
  if (!names || names.length === 0) return undefined;
  return (
    names.find((n) => n.use === 'official') ??
    names.find((n) => n.use === 'usual') ??
    names.find((n) => n.use !== 'old' && n.use !== 'maiden') ??
    names[0]
  );
}

const words = (xs: string[] | undefined) => (xs ?? []).map((x) => x.trim()).filter(Boolean).join(' ');
const upper = (s: string | undefined) => (s ?? '').trim().toLocaleUpperCase('en-GB');

/**
 * `FAMILY, Given (Title)`: the NHS Common User Interface order for a patient's name, family
 * name in capitals so that it cannot be mistaken for a given name. Falls back to
 * HumanName.text; undefined when there is nothing to show.
 */
export function formatPatientName(names: HumanName[] | undefined): string | undefined {
  const name = pickName(names);
  if (!name) return undefined;
  const family = upper(name.family);
  const given = words(name.given);
  const title = words(name.prefix);
  const main = [family, given].filter(Boolean).join(', ');
  if (!main) return name.text?.trim() || undefined;
  return title ? `${main} (${title})` : main;
}

/** `Dr Amelia HART`: a member of staff named as in speech, family name in capitals. */
export function formatStaffName(names: HumanName[] | undefined): string | undefined {
  const name = pickName(names);
  if (!name) return undefined;
  const shown = [words(name.prefix), words(name.given), upper(name.family)].filter(Boolean).join(' ');
  return shown || name.text?.trim() || undefined;
}
