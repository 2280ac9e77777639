import { setupServer } from 'msw/node';

/**
 * The one MSW server for browser-code tests. It starts with no handlers: each test adds
 * what it needs with `server.use(...)` (or the shared happy-path handlers from
 * mocks/handlers once a test wants the whole synthetic world). Unhandled requests are
 * errors (see setup.ts), so a test never talks to a real network by accident.
 */
export const server = setupServer();
