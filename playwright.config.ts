import { defineConfig } from '@playwright/test';
import { sandboxTopology } from './mocks/sandbox/topology';

/**
 * End-to-end tests in Debian's Chromium (/usr/bin/chromium; no browser download) against
 * the real sandbox. The sandbox runs on its own port base so that a developer's
 * `npm start` (default base) can keep running alongside.
 */
import { E2E_PORT_BASE } from './e2e/ports';
const topology = sandboxTopology(E2E_PORT_BASE);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1600, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // This machine has no network beyond loopback; keep Chromium from calling home.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'npx tsx mocks/sandbox/start.ts',
    env: { SANDBOX_PORT_BASE: String(E2E_PORT_BASE), ...(process.env.SANDBOX_DIST_DIR ? { SANDBOX_DIST_DIR: process.env.SANDBOX_DIST_DIR } : {}) },
    url: `${topology.homeOrigin}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
