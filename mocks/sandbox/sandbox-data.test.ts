import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FhirResource } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { addSandboxData, parseSandboxNdjson } from './sandbox-data';

const patient = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ resourceType: 'Patient', id, ...extra });
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});
async function folder(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('SANDBOX_DATA files', () => {
  it('keeps each resource as written, ids and references included, skipping blank lines', () => {
    const text = `${patient('p-1')}\n\n${JSON.stringify({ resourceType: 'Encounter', id: 'e.1', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p-1' } })}\n`;
    expect(parseSandboxNdjson('x.ndjson', text)).toEqual([
      { resourceType: 'Patient', id: 'p-1' },
      { resourceType: 'Encounter', id: 'e.1', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p-1' } },
    ]);
  });

  it.each([
    ['{"resourceType":"Patient",', 'line 1: not JSON'],
    ['[1,2]', 'line 1: not a FHIR resource'],
    ['{"id":"a"}', 'line 1: has no resourceType'],
    ['{"resourceType":"Patient"}', 'line 1: Patient needs an id'],
    ['{"resourceType":"Patient","id":"has space"}', 'line 1: Patient needs an id'],
    ['{"resourceType":"Patient","id":"a","birthDate":"12/03/1941"}', 'line 1: Patient/a is not valid FHIR R4: Invalid date format (Patient.birthDate)'],
    ['{"resourceType":"Pateint","id":"a"}', 'line 1: Pateint/a is not valid FHIR R4'],
    [`${patient('a')}\n${patient('a')}`, 'line 2: Patient/a is already on line 1'],
  ])('stops on %s with the file, line and reason', (text, reason) => {
    expect(() => parseSandboxNdjson('riverside-gp.ndjson', text)).toThrow(`riverside-gp.ndjson ${reason}`);
  });

  it('adds each file to its endpoint, after what the endpoint already holds', async () => {
    const byEndpoint: Record<string, FhirResource[]> = { 'riverside-gp': [{ resourceType: 'Patient', id: 'old' }], 'stort-acute': [] };
    const added = await addSandboxData(await folder({ 'riverside-gp.ndjson': patient('new'), 'README.md': '# notes' }), byEndpoint);
    expect(added).toEqual([{ file: 'riverside-gp.ndjson', count: 1 }]);
    expect(byEndpoint['riverside-gp']?.map((r) => r.id)).toEqual(['old', 'new']);
    expect(byEndpoint['stort-acute']).toEqual([]);
  });

  it('stops on a file not named for an endpoint, or an id the endpoint already holds', async () => {
    const byEndpoint = (): Record<string, FhirResource[]> => ({ 'riverside-gp': [{ resourceType: 'Patient', id: 'd99001-1001' }] });
    await expect(addSandboxData(await folder({ 'riverside.ndjson': patient('x') }), byEndpoint())).rejects.toThrow(
      'riverside.ndjson: not <endpoint-id>.ndjson for an endpoint of the sandbox (riverside-gp)',
    );
    await rm(dir!, { recursive: true, force: true });
    await expect(addSandboxData(await folder({ 'riverside-gp.ndjson': `${patient('ok')}\n${patient('d99001-1001')}` }), byEndpoint())).rejects.toThrow(
      'riverside-gp.ndjson line 2: Patient/d99001-1001 is already held by riverside-gp',
    );
    await expect(addSandboxData('/no/such/folder', byEndpoint())).rejects.toThrow('SANDBOX_DATA=/no/such/folder is not a folder');
  });

  it('the example folder used by the end-to-end test loads', async () => {
    const byEndpoint: Record<string, FhirResource[]> = { 'riverside-gp': [], 'ouse-valley-acute': [] };
    const added = await addSandboxData(resolve(import.meta.dirname, '../../e2e/sandbox-data'), byEndpoint);
    expect(added).toEqual([{ file: 'ouse-valley-acute.ndjson', count: 2 }, { file: 'riverside-gp.ndjson', count: 3 }]);
  });
});
