// @ts-check
/**
 * The layering, held by lint rather than by discipline (README "Layering"):
 *
 *   domain <- fhir <- smart <- features <- app        (config and components beside)
 *
 * - domain is pure: no other layer, no React or query library, no fetch, no browser APIs
 *   beyond what JavaScript itself has;
 * - fhir (the transport) knows nothing of tokens (smart), features, the app or React;
 * - smart knows nothing of features, the app or React;
 * - config depends on domain alone; components (presentational) on domain alone;
 * - features never import each other: what two features share moves down a layer;
 * - launch/ and auth-callback/ use config and smart only;
 * - product code never imports mocks/ or msw (tests and src/testing may).
 *
 * ESLint's no-restricted-imports matches the import string, not the resolved file, so a
 * rule is made per folder depth: from `src/fhir/x.ts` the smart layer is `../smart`,
 * from `src/features/sources/api/x.ts` another feature is `../../<name>`. Each file gets
 * exactly one no-restricted-imports setting (flat config replaces, it does not merge).
 */
import { readdirSync } from 'node:fs';

const MOCKS = {
  regex: '^(\\.\\./)+mocks(/|$)',
  message: 'Product code never imports mocks/: the simulated world is for tests and the sandbox only.',
};
const TEST_ONLY_PACKAGES = [
  { group: ['msw', 'msw/*', 'vitest', '@testing-library/*'], message: 'Test libraries stay in tests and src/testing.' },
];
const UI = ['react', 'react-dom', 'react-dom/*', '@tanstack/*'];

/** @typedef {{ layers: string[], packages?: string[], why: string }} Rule */
/** @type {Record<string, Rule>} */
const RULES = {
  domain: {
    layers: ['fhir', 'smart', 'config', 'components', 'features', 'app', 'testing'],
    packages: [...UI, 'fhirclient', 'fhirclient/*', 'oidc-client-ts', 'dompurify'],
    why: 'domain is pure clinical logic: it imports no other layer, no UI and no network code',
  },
  fhir: {
    layers: ['smart', 'config', 'components', 'features', 'app', 'testing'],
    packages: [...UI, 'fhirclient', 'fhirclient/*', 'oidc-client-ts'],
    why: 'fhir (the transport) takes a base URL and getHeaders; it knows nothing of tokens, features or the UI',
  },
  smart: {
    layers: ['components', 'features', 'app', 'testing'],
    packages: UI,
    why: 'smart (the session boundary) knows nothing of features or the UI',
  },
  config: {
    layers: ['fhir', 'smart', 'components', 'features', 'app', 'testing'],
    packages: UI,
    why: 'config (the runtime configuration) depends on domain types alone',
  },
  components: {
    layers: ['fhir', 'smart', 'config', 'features', 'app', 'testing'],
    why: 'components are presentational: domain values in, UI out',
  },
  features: {
    layers: ['app', 'testing'],
    why: 'features are composed by the app, never the other way round',
  },
  app: {
    layers: ['testing'],
    why: 'test support stays in tests',
  },
};

const PRODUCT_IGNORES = ['**/*.test.{ts,tsx}'];
const MAX_DEPTH = 5;

/** `^(\.\./){n}` */
const up = (n) => `^(\\.\\./){${n}}`;

/** @param {string[]} names */
const either = (names) => `(${names.join('|')})(/|$)`;

/** Patterns refusing `layers` for a file `depth` folders below src/<layer>/. */
function layerPatterns(layers, depth, why) {
  return [
    { regex: `${up(depth + 1)}${either(layers)}`, message: `Layering: ${why}.` },
    { regex: `${up(depth + 2)}src/${either(layers)}`, message: `Layering: ${why}.` },
  ];
}

/** The folders of src/features, each one feature. */
function featureNames() {
  try {
    return readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** Another feature than `own`, seen from `depth` folders below src/features/<own>/. */
function otherFeaturePatterns(own, depth) {
  const message = `Features never import each other (${own} is importing another feature): move what they share down a layer (domain or components).`;
  return [
    { regex: `${up(depth + 1)}(?!${own}(/|$))[^./][^/]*`, message },
    { regex: `${up(depth + 2)}features/(?!${own}(/|$))[^./][^/]*`, message },
  ];
}

/** A files glob for `depth` folders below `root`. */
const filesAt = (root, depth) => [`${root}/${'*/'.repeat(depth)}*.{ts,tsx}`];

/**
 * @param {object} opts
 * @param {unknown[]} opts.productGlobals the no-restricted-globals entries every product file has
 */
export function layerConfigs({ productGlobals }) {
  /** @type {import('eslint').Linter.Config[]} */
  const configs = [];
  const rule = (patterns, paths = []) => ['error', { paths, patterns: [MOCKS, ...TEST_ONLY_PACKAGES, ...patterns] }];

  for (const [layer, { layers, packages = [], why }] of Object.entries(RULES)) {
    const packagePatterns = packages.length > 0 ? [{ group: packages, message: `Layering: ${why}.` }] : [];
    if (layer === 'features') {
      for (const own of featureNames()) {
        for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
          configs.push({
            files: filesAt(`src/features/${own}`, depth),
            ignores: PRODUCT_IGNORES,
            rules: { 'no-restricted-imports': rule([...layerPatterns(layers, depth + 1, why), ...otherFeaturePatterns(own, depth), ...packagePatterns]) },
          });
        }
      }
      continue;
    }
    for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
      configs.push({
        files: filesAt(`src/${layer}`, depth),
        ignores: PRODUCT_IGNORES,
        rules: { 'no-restricted-imports': rule([...layerPatterns(layers, depth, why), ...packagePatterns]) },
      });
    }
  }

  // The domain has no network and no clock of its own: time is passed in.
  const PURE = 'domain is pure: no network (fetch goes through src/fhir) and no clock of its own (pass `now` in).';
  configs.push({
    files: ['src/domain/**/*.{ts,tsx}'],
    ignores: [...PRODUCT_IGNORES, 'src/domain/testing/**'],
    rules: {
      'no-restricted-globals': ['error', ...productGlobals, ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({ name, message: PURE }))],
    },
  });

  // The launch and auth-callback pages: configuration and the SMART session only.
  for (const root of ['launch', 'auth-callback']) {
    configs.push({
      files: [`${root}/**/*.ts`],
      ignores: PRODUCT_IGNORES,
      rules: {
        'no-restricted-imports': rule(
          [{ regex: `^\\.\\./src/${either(['features', 'app', 'components', 'testing'])}`, message: `Layering: ${root}/ uses config and smart only, no React app code.` }],
          UI.filter((p) => !p.includes('*')).map((name) => ({ name, message: `Layering: ${root}/ runs without React.` })),
        ),
      },
    });
  }

  // The entry point composes the app; it may not reach mocks either.
  configs.push({ files: ['src/main.tsx'], rules: { 'no-restricted-imports': rule([]) } });

  return configs;
}
