import { useEffect, useState } from 'react';
import { ApiRequestError } from './api.js';

export type Loadable<T> =
  | { status: 'loading'; data?: T | undefined }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ApiRequestError; data?: T | undefined };

/**
 * Loads with `load` whenever `key` changes; the previous data stays while loading (no flash of an
 * empty page), and an answer that arrives after a newer request started is dropped.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const e =
          error instanceof ApiRequestError
            ? error
            : new ApiRequestError(0, 'client_error', "Une erreur inattendue s'est produite.");
        setState((s) => ({ status: 'error', error: e, data: s.data }));
      },
    );
    return () => controller.abort();
    // `load` is recreated on each render; `key` says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
