import type { AppConfiguration, LaunchConfiguration } from './types';

/** A FHIR base URL compared as the host sends it, less any trailing slashes. */
function normaliseIss(iss: string): string {
  return iss.trim().replace(/\/+$/, '');
}

/** True when two `iss` values name the same FHIR base (exact, trailing-slash-insensitive). */
export function sameIss(a: string, b: string): boolean {
  return normaliseIss(a) === normaliseIss(b);
}

/**
 * The launch configuration for the host that sent `iss`, or undefined. Matching is exact
 * (after dropping trailing slashes), like fhirclient's string `issMatch`: the `iss` decides
 * which server gets the user's credentials (SMART App Launch 2.2 "Launch App: EHR
 * Launch"), so a prefix or case-folded match would let a look-alike URL through.
 */
export function findLaunchConfiguration(config: AppConfiguration, iss: string): LaunchConfiguration | undefined {
  return config.launch.find((l) => sameIss(l.iss, iss));
}

/**
 * The id of the hidden frame in which the launch page loads the app page ahead
 * (server/early-discovery.ts, docs/adr/0010): src/main.tsx does nothing in it, and the
 * launch removes it when it stops with an error.
 */
export const APP_AHEAD_FRAME_ID = 'mcr-app-ahead';
