import type { CliFailure } from '../cli-failure.exception';
import { paletteFor, type Palette } from './colour.util';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliStreams {
  stdout: OutputStream;
  stderr: OutputStream;
}

/**
 * Where commands print: results on stdout, diagnostics on stderr, each with its own palette (a
 * terminal on one and a pipe on the other get colour only where it is seen).
 */
export class CliOutput {
  readonly out: Palette;
  readonly err: Palette;

  constructor(
    private readonly streams: CliStreams,
    noColor: boolean,
  ) {
    this.out = paletteFor(streams.stdout, noColor);
    this.err = paletteFor(streams.stderr, noColor);
  }

  /** Raw text on stdout, as it comes (streamed tokens). */
  write(text: string): void {
    this.streams.stdout.write(text);
  }

  line(text = ''): void {
    this.streams.stdout.write(`${text}\n`);
  }

  /** One JSON document per line, for `--json`. */
  json(value: unknown): void {
    this.streams.stdout.write(`${JSON.stringify(value)}\n`);
  }

  note(text: string): void {
    this.streams.stderr.write(`${text}\n`);
  }

  /** A failure: human text on stderr, or its JSON document on stdout for scripts. */
  failure(failure: CliFailure, json: boolean): void {
    if (json) return this.json({ error: failure.code, message: failure.message, ...failure.details });
    const extra = Object.entries(failure.details)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    const suffix = extra.length > 0 ? ` (${extra.join(', ')})` : '';
    this.note(`${this.err.red('error')}: ${failure.code}: ${failure.message}${suffix}`);
  }
}
