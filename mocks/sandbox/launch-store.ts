import { randomBytes } from 'node:crypto';

/**
 * What a host system knew when it launched the app: the context the authorisation server
 * hands back beside the access token (SMART App Launch 2.2 "Launch context arrives with
 * your access_token").
 */
export interface LaunchContext {
  /** Patient.id at the launching host's FHIR endpoint (relative id, e.g. "p123"). */
  patient: string;
  encounter?: string;
  needPatientBanner: boolean;
  smartStyleUrl?: string;
  /** account id at the authorisation server == SandboxUser.practitionerId */
  userId: string;
  /** FHIR base URL of the launching host (the iss). */
  iss: string;
}

const FIVE_MINUTES_MS = 5 * 60 * 1000;

/**
 * Launch ids shared by the host pages (which create them) and the authorisation server
 * (which resolves them). SMART calls `launch` an opaque identifier: it is 256 random bits,
 * so it cannot be guessed, and it lives only as long as a launch takes.
 */
export class LaunchStore {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #launches = new Map<string, { context: LaunchContext; expiresAt: number }>();

  constructor(opts: { ttlMs?: number; now?: () => number } = {}) {
    this.#ttlMs = opts.ttlMs ?? FIVE_MINUTES_MS;
    this.#now = opts.now ?? Date.now;
  }

  /** Stores a copy of the context and returns its launch id. */
  create(ctx: LaunchContext): string {
    this.#forgetExpired();
    const id = randomBytes(32).toString('base64url');
    this.#launches.set(id, { context: { ...ctx }, expiresAt: this.#now() + this.#ttlMs });
    return id;
  }

  /** The context of a live launch; undefined when the id is missing, unknown or expired. */
  get(id: string | undefined): LaunchContext | undefined {
    if (id === undefined) return undefined;
    const entry = this.#launches.get(id);
    if (!entry) return undefined;
    if (this.#now() >= entry.expiresAt) {
      this.#launches.delete(id);
      return undefined;
    }
    return { ...entry.context };
  }

  #forgetExpired(): void {
    const now = this.#now();
    for (const [id, entry] of this.#launches) {
      if (now >= entry.expiresAt) this.#launches.delete(id);
    }
  }
}
