/**
 * The governance part of `/config.json`: the audit repository, the objection register, the
 * record locator and the access policy (docs/access-policy.md). Each is optional in the file; errors name
 * the field, as for the rest of the configuration.
 */
import { CONFIGURABLE_ROLES, type AccessPolicyConfiguration, type RolePolicy } from '../domain/policy/access-policy';
import type { AppConfiguration } from './types';
import { fail, object, ORGANISATION_KINDS, serviceConfiguration, type Obj } from './validate-fields';

/** The top-level fields this part validates. */
export const GOVERNANCE_FIELDS: readonly string[] = ['audit', 'objectionRegister', 'recordLocator', 'policy'];

function rolePolicy(v: unknown, path: string): RolePolicy {
  const o = object(v, path);
  const unknown = Object.keys(o).filter((k) => k !== 'reveal' && k !== 'overrideObjection' && k !== 'conceal');
  if (unknown.length > 0) fail(`${path}.${unknown[0]}`, 'is not a policy field (reveal, overrideObjection, conceal)');
  const conceal = o.conceal;
  if (conceal !== undefined && (!Array.isArray(conceal) || !conceal.every((k) => typeof k === 'string' && k.trim() !== ''))) {
    fail(`${path}.conceal`, 'must be a list of organisation kinds, for example ["mental-health", "sexual-health"]');
  }
  // A misspelt kind would conceal nothing, in silence.
  (conceal as string[] | undefined)?.forEach((k, i) => {
    if (!(ORGANISATION_KINDS as readonly string[]).includes(k)) fail(`${path}.conceal[${i}]`, `("${k}") is not an organisation kind (${ORGANISATION_KINDS.join(', ')})`);
  });
  const reveal = o.reveal ?? 'none';
  if (reveal === 'very-restricted') fail(`${path}.reveal`, 'cannot be "very-restricted": very restricted items are never shown');
  if (reveal !== 'none' && reveal !== 'restricted') fail(`${path}.reveal`, 'must be "none" or "restricted"');
  if (reveal === 'restricted' && path === 'policy.social-care') {
    fail(`${path}.reveal`, 'must be "none": social-care roles never see sensitive items');
  }
  const overrideObjection = o.overrideObjection ?? false;
  if (typeof overrideObjection !== 'boolean') fail(`${path}.overrideObjection`, 'must be true or false');
  return { reveal, overrideObjection, ...(conceal !== undefined ? { conceal: conceal as string[] } : {}) };
}

function policy(v: unknown): AccessPolicyConfiguration {
  const o = object(v, 'policy');
  const out: AccessPolicyConfiguration = {};
  for (const key of Object.keys(o)) {
    if (key === 'unknown') fail('policy.unknown', 'cannot be configured: a role the viewer does not recognise gets the most cautious treatment');
    if (!(CONFIGURABLE_ROLES as readonly string[]).includes(key)) fail(`policy.${key}`, `is not a role category (${CONFIGURABLE_ROLES.join(', ')})`);
    out[key as keyof AccessPolicyConfiguration] = rolePolicy(o[key], `policy.${key}`);
  }
  return out;
}

/** `audit`, `objectionRegister`, `recordLocator` and `policy`, each only when the file has it. */
export function governanceFields(o: Obj): Pick<AppConfiguration, 'audit' | 'objectionRegister' | 'recordLocator' | 'policy'> {
  return {
    ...(o.recordLocator !== undefined
      ? { recordLocator: serviceConfiguration(object(o.recordLocator, 'recordLocator'), 'recordLocator') }
      : {}),
    ...(o.audit !== undefined ? { audit: serviceConfiguration(object(o.audit, 'audit'), 'audit') } : {}),
    ...(o.objectionRegister !== undefined
      ? { objectionRegister: serviceConfiguration(object(o.objectionRegister, 'objectionRegister'), 'objectionRegister') }
      : {}),
    ...(o.policy !== undefined ? { policy: policy(o.policy) } : {}),
  };
}
