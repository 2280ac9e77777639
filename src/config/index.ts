/** Runtime configuration: its shape, loading, validation and launch matching. */
export type { AppConfiguration, EndpointAuth, EndpointConfiguration, LaunchConfiguration, OrganisationKind, ServiceConfiguration } from './types';
export { CONFIG_URL, loadConfig } from './load';
export { ConfigError, validateConfig } from './validate';
export { findLaunchConfiguration, sameIss } from './launch-match';
