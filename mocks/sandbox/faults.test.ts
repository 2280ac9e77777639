import { describe, expect, it } from 'vitest';
import { FAULT_MODES, parseFault, parseFaultsEnv } from './faults';

describe('parseFault', () => {
  it('accepts every documented mode with a latency', () => {
    for (const mode of FAULT_MODES) expect(parseFault({ mode, latencyMs: 250 })).toEqual({ mode, latencyMs: 250 });
  });
  it('names the bad field', () => {
    expect(() => parseFault({ mode: 'explode' })).toThrow(/^mode must be one of/);
    expect(() => parseFault({ mode: 'hang', latencyMs: -1 })).toThrow(/^latencyMs must be/);
    expect(() => parseFault('hang')).toThrow(/must be an object/);
    expect(() => parseFault([])).toThrow(/must be an object/);
  });
  it('refuses a misspelt field rather than leaving the endpoint healthy', () => {
    expect(() => parseFault({ mdoe: 'hang' })).toThrow(/unknown field "mdoe"/);
  });
  it('knows hostile-content', () => {
    expect(parseFault({ mode: 'hostile-content' })).toEqual({ mode: 'hostile-content', latencyMs: 0 });
  });
});

describe('parseFaultsEnv', () => {
  const ids = ['a-gp', 'b-mh'];
  it('reads endpointId=mode[@latency] pairs', () => {
    const faults = parseFaultsEnv('a-gp=hang, b-mh=none@3000', ids);
    expect(Object.fromEntries(faults)).toEqual({ 'a-gp': { mode: 'hang', latencyMs: 0 }, 'b-mh': { mode: 'none', latencyMs: 3000 } });
  });
  it('is empty when unset', () => {
    expect(parseFaultsEnv(undefined, ids).size).toBe(0);
  });
  it('refuses an unknown endpoint or a malformed pair, saying which', () => {
    expect(() => parseFaultsEnv('zz=hang', ids)).toThrow(/unknown endpoint "zz"/);
    expect(() => parseFaultsEnv('a-gp:hang', ids)).toThrow(/"a-gp:hang" is not endpointId=mode/);
  });
});
