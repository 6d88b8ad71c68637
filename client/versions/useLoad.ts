/** Loads one thing for a dialog (a version, a comparison) and forgets answers that arrive too late. */
import { useEffect, useState } from 'react';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; value: T };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then((value) => live && setState({ status: 'ready', value }), (error: unknown) => live && setState({ status: 'error', error }));
    return () => {
      live = false;
    };
  }, deps);
  return state;
}
