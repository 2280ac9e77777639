import type { AppConfiguration } from '../../src/config/types';
import { createAppHandler } from '../../server/app-handler';
import { listenLocal, type RunningServer } from './http-util';

/**
 * The sandbox's app origin: the production app handler (server/app-handler.ts, the same
 * one `npm run serve` uses) on this machine only, with the sandbox's configuration.
 */
export async function startAppServer(opts: {
  port: number;
  distDir: string;
  config: AppConfiguration;
  headers: Record<string, string>;
}): Promise<RunningServer> {
  return listenLocal(opts.port, await createAppHandler(opts), 'app');
}
