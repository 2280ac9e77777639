/**
 * SANDBOX_DATA=<folder>: a deploying engineer's own test patients in the sandbox. The
 * folder holds one `<endpoint-id>.ndjson` file per endpoint (ids as in
 * mocks/sandbox/sandbox-config.json, e.g. `riverside-gp.ndjson`), one FHIR R4 resource
 * per line. Each resource is added to that endpoint at start with its id and references
 * unchanged; Patients at a host system's endpoint are listed by that host and can be
 * launched. Anything wrong stops the start with the file, the line and the reason.
 * Other files in the folder (a README) are ignored.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateResource } from '@medplum/core';
import type { Resource as MedplumResource } from '@medplum/fhirtypes';
import type { FhirResource } from 'fhir/r4';
import { loadDefinitions } from './fhir/definitions';

export class SandboxDataError extends Error {
  override readonly name = 'SandboxDataError';
}

/** FHIR R4 id: 1 to 64 of letters, digits, "-" and ".". */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

function reasonOf(e: unknown): string {
  const outcome = (e as { outcome?: { issue?: { diagnostics?: string; details?: { text?: string }; expression?: string[] }[] } }).outcome;
  const issue = outcome?.issue?.[0];
  if (issue) return `${issue.details?.text ?? issue.diagnostics ?? 'invalid'}${issue.expression?.[0] ? ` (${issue.expression[0]})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

/** The resources of one file, each checked; throws naming the file, line and reason. */
export function parseSandboxNdjson(fileName: string, text: string): FhirResource[] {
  loadDefinitions();
  const out: FhirResource[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    const at = `${fileName} line ${i + 1}`;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new SandboxDataError(`${at}: not JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SandboxDataError(`${at}: not a FHIR resource (a JSON object with resourceType)`);
    const r = value as { resourceType?: unknown; id?: unknown };
    if (typeof r.resourceType !== 'string') throw new SandboxDataError(`${at}: has no resourceType`);
    if (typeof r.id !== 'string' || !FHIR_ID.test(r.id)) {
      throw new SandboxDataError(`${at}: ${r.resourceType} needs an id (1-64 letters, digits, "-" or "."), kept so that references to it hold`);
    }
    const key = `${r.resourceType}/${r.id}`;
    const first = seen.get(key);
    if (first !== undefined) throw new SandboxDataError(`${at}: ${key} is already on line ${first}`);
    seen.set(key, i + 1);
    try {
      validateResource(value as MedplumResource);
    } catch (e) {
      throw new SandboxDataError(`${at}: ${key} is not valid FHIR R4: ${reasonOf(e)}`);
    }
    out.push(value as FhirResource);
  });
  return out;
}

/**
 * Reads the folder and adds its resources to the endpoints' resources. A file whose name
 * is not `<endpoint-id>.ndjson`, or a resource whose type and id the endpoint already
 * holds, stops the start.
 */
export async function addSandboxData(folder: string, byEndpoint: Record<string, FhirResource[]>): Promise<{ file: string; count: number }[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch {
    throw new SandboxDataError(`SANDBOX_DATA=${folder} is not a folder that can be read`);
  }
  const ids = Object.keys(byEndpoint);
  const added: { file: string; count: number }[] = [];
  // Notes beside the data (README.md and the like) are left alone; anything that looks
  // like data but is not named for an endpoint is a mistake worth stopping for.
  for (const name of names.filter((n) => /\.(nd)?json(l)?$/i.test(n))) {
    const id = name.replace(/\.ndjson$/, '');
    if (!name.endsWith('.ndjson') || !ids.includes(id)) {
      throw new SandboxDataError(`${name}: not <endpoint-id>.ndjson for an endpoint of the sandbox (${ids.join(', ')})`);
    }
    const resources = parseSandboxNdjson(name, await readFile(join(folder, name), 'utf8'));
    const existing = new Set((byEndpoint[id] ?? []).map((r) => `${r.resourceType}/${r.id}`));
    const lines = (await readFile(join(folder, name), 'utf8')).split(/\r?\n/);
    for (const r of resources) {
      const key = `${r.resourceType}/${r.id}`;
      if (existing.has(key)) {
        const line = lines.findIndex((l) => l.includes(`"${r.id}"`)) + 1;
        throw new SandboxDataError(`${name} line ${line}: ${key} is already held by ${id} in the synthetic world; choose another id`);
      }
    }
    byEndpoint[id] = [...(byEndpoint[id] ?? []), ...resources];
    added.push({ file: name, count: resources.length });
  }
  return added;
}
