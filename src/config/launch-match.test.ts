import { describe, expect, it } from 'vitest';
import { configInput } from '../testing/config';
import { findLaunchConfiguration, sameIss } from './launch-match';

describe('findLaunchConfiguration', () => {
  const config = configInput();

  it('matches iss exactly, ignoring trailing slashes', () => {
    expect(findLaunchConfiguration(config, 'http://localhost:8433/fhir')?.id).toBe('hospital');
    expect(findLaunchConfiguration(config, 'http://localhost:8430/fhir/')?.id).toBe('gp');
  });

  it('does not match a prefix, a longer path, another port or another case', () => {
    for (const iss of [
      'http://localhost:8430',
      'http://localhost:8430/fhir/evil',
      'http://localhost:8430/fhirx',
      'http://localhost:9430/fhir',
      'http://localhost:8430/FHIR',
      'https://localhost:8430/fhir',
      '',
    ]) {
      expect(findLaunchConfiguration(config, iss), iss).toBeUndefined();
    }
  });

  it('compares two iss values the same way', () => {
    expect(sameIss('http://a/fhir//', 'http://a/fhir')).toBe(true);
    expect(sameIss('http://a/fhir', 'http://a/fhir2')).toBe(false);
  });
});
