import fc from 'fast-check';
import type { Coding } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import type { CareRecord } from '../records';
import type { RoleCategory } from '../role';
import { careRecords, SOURCES } from '../testing/record-arbitraries';
import { DEFAULT_ACCESS_POLICY, rolePolicy, type AccessPolicy } from './access-policy';
import { governRecords, type GovernInput } from './govern-records';
import { SENSITIVITY_CODES, V3_ACT_CODE, V3_CONFIDENTIALITY } from './security-labels';

const ENDPOINTS = SOURCES.map((s) => s.endpointId);
const conf = (code: string): Coding => ({ system: V3_CONFIDENTIALITY, code });
const act = (code: string): Coding => ({ system: V3_ACT_CODE, code });

/** A label set: nothing, N, R, V, or sensitivity codes with or without a confidentiality code. */
const labels = fc.oneof(
  fc.constant<Coding[]>([]),
  fc.constantFrom<Coding[]>([conf('N')], [conf('R')], [conf('V')], [conf('R'), act('HIV')], [conf('V'), act('SDV')], [conf('N'), act('PSY')]),
  fc.subarray([...SENSITIVITY_CODES], { minLength: 1, maxLength: 3 }).map((codes) => codes.map(act)),
);

/** Where a label set is placed: the record's own resource, a contained resource, the Medication it names, the matched Patient. */
const PLACES = ['own', 'contained', 'medication', 'patient'] as const;
type Place = (typeof PLACES)[number];

function placed(r: CareRecord, security: Coding[], place: Place): CareRecord {
  const labelled = (resourceType: string) => ({ resourceType, id: 'x', meta: { security } });
  switch (place) {
    case 'own':
      return { ...r, original: { resourceType: 'Basic', code: {}, meta: { security } } as never };
    case 'contained':
      return { ...r, original: { resourceType: 'Basic', code: {}, contained: [labelled('Medication')] } as never };
    case 'medication':
      return { ...r, original: { resourceType: 'Basic', code: {} } as never, governedBy: [labelled('Medication')] };
    case 'patient':
      return { ...r, original: { resourceType: 'Basic', code: {} } as never, governedBy: [{ resourceType: 'Patient', id: 'p' }, labelled('Patient')] };
  }
}

/** Records with random labels in random places, so every combination of label, place, role and choice is tried. */
const labelledRecords = fc
  .tuple(careRecords, fc.array(fc.tuple(labels, fc.constantFrom(...PLACES)), { minLength: 60, maxLength: 60 }))
  .map(([records, ls]) => records.map((r, i): CareRecord => ({ ...placed(r, ls[i]?.[0] ?? [], ls[i]?.[1] ?? 'own'), placedLabels: ls[i]?.[0] ?? [] }) as unknown as CareRecord));

const endpointSet = fc.subarray(ENDPOINTS).map((xs) => new Set(xs));
const role = fc.constantFrom<RoleCategory>('clinical', 'social-care', 'unknown');
const policy = fc.record({
  clinical: fc.record({ reveal: fc.constantFrom('none' as const, 'restricted' as const), overrideObjection: fc.boolean() }),
  'social-care': fc.record({ reveal: fc.constantFrom('none' as const, 'restricted' as const), overrideObjection: fc.boolean() }),
  unknown: fc.record({ reveal: fc.constantFrom('none' as const, 'restricted' as const), overrideObjection: fc.boolean() }),
}) as fc.Arbitrary<AccessPolicy>;

/** Reveals are by item: a random subset of the records' keys, plus a key no record has. */
const input = fc
  .record({ records: labelledRecords, role, policy, picks: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), objected: endpointSet, overridden: endpointSet })
  .map(({ policy: p, picks, ...rest }): GovernInput => ({
    ...rest,
    revealed: new Set([...rest.records.filter((_, i) => picks[i]).map((r) => r.key), 'riverside-gp/Flag/gone']),
    policy: rolePolicy(p, rest.role),
  }));

const visible = (r: ReturnType<typeof governRecords>) => [...r.shown, ...r.marked];
/** The codes the test placed on the record, wherever it put them (the oracle, not the code under test). */
const codesOf = (r: CareRecord) => ((r as CareRecord & { placedLabels: Coding[] }).placedLabels ?? []).map((c) => c.code);

