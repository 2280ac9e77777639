import type { AppConfiguration } from '../config/types';
import type { GovernedRecords } from '../domain/policy/govern-records';
import { revealableRecords } from '../domain/policy/govern-records';
import { mayReveal } from '../domain/policy/access-policy';
import { SourceGovernanceNote } from '../features/governance';
import type { SourceResults } from '../features/sources';
import type { RecordGovernance } from './record-governance';

export interface SourceGovernanceLineProps {
  endpointId: string;
  config: AppConfiguration;
  results: SourceResults;
  governed: GovernedRecords;
  governance?: RecordGovernance;
}

/**
 * One organisation's governance note in the status strip: withheld counts (by the viewer
 * and by the server's own suppression, reported the same way), the reveal, and whether
 * what is shown came under an override.
 */
export function SourceGovernanceLine({ endpointId, config, results, governed, governance }: SourceGovernanceLineProps) {
  const endpoint = config.endpoints.find((e) => e.id === endpointId);
  if (!endpoint) return null;
  const mine = governed.withheld[endpointId] ?? { revealable: 0, never: 0 };
  const withheld = { ...mine, server: results.withheld[endpointId] ?? 0 };
  const override = governance?.overrides.get(endpointId);
  const overridden = results.objections[endpointId]?.overridden === true;
  return (
    <SourceGovernanceNote
      organisationName={endpoint.organisationName}
      withheld={withheld}
      mayReveal={governance ? mayReveal(governance.role, governance.policy) : false}
      revealed={governance ? results.records.some((r) => r.source.endpointId === endpointId && governance.revealed.has(r.key)) : false}
      onReveal={async (text) => {
        if (!governance) return;
        const records = revealableRecords({ records: results.records, endpointId, role: governance.role, policy: governance.policy });
        await governance.reveal(endpointId, text, records);
      }}
      {...(override && overridden ? { override: { reason: override.reason } } : {})}
    />
  );
}
