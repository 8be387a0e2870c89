/**
 * Incremental parser for `text/event-stream` bodies: feed it chunks, get back the `data` of every
 * complete event. Lenient where real servers are sloppy: CRLF or LF line ends, a last event without
 * its blank line (some KoboldCPP builds end with `data: [DONE]` and no blank line), comments ignored.
 */
export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];

  push(chunk: string): string[] {
    this.buffer += chunk;
    const events: string[] = [];
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      this.consumeLine(line, events);
    }
    return events;
  }

  /** Call at end of stream: returns the data of an event left unterminated, if any. */
  end(): string[] {
    const events: string[] = [];
    if (this.buffer !== '') this.consumeLine(this.buffer.replace(/\r$/, ''), events);
    this.buffer = '';
    this.consumeLine('', events);
    return events;
  }

  private consumeLine(line: string, events: string[]): void {
    if (line === '') {
      if (this.dataLines.length > 0) events.push(this.dataLines.join('\n'));
      this.dataLines = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return; // `event:`, `id:` and `retry:` carry nothing we relay
    const value = colon < 0 ? '' : line.slice(colon + 1);
    this.dataLines.push(value.startsWith(' ') ? value.slice(1) : value);
  }
}
