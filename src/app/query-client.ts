import { QueryClient } from '@tanstack/react-query';
import { SessionRequestError } from '../smart';

/** A 4xx other than timeout / rate limit will not change on retry. */
function isPermanent(error: unknown): boolean {
  const status = error instanceof SessionRequestError ? error.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * The app's query client. In memory only: no persister, because clinical data never goes
 * to browser storage (docs/standards.md, "Browser security"). Two retries with backoff for
 * transient failures; no refetch on focus, since an app in an EHR iframe gains and loses
 * focus all day.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 2 && !isPermanent(error),
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
        staleTime: 5 * 60_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}
