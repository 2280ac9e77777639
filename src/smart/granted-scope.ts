/**
 * What the token's granted scopes allow, checked before asking (SMART App Launch 2.2,
 * "Scopes for requesting clinical data"). A server may grant less than was asked (RFC 6749
 * §3.3: the token response's `scope` says what was granted), and a search of a type no
 * granted scope covers would only come back 403 — or, at a lenient server, as an empty
 * answer that looks like "no records". So the searches are split before they are sent:
 * the allowed ones go, the others are named, with the scope that would allow them.
 *
 * A search needs the search permission on its type: v2 `s` (`rs`, `cruds`…) or v1 `read`
 * or `*`; the type may be the wildcard `*`; the context may be `patient`, `user` or
 * `system` (the patient context is narrowed to the launch patient by the server itself).
 * Pure: no token, only the scope string.
 */

const RESOURCE_SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([cruds]+|read|write|\*)(\?.*)?$/;

interface ParsedScope {
  context: 'patient' | 'user' | 'system';
  type: string;
  permissions: string;
  /** SMART v2 granular scopes (`?category=…`) narrow a scope: not a whole grant of its type. */
  narrowed: boolean;
}

function parse(scope: string): ParsedScope[] {
  return scope
    .split(/\s+/)
    .map((s) => RESOURCE_SCOPE.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ context: m[1] as ParsedScope['context'], type: m[2]!, permissions: m[3]!, narrowed: m[4] !== undefined }));
}

const allowsSearch = (p: string) => p === '*' || p === 'read' || (p !== 'write' && p.includes('s'));

/** Whether the granted scope string allows searching `type`. */
export function grantsSearch(grantedScope: string, type: string): boolean {
  return parse(grantedScope).some((s) => !s.narrowed && (s.type === type || s.type === '*') && allowsSearch(s.permissions));
}

/**
 * The scope that would allow searching `type`, written as the grant itself is written:
 * its context (`user` unless only `patient` scopes were granted) and its syntax (v1
 * `.read` when the grant uses v1 words only, else v2 `.rs`).
 */
export function scopeNeeded(type: string, grantedScope: string): string {
  const parsed = parse(grantedScope);
  const context = parsed.length > 0 && parsed.every((s) => s.context === 'patient') ? 'patient' : 'user';
  const v1 = parsed.length > 0 && parsed.every((s) => s.permissions === 'read' || s.permissions === 'write' || s.permissions === '*');
  return `${context}/${type}.${v1 ? 'read' : 'rs'}`;
}

export interface GrantSplit<T> {
  /** In the planned order. */
  allowed: T[];
  /** Each with the scope that would allow it, in the planned order. */
  notGranted: { search: T; scope: string }[];
}

/**
 * The planned searches split by the granted scope string. `undefined` (no word from the
 * server on what it granted, and nothing requested to fall back on) allows them all: the
 * server's own answer then decides.
 */
export function splitByGrant<T extends { resourceType: string }>(searches: readonly T[], grantedScope: string | undefined): GrantSplit<T> {
  const split: GrantSplit<T> = { allowed: [], notGranted: [] };
  for (const search of searches) {
    if (grantedScope === undefined || grantsSearch(grantedScope, search.resourceType)) split.allowed.push(search);
    else split.notGranted.push({ search, scope: scopeNeeded(search.resourceType, grantedScope) });
  }
  return split;
}
