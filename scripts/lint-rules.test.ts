import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rules that hold the security lines (eslint.config.js) really fire: fixture code
 * linted through ESLint's Node API with the repository's own configuration, as if it were
 * at the given path.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const DANGER = `export function Evil({ html }: { html: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: html }} />;\n}\n`;

describe('lint: the only HTML path is the narrative component', () => {
  it('refuses dangerouslySetInnerHTML anywhere else', async () => {
    expect(await ruleIds(DANGER, 'src/features/medications/components/evil.tsx')).toEqual(['no-restricted-syntax']);
    expect(await ruleIds(DANGER, 'src/components/evil.tsx')).toEqual(['no-restricted-syntax']);
  });

  it('allows it only in src/components/narrative.tsx', async () => {
    expect(await ruleIds(DANGER, 'src/components/narrative.tsx')).toEqual([]);
  });

  it('refuses innerHTML, insertAdjacentHTML and document.write, in the narrative component too', async () => {
    const code = `export function f(el: HTMLElement, s: string) {\n  el.innerHTML = s;\n  el.insertAdjacentHTML('beforeend', s);\n  document.write(s);\n}\n`;
    expect(await ruleIds(code, 'launch/evil.ts')).toEqual(['no-restricted-syntax', 'no-restricted-syntax', 'no-restricted-syntax']);
    expect(await ruleIds(code, 'src/components/narrative.tsx')).toEqual(['no-restricted-syntax', 'no-restricted-syntax', 'no-restricted-syntax']);
  });

  it('refuses eval and string-built functions', async () => {
    expect(await ruleIds('export const f = (s: string) => eval(s);\n', 'src/x.ts')).toEqual(['no-eval']);
    expect(await ruleIds("export const f = new Function('return 1');\n", 'src/x.ts')).toEqual(['no-new-func']);
  });
});

describe('lint: no browser storage for clinical data in product code', () => {
  const code = `export async function keep(x: string) {\n  localStorage.setItem('k', x);\n  window.indexedDB.open('db');\n  await caches.open('c');\n}\n`;

  it('refuses localStorage, IndexedDB and Cache Storage in src/, launch/ and auth-callback/', async () => {
    for (const path of ['src/features/sources/keep.ts', 'launch/keep.ts', 'auth-callback/keep.ts']) {
      expect(await ruleIds(code, path), path).toEqual(['no-restricted-globals', 'no-restricted-properties', 'no-restricted-globals']);
    }
  });

  it('allows sessionStorage (the session’s tokens) and lets tests look into storage', async () => {
    expect(await ruleIds(`export const k = sessionStorage.getItem('k');\n`, 'src/smart/x.ts')).toEqual([]);
    expect(await ruleIds(code, 'src/features/sources/keep.test.ts')).toEqual([]);
  });
});
