/** Adapts the browser's EventSource to the StreamHandle the supervisor works with. */
import type { OpenStream } from '../live/stream-supervisor';

/** Opens the snapshot stream at `url`; EventSource sends the same-origin session cookie by itself. */
export function eventSourceOpener(url: () => string): OpenStream {
  return (handlers) => {
    const source = new window.EventSource(url());
    source.onopen = () => handlers.onOpen();
    source.onerror = () => handlers.onError(source.readyState === window.EventSource.CLOSED);
    source.addEventListener('snapshot', (event) => handlers.onSnapshot(String((event as MessageEvent<unknown>).data)));
    return {
      close: () => source.close(),
      isOpen: () => source.readyState === window.EventSource.OPEN,
    };
  };
}
