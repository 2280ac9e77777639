import { describe, expect, it } from 'vitest';
import { isUnderBase, resolveAgainstBase } from './base-url';
import { parseRetryAfter } from './retry-after';

describe('isUnderBase', () => {
  const base = 'https://fhir.example.nhs.uk/fhir/';
  it.each([
    ['https://fhir.example.nhs.uk/fhir', true],
    ['https://fhir.example.nhs.uk/fhir/Encounter?_offset=50', true],
    ['https://fhir.example.nhs.uk/fhirx/Encounter', false],
    ['https://fhir.example.nhs.uk/fhir/../admin', false],
    ['https://fhir.example.nhs.uk/fhir/%2e%2e/admin', false],
    ['http://fhir.example.nhs.uk/fhir/Encounter', false],
    ['https://fhir.example.nhs.uk:8443/fhir/Encounter', false],
    ['https://user:pw@fhir.example.nhs.uk/fhir/Encounter', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isUnderBase(url, base)).toBe(expected);
  });

  it('joins relative paths to the base with one slash', () => {
    expect(resolveAgainstBase('https://h/fhir/', '/Patient/1')).toBe('https://h/fhir/Patient/1');
  });
});

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');
  it.each([
    ['120', 120],
    ['Sat, 21 Nov 2026 10:01:30 GMT', 90],
    ['Sat, 21 Nov 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    [null, undefined],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
