/** The few SGR colours the CLI uses; each wraps text and resets at its end. */
export interface Palette {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOURED: Palette = { green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
const identity = (text: string) => text;
const PLAIN: Palette = { green: identity, red: identity, yellow: identity, bold: identity, dim: identity };

/** Colour only for a terminal, and never when the user asked for none (`NO_COLOR`). */
export function paletteFor(stream: { isTTY?: boolean }, noColor: boolean): Palette {
  return stream.isTTY === true && !noColor ? COLOURED : PLAIN;
}
