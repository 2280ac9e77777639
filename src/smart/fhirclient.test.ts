import { describe, expect, it } from 'vitest';
import { interopDefault, smartApi } from './fhirclient';

describe('fhirclient interop', () => {
  class Adapter {}

  it('takes the class from either shape of a CommonJS default import', () => {
    expect(interopDefault(Adapter)).toBe(Adapter); // vitest: __esModule unwrapped
    expect(interopDefault({ default: Adapter, __esModule: true })).toBe(Adapter); // Vite build: module.exports
  });

  it('gives a SMART API with authorize and ready', () => {
    const api = smartApi();
    expect(typeof api.authorize).toBe('function');
    expect(typeof api.ready).toBe('function');
  });
});
