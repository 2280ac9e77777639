import type { Account, FindAccount } from 'oidc-provider';
import type { SandboxHost, SandboxTopology, SandboxUser } from '../topology';
import { endpointById } from '../topology';

/** A sandbox user as the authorisation server knows them: one per host system. */
export interface SandboxAccount {
  accountId: string;
  user: SandboxUser;
  host: SandboxHost;
  /** Absolute URL of the user's Practitioner at their own organisation's FHIR endpoint. */
  fhirUser: string;
}

/**
 * The sign-in accounts: the practitioner signed in to each host system. The account id is
 * the Practitioner.id, and `fhirUser` is an absolute URL because the id_token must say
 * which server holds that Practitioner (SMART App Launch 2.2 "fhirUser claim").
 */
export function sandboxAccounts(topology: SandboxTopology): SandboxAccount[] {
  return topology.hosts.map((host) => ({
    accountId: host.user.practitionerId,
    user: host.user,
    host,
    fhirUser: `${endpointById(topology, host.endpointId).baseUrl}/Practitioner/${host.user.practitionerId}`,
  }));
}

export function displayName(user: SandboxUser): string {
  return `${user.prefix} ${user.given} ${user.family}`;
}

/**
 * oidc-provider's account lookup. Claims are filtered by scope afterwards (`openid` → sub,
 * `profile` → name, `fhirUser` → fhirUser; see config.ts), so this returns them all.
 */
export function findSandboxAccount(accounts: readonly SandboxAccount[]): FindAccount {
  return (_ctx, sub): Account | undefined => {
    const account = accounts.find((a) => a.accountId === sub);
    if (!account) return undefined;
    return {
      accountId: account.accountId,
      claims: () => ({ sub: account.accountId, name: displayName(account.user), fhirUser: account.fhirUser }),
    };
  };
}