describe('governRecords (properties)', () => {
  it('never shows a very restricted (V) item, under any role, policy, override or reveal', () => {
    fc.assert(fc.property(input, (i) => visible(governRecords(i)).every((r) => !codesOf(r).includes('V'))));
  });

  it('never shows an objected organisation’s item without an override', () => {
    fc.assert(
      fc.property(input, (i) => visible(governRecords(i)).every((r) => !i.objected.has(r.source.endpointId) || i.overridden.has(r.source.endpointId))),
    );
  });

  it('never shows a social-care or unknown role a restricted or sensitive item, whatever the configured policy', () => {
    fc.assert(
      fc.property(input, (i) => {
        if (i.role === 'clinical') return true;
        return visible(governRecords(i)).every((r) => codesOf(r).every((c) => c === 'N'));
      }),
    );
  });

  it('marks every item shown under an override or a reveal, and no other', () => {
    fc.assert(
      fc.property(input, (i) => {
        const out = governRecords(i);
        const restricted = (r: CareRecord) => codesOf(r).some((c) => c !== 'N');
        return (
          out.shown.every((r) => r.shownUnder === undefined && !i.objected.has(r.source.endpointId) && !restricted(r)) &&
          out.marked.every((r) => (r.shownUnder === 'override' ? i.overridden.has(r.source.endpointId) : r.shownUnder === 'reveal' && i.revealed.has(r.key)))
        );
      }),
    );
  });

  it('accounts for every item: shown, marked, withheld or dropped for an objection', () => {
    fc.assert(
      fc.property(input, (i) => {
        const out = governRecords(i);
        const withheld = Object.values(out.withheld).reduce((n, w) => n + w.revealable + w.never, 0);
        return out.shown.length + out.marked.length + withheld + out.objectedDropped === i.records.length;
      }),
    );
  });

  it('shows unlabelled items of organisations nobody objected to, unmarked', () => {
    fc.assert(
      fc.property(input, (i) => {
        const plain = i.records.filter((r) => codesOf(r).every((c) => c === 'N') && !i.objected.has(r.source.endpointId));
        const shown = new Set(governRecords(i).shown.map((r) => r.key));
        return plain.every((r) => shown.has(r.key));
      }),
    );
  });
});

describe('governRecords (examples)', () => {
  const gp = SOURCES[0]!;
  const record = (id: string, security: Coding[], shownUnder?: 'override'): CareRecord => ({
    key: `${gp.endpointId}/Flag/${id}`, kind: 'alert', resourceType: 'Flag', category: 'Safety', text: id, status: 'active', source: gp,
    original: { resourceType: 'Flag', id, meta: { security } } as never, ...(shownUnder ? { shownUnder } : {}),
  });
  const base = { role: 'clinical' as const, policy: DEFAULT_ACCESS_POLICY.clinical, revealed: new Set<string>(), objected: new Set<string>(), overridden: new Set<string>() };

  it('counts what a clinician may reveal apart from what nobody may see', () => {
    const out = governRecords({ ...base, records: [record('a', []), record('b', [conf('R'), act('PSY')]), record('c', [conf('V'), act('SDV')])] });
    expect(out.shown.map((r) => r.key)).toEqual(['riverside-gp/Flag/a']);
    expect(out.withheld).toEqual({ 'riverside-gp': { revealable: 1, never: 1 } });
  });

  it('shows revealed items marked as revealed, and ignores a mark that arrived on a record', () => {
    const out = governRecords({ ...base, revealed: new Set(['riverside-gp/Flag/b']), records: [record('a', [], 'override'), record('b', [conf('R')])] });
    expect(out.shown).toEqual([expect.not.objectContaining({ shownUnder: expect.anything() })]);
    expect(out.marked.map((r) => [r.key, r.shownUnder])).toEqual([['riverside-gp/Flag/b', 'reveal']]);
  });

  it('reveals by item: an item that arrives after the reveal stays withheld until revealed in its turn', () => {
    const revealed = new Set(['riverside-gp/Flag/b']);
    const out = governRecords({ ...base, revealed, records: [record('b', [conf('R')]), record('later', [conf('R'), act('PSY')])] });
    expect(out.marked.map((r) => r.key)).toEqual(['riverside-gp/Flag/b']);
    expect(out.withheld).toEqual({ 'riverside-gp': { revealable: 1, never: 0 } });
  });

  it('marks an overridden organisation’s items as shown under override', () => {
    const out = governRecords({ ...base, objected: new Set(['riverside-gp']), overridden: new Set(['riverside-gp']), records: [record('a', [])] });
    expect(out.marked.map((r) => r.shownUnder)).toEqual(['override']);
  });

  it('gives each revealed or overridden item who acted, when and why, from the reveal or override that put it on screen', () => {
    const reveal = { by: 'Dr Amelia Hart', at: '2026-11-21T09:58:00Z', reason: 'Planning discharge medicines' };
    const override = { by: 'Dr Amelia Hart', at: '2026-11-21T09:30:00Z', reason: 'Risk of harm to the patient or others: In crisis' };
    const acute = SOURCES[1]!;
    const fromAcute: CareRecord = { ...record('x', []), key: `${acute.endpointId}/Flag/x`, source: acute };
    const out = governRecords({
      ...base,
      revealed: new Map([['riverside-gp/Flag/b', reveal]]),
      objected: new Set([acute.endpointId]),
      overridden: new Map([[acute.endpointId, override]]),
      records: [record('b', [conf('R')]), fromAcute],
    });
    expect(out.marked.map((r) => [r.key, r.shownUnder, r.shownNote])).toEqual([
      ['riverside-gp/Flag/b', 'reveal', reveal],
      [`${acute.endpointId}/Flag/x`, 'override', override],
    ]);
  });

  it('drops a note that arrived on a record: who revealed an item is the governance’s to say', () => {
    const forged = { ...record('a', []), shownNote: { by: 'Someone', at: '2026-01-01T00:00:00Z', reason: 'forged' } };
    const out = governRecords({ ...base, records: [forged] });
    expect(out.shown[0]).not.toHaveProperty('shownNote');
  });
});
