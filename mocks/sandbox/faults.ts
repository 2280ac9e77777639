/**
 * Fault injection for the sandbox's FHIR endpoints: regional endpoints are many systems
 * run by many organisations, and some will be slow, down, wrong or hostile on any given
 * day. Set per endpoint at start (SANDBOX_FAULTS) and changed while running through the
 * home server's /admin/faults API (see README, "Faults").
 */
export const FAULT_MODES = [
  'none', // healthy (latency may still apply)
  'hang', // accepts the request and never answers
  'down', // connection refused: the endpoint's port is closed
  'http-500',
  'http-502',
  'http-503', // with Retry-After: 5
  'http-429', // with Retry-After: 5
  'expired-token', // 401 invalid_token on every data request, as for an expired token (the renewed one too)
  'malformed-json',
  'not-fhir', // valid JSON that is not a FHIR resource
  'operation-outcome', // 400 with an OperationOutcome error
  'foreign-next-link', // searchset next link pointing at another host (FOREIGN_NEXT_ORIGIN)
  'looping-next-link', // searchset next link pointing at the page itself
  'other-patient', // adds records about another patient to searchsets (a Flag, a copy of the first record, a Patient)
  'duplicate-ids', // repeats every entry of a searchset
  'huge-response', // a searchset padded to over 20 MB (once per answer)
  'hostile-content', // every readable string and every narrative replaced by an XSS payload (mocks/data/hostile)
] as const;

/** Where `foreign-next-link` points: off the endpoint's origin, and nothing listens there. */
export const FOREIGN_NEXT_ORIGIN = 'http://127.0.0.2:9';

export type FaultMode = (typeof FAULT_MODES)[number];

export interface EndpointFault {
  mode: FaultMode;
  /** Added before every answer, including discovery and metadata. */
  latencyMs: number;
}

export const HEALTHY: EndpointFault = { mode: 'none', latencyMs: 0 };

/** Validates a fault from the admin API or the environment; errors name the field. */
export function parseFault(input: unknown): EndpointFault {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('fault must be an object {"mode", "latencyMs"}');
  const unknown = Object.keys(input).filter((k) => k !== 'mode' && k !== 'latencyMs');
  // A misspelt field would otherwise leave the endpoint healthy without a word.
  if (unknown.length > 0) throw new Error(`unknown field ${JSON.stringify(unknown[0])}: a fault has only "mode" and "latencyMs"`);
  const { mode = 'none', latencyMs = 0 } = input as { mode?: unknown; latencyMs?: unknown };
  if (typeof mode !== 'string' || !(FAULT_MODES as readonly string[]).includes(mode)) {
    throw new Error(`mode must be one of ${FAULT_MODES.join(', ')}; got ${JSON.stringify(mode)}`);
  }
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > 600_000) {
    throw new Error(`latencyMs must be a number of milliseconds from 0 to 600000; got ${JSON.stringify(latencyMs)}`);
  }
  return { mode: mode as FaultMode, latencyMs };
}

/**
 * SANDBOX_FAULTS: comma-separated `endpointId=mode` or `endpointId=mode@latencyMs`, e.g.
 * `fenland-mh=hang,stort-acute=none@3000`.
 */
export function parseFaultsEnv(raw: string | undefined, endpointIds: string[]): Map<string, EndpointFault> {
  const out = new Map<string, EndpointFault>();
  for (const part of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([\w-]+)=([\w-]+)(?:@(\d+))?$/.exec(part);
    if (!m) throw new Error(`SANDBOX_FAULTS: "${part}" is not endpointId=mode[@latencyMs]`);
    const [, id, mode, latency] = m;
    if (!endpointIds.includes(id!)) throw new Error(`SANDBOX_FAULTS: unknown endpoint "${id}" (known: ${endpointIds.join(', ')})`);
    out.set(id!, parseFault({ mode, latencyMs: latency ? Number(latency) : 0 }));
  }
  return out;
}
