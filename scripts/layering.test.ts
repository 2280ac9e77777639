import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering (layers.js, README "Layering") really holds: fixture code linted through
 * ESLint's Node API with the repository's own configuration, as if it sat at the given
 * path. Each refusal is paired with the same import from a layer that may make it.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

// The first lint loads typescript-eslint and the whole configuration: slow on a busy machine.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: 'src/domain/warm-up.ts' });
}, 120_000);

const importing = (spec: string) => `import * as x from '${spec}';\nexport const y = x;\n`;
const REFUSED = ['no-restricted-imports'];

describe('lint: domain imports no other layer, no UI and no network', () => {
  it('refuses fhir, smart, features and app from any depth of src/domain', async () => {
    expect(await ruleIds(importing('../fhir/types'), 'src/domain/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../../smart/session'), 'src/domain/normalise/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../../../features/sources'), 'src/domain/policy/deep/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../app/App'), 'src/domain/x.ts')).toEqual(REFUSED);
  });

  it('refuses React and the query library', async () => {
    expect(await ruleIds(importing('react'), 'src/domain/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('@tanstack/react-query'), 'src/domain/policy/x.ts')).toEqual(REFUSED);
  });

  it('refuses fetch', async () => {
    expect(await ruleIds('export const f = () => fetch("/x");\n', 'src/domain/x.ts')).toEqual(['no-restricted-globals']);
    expect(await ruleIds('export const f = () => fetch("/x");\n', 'src/fhir/x.ts')).toEqual([]);
  });

  it('allows its own modules and FHIR types', async () => {
    expect(await ruleIds(importing('../records'), 'src/domain/normalise/x.ts')).toEqual([]);
    expect(await ruleIds("import type { Patient } from 'fhir/r4';\nexport type P = Patient;\n", 'src/domain/x.ts')).toEqual([]);
  });
});

describe('lint: fhir imports no smart, features or app', () => {
  it('refuses smart and features, allows domain', async () => {
    expect(await ruleIds(importing('../smart/endpoint-access'), 'src/fhir/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../features/sources'), 'src/fhir/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../domain/records'), 'src/fhir/x.ts')).toEqual([]);
  });

  it('smart may use fhir but not features', async () => {
    expect(await ruleIds(importing('../fhir/transport'), 'src/smart/x.ts')).toEqual([]);
    expect(await ruleIds(importing('../features/governance'), 'src/smart/x.ts')).toEqual(REFUSED);
  });
});

describe('lint: features do not import each other', () => {
  it('refuses another feature, at any depth', async () => {
    expect(await ruleIds(importing('../sources'), 'src/features/medications/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../../governance/audit-client'), 'src/features/sources/api/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../../../features/alerts'), 'src/features/medications/components/x.tsx')).toEqual(REFUSED);
  });

  it('allows the feature’s own files and lower layers', async () => {
    expect(await ruleIds(importing('../source-result'), 'src/features/sources/api/x.ts')).toEqual([]);
    expect(await ruleIds(importing('../../../domain/records'), 'src/features/medications/components/x.tsx')).toEqual([]);
    expect(await ruleIds(importing('../../fhir'), 'src/features/sources/x.ts')).toEqual([]);
  });

  it('refuses the app from a feature', async () => {
    expect(await ruleIds(importing('../../app/query-client'), 'src/features/sources/x.ts')).toEqual(REFUSED);
  });
});

describe('lint: product code never imports mocks', () => {
  it('refuses mocks/ and msw in src, launch and auth-callback', async () => {
    expect(await ruleIds(importing('../../mocks/data/world'), 'src/app/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../../../mocks/sandbox/topology'), 'src/features/sources/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('../mocks/data/world'), 'launch/x.ts')).toEqual(REFUSED);
    expect(await ruleIds(importing('msw'), 'src/smart/x.ts')).toEqual(REFUSED);
  });

  it('lets tests and src/testing use them', async () => {
    expect(await ruleIds(importing('../../mocks/data/world'), 'src/app/x.test.ts')).toEqual([]);
    expect(await ruleIds(importing('../../mocks/data/world'), 'src/testing/x.ts')).toEqual([]);
  });
});

/** Relative imports of product code in src/, resolved to files. */
function importGraph(root: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(p);
    }
  };
  walk(root);
  const known = new Set(files);
  const resolveSpec = (from: string, spec: string) =>
    ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => resolve(dirname(from), spec) + ext).find((f) => known.has(f));
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const specs = [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1] as string);
    graph.set(f, specs.map((s) => resolveSpec(f, s)).filter((x): x is string => x !== undefined));
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

describe('no import cycles in product code', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('src/ has none (config/validate.ts and validate-governance.ts share validate-fields.ts)', () => {
    const root = resolve(process.cwd(), 'src');
    const cycle = findCycle(importGraph(root));
    expect(cycle?.map((f) => relative(root, f))).toBeUndefined();
  });
});
