/**
 * MSW handlers for every regional FHIR endpoint, over the same synthetic world and the
 * same request handler as the running sandbox, so a unit test sees what the app would
 * see from the real endpoints. Happy paths only and no token checks: a test that needs
 * a failure overrides with server.use(...). Node only (medplum reads its definitions
 * from disk).
 */
import { http, type HttpHandler } from 'msw';
import { generateWorld, type SyntheticWorld } from '../data/world';
import { createFhirEngine } from '../sandbox/fhir/engine';
import { createFhirHandler } from '../sandbox/fhir/handler';
import type { SandboxTopology } from '../sandbox/topology';

export async function fhirHandlers(topology: SandboxTopology, world: SyntheticWorld = generateWorld()): Promise<HttpHandler[]> {
  const perEndpoint = await Promise.all(
    topology.endpoints.map(async (endpoint) => {
      const engine = await createFhirEngine(world.byEndpoint[endpoint.id] ?? []);
      const handle = createFhirHandler({ endpoint, topology, engine });
      const resolver = ({ request }: { request: Request }) => handle(request);
      // `${base}/*` does not match the base itself, where batches are POSTed.
      return [http.all(`${endpoint.baseUrl}/*`, resolver), http.all(endpoint.baseUrl, resolver)];
    }),
  );
  return perEndpoint.flat();
}
