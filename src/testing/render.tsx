import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';

/** A fresh client per test: no retries (a failure shows at once), no sharing of cache. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
}

/** Renders `ui` inside its own QueryClientProvider. */
export function renderWithQuery(ui: ReactElement, queryClient: QueryClient = createTestQueryClient()): RenderResult & { queryClient: QueryClient } {
  return { queryClient, ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>) };
}
