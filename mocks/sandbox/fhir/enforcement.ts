/**
 * Which sandbox endpoints enforce patients' objections and security labels on their own
 * side, as some real servers do and others leave to the client (docs/adr/0003). The
 * viewer must be right against both, so both kinds run in the sandbox: set per endpoint
 * at start (SANDBOX_ENFORCE) or while running (PUT /admin/enforcement/<endpointId>).
 * An enforcing endpoint lifts both for a request whose X-Purpose-Of-Use is BTG.
 */
export interface Enforcement {
  /** Withhold a patient's records when the organisation holds their active objection. */
  objections: boolean;
  /** Withhold items labelled R or V or carrying a sensitivity code. */
  labels: boolean;
}

export const NO_ENFORCEMENT: Enforcement = { objections: false, labels: false };
const BOTH: Enforcement = { objections: true, labels: true };

/**
 * Defaults chosen so the hard cases meet both kinds: the GP enforces nothing (the viewer
 * alone withholds its very restricted alert), mental health enforces objections but not
 * labels (the viewer withholds its restricted items and a clinician may reveal them),
 * the acute trust enforces both (it withholds its sensitive items itself).
 */
const DEFAULTS: Record<string, Enforcement> = {
  'riverside-gp': NO_ENFORCEMENT,
  'fenland-mh': { objections: true, labels: false },
  'ouse-valley-acute': BOTH,
};

export function defaultEnforcement(endpointId: string): Enforcement {
  return DEFAULTS[endpointId] ?? BOTH;
}

/** The header an enforcing endpoint reads; `BTG` (v3-ActReason break the glass) lifts enforcement. */
export const PURPOSE_OF_USE_HEADER = 'x-purpose-of-use';

export function parseEnforcement(input: unknown): Enforcement {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('enforcement must be an object {"objections", "labels"}');
  const unknown = Object.keys(input).filter((k) => k !== 'objections' && k !== 'labels');
  if (unknown.length > 0) throw new Error(`unknown field ${JSON.stringify(unknown[0])}: enforcement has only "objections" and "labels"`);
  const { objections = false, labels = false } = input as Record<string, unknown>;
  if (typeof objections !== 'boolean') throw new Error('objections must be true or false');
  if (typeof labels !== 'boolean') throw new Error('labels must be true or false');
  return { objections, labels };
}

/** SANDBOX_ENFORCE: `endpointId=none|objections|labels|objections+labels`, comma-separated. */
export function parseEnforcementEnv(raw: string | undefined, endpointIds: string[]): Map<string, Enforcement> {
  const out = new Map<string, Enforcement>();
  for (const part of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([\w-]+)=(none|objections|labels|objections\+labels|labels\+objections)$/.exec(part);
    if (!m) throw new Error(`SANDBOX_ENFORCE: "${part}" is not endpointId=none|objections|labels|objections+labels`);
    if (!endpointIds.includes(m[1]!)) throw new Error(`SANDBOX_ENFORCE: unknown endpoint "${m[1]}"`);
    out.set(m[1]!, { objections: m[2]!.includes('objections'), labels: m[2]!.includes('labels') });
  }
  return out;
}

/** The running sandbox's enforcement, per endpoint. */
export class EnforcementSettings {
  private readonly current = new Map<string, Enforcement>();

  constructor(
    private readonly endpointIds: string[],
    initial: Map<string, Enforcement> = new Map(),
  ) {
    for (const id of endpointIds) this.current.set(id, initial.get(id) ?? defaultEnforcement(id));
  }

  get(id: string): Enforcement {
    return this.current.get(id) ?? NO_ENFORCEMENT;
  }

  set(id: string, e: Enforcement): void {
    if (!this.current.has(id)) throw new Error(`unknown endpoint "${id}"`);
    this.current.set(id, e);
  }

  all(): Record<string, Enforcement> {
    return Object.fromEntries(this.endpointIds.map((id) => [id, this.get(id)]));
  }
}
