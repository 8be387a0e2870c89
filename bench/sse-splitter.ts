/**
 * Splits an SSE byte stream into the payloads of its `data:` events. Events may arrive split
 * across chunks or several to a chunk, so text is buffered up to each blank line.
 */
export class SseSplitter {
  private buffer = '';

  push(chunk: string): string[] {
    this.buffer += chunk.replace(/\r\n/g, '\n');
    const events: string[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
      if (data.length > 0) events.push(data.join('\n'));
    }
    return events;
  }
}
