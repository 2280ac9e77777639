import { describe, expect, it } from 'vitest';
import { defaultEnforcement, EnforcementSettings, parseEnforcement, parseEnforcementEnv } from './enforcement';

describe('enforcement settings', () => {
  it('has endpoints of both kinds by default: the GP leaves everything to the viewer, the acute trust enforces both', () => {
    expect(defaultEnforcement('riverside-gp')).toEqual({ objections: false, labels: false });
    expect(defaultEnforcement('fenland-mh')).toEqual({ objections: true, labels: false });
    expect(defaultEnforcement('ouse-valley-acute')).toEqual({ objections: true, labels: true });
  });

  it('reads SANDBOX_ENFORCE and the admin body, naming what is wrong', () => {
    expect(parseEnforcementEnv('riverside-gp=objections+labels,fenland-mh=none', ['riverside-gp', 'fenland-mh'])).toEqual(
      new Map([['riverside-gp', { objections: true, labels: true }], ['fenland-mh', { objections: false, labels: false }]]),
    );
    expect(() => parseEnforcementEnv('nowhere=labels', ['riverside-gp'])).toThrow('SANDBOX_ENFORCE: unknown endpoint "nowhere"');
    expect(() => parseEnforcementEnv('riverside-gp=all', ['riverside-gp'])).toThrow(/is not endpointId=/);
    expect(parseEnforcement({ labels: true })).toEqual({ objections: false, labels: true });
    expect(() => parseEnforcement({ label: true })).toThrow('unknown field "label"');
    expect(() => parseEnforcement({ labels: 'yes' })).toThrow('labels must be true or false');
  });

  it('changes one endpoint while running and refuses an unknown one', () => {
    const s = new EnforcementSettings(['riverside-gp']);
    s.set('riverside-gp', { objections: true, labels: true });
    expect(s.all()).toEqual({ 'riverside-gp': { objections: true, labels: true } });
    expect(() => s.set('elsewhere', { objections: true, labels: true })).toThrow('unknown endpoint');
  });
});
