/** A scriptable stand-in for EventSource, for specs of the live feed (no DOM needed). */
import type { OpenStream, StreamHandle, StreamHandlers } from '../live/stream-supervisor';

export class FakeStream implements StreamHandle {
  state: 'connecting' | 'open' | 'closed' = 'connecting';

  constructor(private readonly handlers: StreamHandlers) {}

  isOpen(): boolean {
    return this.state === 'open';
  }

  close(): void {
    this.state = 'closed';
  }

  /** The server accepted the connection. */
  accept(): void {
    this.state = 'open';
    this.handlers.onOpen();
  }

  send(data: string): void {
    this.handlers.onSnapshot(data);
  }

  /** `giveUp`: an HTTP error (EventSource closes for good); otherwise a drop it retries itself. */
  fail(giveUp: boolean): void {
    this.state = giveUp ? 'closed' : 'connecting';
    this.handlers.onError(giveUp);
  }
}

export class FakeStreams {
  readonly created: FakeStream[] = [];

  readonly open: OpenStream = (handlers) => {
    const stream = new FakeStream(handlers);
    this.created.push(stream);
    return stream;
  };

  get last(): FakeStream {
    const stream = this.created.at(-1);
    if (!stream) throw new Error('no stream was opened');
    return stream;
  }
}
