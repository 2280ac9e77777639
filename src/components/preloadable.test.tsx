import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { preloadable } from './preloadable';

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

const inSuspense = (node: React.ReactNode) => <Suspense fallback={<p>Loading the view…</p>}>{node}</Suspense>;

describe('preloadable', () => {
  it('once preloaded, draws the component in the first commit: no fallback is ever shown', async () => {
    const view = preloadable(() => Promise.resolve(Greeting));
    await view.preload();
    render(inSuspense(<view.Component name="Margaret" />));
    // Synchronously after render: React.lazy would still show its fallback here.
    expect(screen.getByText('Hello Margaret')).toBeInTheDocument();
    expect(screen.queryByText('Loading the view…')).not.toBeInTheDocument();
  });

  it('not yet loaded: shows the Suspense fallback, then the component when its module arrives', async () => {
    let arrive!: (c: typeof Greeting) => void;
    const view = preloadable(() => new Promise<typeof Greeting>((resolve) => (arrive = resolve)));
    render(inSuspense(<view.Component name="Dorothy" />));
    expect(screen.getByText('Loading the view…')).toBeInTheDocument();
    arrive(Greeting);
    expect(await screen.findByText('Hello Dorothy')).toBeInTheDocument();
  });

  it('loads the module once however often it is preloaded', async () => {
    const load = vi.fn(() => Promise.resolve(Greeting));
    const view = preloadable(load);
    await Promise.all([view.preload(), view.preload()]);
    await view.preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a module that failed to load is asked for again on the next preload', async () => {
    const load = vi.fn<() => Promise<typeof Greeting>>().mockRejectedValueOnce(new Error('chunk failed')).mockResolvedValueOnce(Greeting);
    const view = preloadable(load);
    await expect(view.preload()).rejects.toThrow('chunk failed');
    await view.preload();
    expect(load).toHaveBeenCalledTimes(2);
    render(inSuspense(<view.Component name="Eleanor" />));
    expect(screen.getByText('Hello Eleanor')).toBeInTheDocument();
  });
});
