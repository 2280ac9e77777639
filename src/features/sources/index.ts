/** Retrieval from every regional endpoint, and the strip that says how each one went. */
export { retrieveFromEndpoint, type RetrieveOptions } from './retrieve-from-endpoint';
export { SourceFailure, type SourceResult } from './source-result';
export { coverageFor } from './coverage';
export { SECTION_SEARCHES, summarySearches } from './summary-searches';
export { sourceKeys } from './api/source-keys';
export { sourceQueries } from './api/source-queries';
export { prefetchProbes, probeQuery, type ProbedService } from './api/probe-queries';
export { startSourceQueries, useSourceResults, type SourceResults, type UseSourceResultsInput } from './api/use-source-results';
export { SourceStrip } from './components/source-strip';
export { type SourceGovernance, type PlainTransport, purposeFor } from './source-governance';
export { consentSearch } from './check-objection';
export { stateText, overallText } from './components/source-state-text';
