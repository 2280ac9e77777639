import type { AuditEvent } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { AuditStore } from './audit-store';
import { auditCsv, auditRows, PAGE_SIZE, privacyPage, ukTime } from './privacy-page';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const base = (o: Partial<AuditEvent>): AuditEvent => ({
  resourceType: 'AuditEvent', type: { code: 'rest' }, subtype: [{ code: 'search', display: 'search' }], action: 'E', recorded: '2026-11-21T10:00:00Z', outcome: '0',
  agent: [{ requestor: true, who: { display: 'Dr Amelia Hart', identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555000000101' } }, purposeOfUse: [{ coding: [{ code: 'TREAT' }] }] }],
  source: { observer: { display: 'viewer' } },
  entity: [{ what: { identifier: { system: NHS, value: '9990000069' } } }],
  ...o,
});
const permission = (basis: string, recorded: string, nhsNumber = '9990000069'): AuditEvent =>
  base({
    recorded, type: { code: '110110' }, subtype: [{ code: 'permission-to-view', display: 'Permission to view recorded' }],
    entity: [{ what: { identifier: { system: NHS, value: nhsNumber } } }, { name: 'Permission to view', detail: [{ type: 'basis', valueString: `https://fhir.my-care-record.example/CodeSystem/permission-basis|${basis}` }] }],
  });
const names = (n: string) => ({ '9990000069': 'HOLLOWAY, Graham', '9990000018': 'SHAH, Priya' })[n];

describe('privacyPage', () => {
  const store = new AuditStore();
  store.add(permission('patient-consented', '2026-07-01T08:59:00Z'), new Date());
  store.add(base({ recorded: '2026-07-01T09:00:00Z' }), new Date());
  store.add(
    base({
      recorded: '2026-11-21T10:00:00Z',
      type: { code: '110113' }, subtype: [{ code: '110127', display: 'Emergency Override Started' }],
      purposeOfEvent: [{ coding: [{ code: 'BTG' }] }, { coding: [{ system: 'https://fhir.my-care-record.example/CodeSystem/override-reason', code: 'public-interest', display: 'Public interest' }], text: '<script>alert(1)</script>' }],
    }),
    new Date(),
  );
  store.add(permission('patient-refused', '2026-11-21T11:00:00Z', '9990000018'), new Date());

  it('says each event in words: UK local time, the patient’s name beside the NHS number, the basis for the viewing', () => {
    const rows = auditRows(store.all(), { patientName: names });
    // 1 July is in British Summer Time (UTC+1); 21 November in Greenwich Mean Time.
    expect(rows[1]).toMatchObject({ local: '01 Jul 2026, 10:00:00 BST', patient: 'HOLLOWAY, Graham (999 000 0069)', what: 'Searched records', purpose: 'Treatment', basis: 'Patient gave permission', outcome: 'Succeeded' });
    expect(rows[2]).toMatchObject({ local: '21 Nov 2026, 10:00:00 GMT', what: 'Emergency override of an objection', highlight: 'override' });
    expect(rows[3]).toMatchObject({ patient: 'SHAH, Priya (999 000 0018)', basis: 'Patient refused permission', highlight: 'refusal' });
    const html = privacyPage(store.all(), new URLSearchParams(), { patientName: names });
    expect(html).not.toMatch(/>TREAT<|>ETREAT<|>BTG</);
    expect(html).toMatch(/<tr class="refusal">[\s\S]*PATIENT REFUSED/);
    expect(html).toMatch(/<tr class="override">[\s\S]*EMERGENCY OVERRIDE/);
  });

  it('shows a query asked and then failed as such, not as a success (the two events of one request id)', () => {
    const trail = new AuditStore();
    const asked = (id: string, q: string, outcome: '0' | '4', recorded: string): AuditEvent =>
      base({
        recorded, outcome, ...(outcome === '4' ? { outcomeDesc: 'The server answered 400 Bad Request' } : {}),
        entity: [
          { what: { identifier: { system: NHS, value: '9990000069' } } },
          { query: Buffer.from(`GET ${q}`).toString('base64') },
          { type: { code: 'XrequestId' }, what: { identifier: { value: id } } },
        ],
      });
    trail.add(asked('req-1', 'http://mh/fhir/Flag?patient=1', '0', '2026-11-21T10:00:00Z'), new Date());
    trail.add(asked('req-1', 'http://mh/fhir/Encounter?patient=1', '0', '2026-11-21T10:00:00Z'), new Date());
    trail.add(asked('req-1', 'http://mh/fhir/Flag?patient=1', '4', '2026-11-21T10:00:01Z'), new Date());
    const rows = auditRows(trail.all());
    expect(rows.map((r) => [r.query, r.outcome])).toEqual([
      ['GET http://mh/fhir/Flag?patient=1', 'Asked, then failed (next event)'],
      ['GET http://mh/fhir/Encounter?patient=1', 'Succeeded'],
      ['GET http://mh/fhir/Flag?patient=1', 'Failed (minor)'],
    ]);
    expect(privacyPage(trail.all(), new URLSearchParams({ outcome: 'succeeded' }))).toContain('of 1 matching');
  });

  it('counts an override once, and the queries made under it apart', () => {
    const trail = new AuditStore();
    for (const e of store.all()) trail.add(e.event, new Date());
    const underOverride = (recorded: string) => base({ recorded, agent: [{ ...base({}).agent[0]!, purposeOfUse: [{ coding: [{ code: 'BTG' }] }] }] });
    trail.add(underOverride('2026-11-21T10:00:05Z'), new Date());
    trail.add(underOverride('2026-11-21T10:00:06Z'), new Date());
    expect(auditRows(trail.all()).filter((r) => r.highlight === 'override')).toHaveLength(3);
    expect(privacyPage(trail.all(), new URLSearchParams())).toContain('In these: 1 emergency override (2 queries retrieved under override), 0 reveals, 1 refusal');
  });

  it('filters by patient, user, date and kind, keeping the filter in the CSV link', () => {
    const byPatient = privacyPage(store.all(), new URLSearchParams({ patient: '9990000018' }), { patientName: names });
    expect(byPatient).toContain('Showing events 1 to 1 of 1 matching the filters');
    const byDate = privacyPage(store.all(), new URLSearchParams({ from: '2026-11-21', to: '2026-11-21' }));
    expect(byDate).toContain('of 2 matching');
    const overrides = privacyPage(store.all(), new URLSearchParams({ kind: 'override' }));
    expect(overrides).toContain('of 1 matching');
    expect(overrides).toMatch(/href="\?kind=override&(amp|#38);format=csv"/);
  });

  it('names the items a reveal opened, on the page and in the CSV', () => {
    const trail = new AuditStore();
    // As build-audit-event.ts writes a reveal: the patient, each item (object-role 4), the reason.
    trail.add(base({
      type: { code: 'patient-record' }, subtype: [{ code: 'restricted-revealed', display: 'Restricted items revealed' }], action: 'R',
      purposeOfEvent: [{ coding: [{ code: 'TREAT' }], text: 'Reviewing full history before prescribing' }],
      entity: [
        { what: { identifier: { system: NHS, value: '9990000069' } } },
        { type: { code: '2' }, role: { code: '4' }, what: { reference: 'http://gp/fhir/Condition/cond-000017' } },
      ],
    }), new Date());
    expect(auditRows(trail.all())[0]).toMatchObject({ highlight: 'reveal', query: 'Items revealed: http://gp/fhir/Condition/cond-000017' });
    expect(auditCsv(auditRows(trail.all()))).toContain('Items revealed: http://gp/fhir/Condition/cond-000017');
  });

  it('says that an organisation’s answer was received and not shown, and why', () => {
    const trail = new AuditStore();
    trail.add(base({
      type: { code: '110110' }, subtype: [{ code: 'records-not-shown', display: 'Records received and not shown' }],
      agent: [...base({}).agent, { type: { coding: [{ code: '110152' }] }, requestor: false, who: { display: 'Fenland Mental Health NHS Foundation Trust' } }],
      entity: [
        { what: { identifier: { system: NHS, value: '9990000069' } } },
        { type: { code: '2' }, name: 'Records not shown', description: 'Not shown: the patient objects to sharing this organisation’s records (recorded by the objection register)' },
      ],
    }), new Date());
    expect(auditRows(trail.all())[0]).toMatchObject({
      what: 'Records received and not shown', organisation: 'Fenland Mental Health NHS Foundation Trust',
      query: 'Not shown: the patient objects to sharing this organisation’s records (recorded by the objection register)', outcome: 'Succeeded',
    });
  });

  it('says "No events match these filters." once when a filter finds nothing', () => {
    const html = privacyPage(store.all(), new URLSearchParams({ patient: '9990000001' }));
    expect(html).toContain('No events match these filters.\nIn these');
    expect(html).not.toContain('matching the filters.');
  });

  it('pages through a long trail, 50 events at a time', () => {
    const big = new AuditStore();
    for (let i = 0; i < 123; i++) big.add(base({ recorded: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() }), new Date());
    const first = privacyPage(big.all(), new URLSearchParams());
    expect(PAGE_SIZE).toBe(50);
    expect(first).toContain('Showing events 1 to 50 of 123');
    expect(first).toContain('Page 1 of 3');
    expect(first.match(/<tr class="">/g)).toHaveLength(50);
    const last = privacyPage(big.all(), new URLSearchParams({ page: '3' }));
    expect(last).toContain('Showing events 101 to 123 of 123');
    expect(last.match(/<tr class="">/g)).toHaveLength(23);
    expect(last).toContain('rel="prev"');
    expect(last).not.toContain('rel="next"');
  });

  it('exports the current filter as CSV, with nothing a spreadsheet would run', () => {
    const csv = privacyPage(store.all(), new URLSearchParams({ kind: 'override', format: 'csv' }), { patientName: names });
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Recorded \(UTC\),Recorded \(UK time\),User,/);
    expect(lines[1]).toContain('"HOLLOWAY, Graham (999 000 0069)"');
    expect(auditCsv([{ ...auditRows(store.all())[0]!, reason: '=HYPERLINK("x")' }])).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('escapes everything that came from a client', () => {
    const html = privacyPage(store.all(), new URLSearchParams());
    expect(html).not.toContain('<script>');
    expect(html).toContain('Public interest: &#60;script&#62;alert(1)&#60;/script&#62;');
    const filtered = privacyPage(store.all(), new URLSearchParams({ user: '"><script>x</script>' }));
    expect(filtered).not.toContain('<script>');
  });

  it('shows times in UK local time', () => {
    expect(ukTime('2026-03-29T00:30:00Z')).toBe('29 Mar 2026, 00:30:00 GMT');
    expect(ukTime('2026-03-29T01:30:00Z')).toBe('29 Mar 2026, 02:30:00 BST');
  });
});
