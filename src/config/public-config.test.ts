import { describe, expect, it } from 'vitest';
import publicConfig from '../../mocks/sandbox/sandbox-config.json';
import { findLaunchConfiguration } from './launch-match';
import { validateConfig } from './validate';

describe('mocks/sandbox/sandbox-config.json (the sandbox configuration)', () => {
  it('is valid and launches from the three sandbox hosts with the launch scopes', () => {
    const config = validateConfig(publicConfig);
    expect(config.endpoints).toHaveLength(8);
    for (const iss of ['http://localhost:8430/fhir', 'http://localhost:8433/fhir', 'http://localhost:8434/fhir']) {
      expect(findLaunchConfiguration(config, iss)?.scope).toBe(
        'launch openid fhirUser online_access patient/Patient.rs user/*.rs',
      );
    }
  });
});
