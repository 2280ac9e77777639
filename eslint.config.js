// @ts-check
/**
 * Lint rules that hold the app's security lines (docs/security.md), on top of
 * typescript-eslint's recommended set and the rules of hooks:
 *
 * - the only HTML path is src/components/narrative.tsx (DOMPurify): no
 *   dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML or document.write
 *   anywhere else;
 * - no eval or string-built functions (the CSP forbids them too; this says so at review);
 * - clinical data never reaches browser storage: no localStorage, IndexedDB or Cache
 *   Storage in product code (src/, launch/, auth-callback/). sessionStorage stays allowed:
 *   fhirclient and oidc-client-ts keep the session's tokens there, cleared at the end;
 * - the layering (README "Layering"): domain <- fhir <- smart <- features <- app, held by
 *   no-restricted-imports per folder (see layers.js beside this file).
 */
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { layerConfigs } from './layers.js';

/** The one file allowed to hand HTML to React. */
export const NARRATIVE_FILE = 'src/components/narrative.tsx';

const RAW_HTML = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: `Server text is untrusted: render it as text. The only HTML path is ${NARRATIVE_FILE} (DOMPurify).`,
  },
  {
    selector: "AssignmentExpression[left.type='MemberExpression'][left.property.name=/^(innerHTML|outerHTML)$/]",
    message: `Do not set innerHTML/outerHTML: use textContent or React. The only HTML path is ${NARRATIVE_FILE}.`,
  },
  {
    selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]",
    message: `Do not parse HTML from strings. The only HTML path is ${NARRATIVE_FILE}.`,
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
    message: 'document.write is never needed.',
  },
];

const STORAGE = 'Clinical data never reaches browser storage (docs/standards.md, "Browser security"); keep it in memory (TanStack Query).';
const STORAGE_GLOBALS = ['localStorage', 'indexedDB', 'caches', 'openDatabase'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'public/mockServiceWorker.js', 'bench/results/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-syntax': ['error', ...RAW_HTML],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      // `_unused` marks a deliberately unused binding (a rest sibling dropped, a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Product code only: tests may look into storage to prove it is empty.
    files: ['src/**/*.{ts,tsx}', 'launch/**/*.ts', 'auth-callback/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}', 'src/testing/**'],
    rules: {
      'no-restricted-globals': ['error', ...STORAGE_GLOBALS.map((name) => ({ name, message: STORAGE }))],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].flatMap((object) => STORAGE_GLOBALS.map((property) => ({ object, property, message: STORAGE }))),
        { object: 'navigator', property: 'storage', message: STORAGE },
      ],
    },
  },
  ...layerConfigs({ productGlobals: STORAGE_GLOBALS.map((name) => ({ name, message: STORAGE })) }),
  {
    // Tests build malformed input on purpose (a configuration with a wrong type in it).
    files: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The XSS corpus is made of javascript: URLs and the like on purpose; it is data, never run.
    files: ['mocks/data/hostile/**'],
    rules: { 'no-script-url': 'off' },
  },
  {
    // The narrative component hands DOMPurify's output to React: the one exception.
    files: [NARRATIVE_FILE],
    rules: { 'no-restricted-syntax': ['error', ...RAW_HTML.slice(1)] },
  },
);
