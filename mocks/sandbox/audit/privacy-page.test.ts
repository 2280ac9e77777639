import type { AuditEvent } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { AuditStore } from './audit-store';
import { privacyPage } from './privacy-page';

const base = (o: Partial<AuditEvent>): AuditEvent => ({
  resourceType: 'AuditEvent', type: { code: 'rest' }, subtype: [{ code: 'search', display: 'search' }], action: 'E', recorded: '2026-11-21T10:00:00Z', outcome: '0',
  agent: [{ requestor: true, who: { display: 'Dr Amelia Hart', identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555000000101' } }, purposeOfUse: [{ coding: [{ code: 'TREAT' }] }] }],
  source: { observer: { display: 'viewer' } },
  entity: [{ what: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000069' } } }],
  ...o,
});

describe('privacyPage', () => {
  const store = new AuditStore();
  store.add(base({}), new Date());
  store.add(
    base({
      type: { code: '110113' }, subtype: [{ code: '110127', display: 'Emergency Override Started' }],
      purposeOfEvent: [{ coding: [{ code: 'BTG' }] }, { coding: [{ system: 'https://fhir.my-care-record.example/CodeSystem/override-reason', code: 'public-interest', display: 'Public interest' }], text: '<script>alert(1)</script>' }],
    }),
    new Date(),
  );
  store.add(base({ entity: [{ what: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' } } }] }), new Date());

  it('lists events by patient and by user, with overrides highlighted', () => {
    const html = privacyPage(store.all(), new URLSearchParams());
    expect(html).toContain('<a href="?patient=9990000069">999 000 0069</a></td><td>2</td><td>1</td>');
    expect(html).toContain('Dr Amelia Hart (SDS 555000000101)');
    expect(html).toMatch(/<tr class="override">[\s\S]*EMERGENCY OVERRIDE/);
  });

  it('filters by patient', () => {
    const html = privacyPage(store.all(), new URLSearchParams({ patient: '9990000018' }));
    expect(html.match(/<td>Dr Amelia Hart<br>/g)).toHaveLength(1);
  });

  it('escapes everything that came from a client', () => {
    const html = privacyPage(store.all(), new URLSearchParams());
    expect(html).not.toContain('<script>');
    expect(html).toContain('Public interest: &#60;script&#62;alert(1)&#60;/script&#62;');
    const filtered = privacyPage(store.all(), new URLSearchParams({ user: '"><script>x</script>' }));
    expect(filtered).not.toContain('<script>');
  });
});
