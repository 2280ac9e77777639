import type { SectionCoverage } from '../../components/record-section';
import type { SourceState, SourceStatus } from '../../domain/source-status';

/** A few words for why a source's items are not in a section. */
function whyMissing(status: SourceState, searched: readonly string[]): string | undefined {
  switch (status.state) {
    case 'failed':
      return 'failed';
    case 'timed-out':
      return 'timed out';
    case 'sign-in-needed':
      return 'sign-in needed';
    case 'excluded':
      return 'not included';
    case 'objected':
      return 'patient objected';
    case 'partial': {
      const scopes = (status.notGranted ?? []).filter((n) => searched.includes(n.type)).map((n) => n.scope);
      if (scopes.length > 0) return `not granted: needs scope ${scopes.join(', ')}`;
      return status.failed.some((t) => searched.includes(t)) ? 'search failed' : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * What one section can claim: which organisations' answers it holds for its searches,
 * which are still loading and which are missing and why. A partial source counts as
 * answered for a section unless one of that section's own searches failed there.
 */
export function coverageFor(sources: SourceStatus[], searched: readonly string[]): SectionCoverage {
  const coverage: SectionCoverage = { answered: [], loading: [], missing: [] };
  for (const s of sources) {
    const { state } = s.status;
    if (state === 'waiting' || state === 'authorising' || state === 'loading') {
      coverage.loading.push(s.organisationName);
      continue;
    }
    const why = whyMissing(s.status, searched);
    if (why) coverage.missing.push({ name: s.organisationName, why });
    else coverage.answered.push(s.organisationName);
  }
  return coverage;
}
