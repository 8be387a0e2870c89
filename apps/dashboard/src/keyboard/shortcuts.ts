/**
 * Keyboard shortcuts, matched on `KeyboardEvent.key` (the character produced), not `code` (the physical
 * key): `?` is Shift+/ on a US layout but Shift+, or AltGr+ß elsewhere, and `[` needs AltGr on German
 * and French layouts. AltGr reports as Ctrl+Alt on Windows, so it is not treated as a modifier.
 */

export type ShortcutAction = 'help' | 'close' | 'refresh' | 'history-back' | 'history-forward' | 'live' | 'pause' | 'theme';

export interface Shortcut {
  /** The keys as shown in the help overlay. */
  keys: string[];
  action: ShortcutAction;
  description: string;
}

/** Shown in the help overlay, in this order. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['?'], action: 'help', description: 'Show this list of shortcuts' },
  { keys: ['r'], action: 'refresh', description: 'Refresh now' },
  { keys: ['['], action: 'history-back', description: 'Step back through history' },
  { keys: [']'], action: 'history-forward', description: 'Step forward through history' },
  { keys: ['l'], action: 'live', description: 'Back to live' },
  { keys: ['p'], action: 'pause', description: 'Pause or resume live updates' },
  { keys: ['t'], action: 'theme', description: 'Switch between dark and light theme' },
  { keys: ['Esc'], action: 'close', description: 'Close this overlay' },
];

const BY_KEY: Readonly<Record<string, ShortcutAction>> = {
  '?': 'help',
  r: 'refresh',
  '[': 'history-back',
  ']': 'history-forward',
  l: 'live',
  p: 'pause',
  t: 'theme',
  Escape: 'close',
};

/** The parts of a KeyboardEvent the mapping looks at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Not checked: Shift is how `?` is typed on most layouts. */
  shiftKey?: boolean;
  /** `event.getModifierState('AltGraph')`. */
  altGraph?: boolean;
  /** An IME composition is in progress: the key belongs to it. */
  isComposing?: boolean;
}

/** The element that had focus, as far as "is the user typing?" goes. */
export interface FocusTarget {
  tagName: string;
  /** The `type` attribute of an <input>. */
  type?: string;
  isContentEditable?: boolean;
}

/** Input types that are not typed into; shortcuts keep working on them (e.g. `[` on the history slider). */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

export function isTypingTarget(target: FocusTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}

export interface ShortcutContext {
  target: FocusTarget | null;
  /** While the help overlay is open only Escape (and `?`, to toggle it) act; the page behind is inert. */
  overlayOpen: boolean;
}

export function shortcutFor(press: KeyPress, context: ShortcutContext): ShortcutAction | null {
  if (press.isComposing) return null;
  const modified = press.metaKey || ((press.ctrlKey || press.altKey) && !press.altGraph);
  if (modified) return null;
  // Caps Lock gives "R"; letters are matched either way.
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const action = BY_KEY[key] ?? null;
  if (action === null) return null;
  if (context.overlayOpen) return action === 'close' || action === 'help' ? 'close' : null;
  if (action === 'close') return null;
  return isTypingTarget(context.target) ? null : action;
}
