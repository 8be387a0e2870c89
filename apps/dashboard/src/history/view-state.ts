/**
 * What the dashboard displays: the newest snapshot (live), a snapshot the operator scrubbed to
 * (history), or the snapshot that was newest when they paused. Pure functions over sequence numbers
 * (see SnapshotHistory); the newest position always means "live", so scrubbing to the right end or
 * stepping forward past it returns to live.
 */
import type { SeqRange } from './snapshot-history';

export interface ViewState {
  /** Sequence number being inspected in the history explorer; null when following the feed. */
  cursor: number | null;
  paused: boolean;
  /** While paused and not scrubbing: the sequence number frozen on screen. */
  frozen: number | null;
}

export const LIVE_VIEW: ViewState = { cursor: null, paused: false, frozen: null };

const clamp = (seq: number, range: SeqRange): number => Math.min(range.last, Math.max(range.first, seq));

/** The sequence number to display, or null while nothing has arrived. Evicted positions clamp to the oldest kept. */
export function displayedSeq(view: ViewState, range: SeqRange | null): number | null {
  if (!range) return null;
  if (view.cursor !== null) return clamp(view.cursor, range);
  if (view.paused && view.frozen !== null) return clamp(view.frozen, range);
  return range.last;
}

/** Moves to a sequence number; the newest one means live again (still frozen there when paused). */
export function goTo(view: ViewState, range: SeqRange | null, seq: number): ViewState {
  if (!range) return view;
  const target = clamp(Math.round(seq), range);
  if (target < range.last) return { ...view, cursor: target };
  return view.paused ? { cursor: null, paused: true, frozen: range.last } : LIVE_VIEW;
}

export function stepBack(view: ViewState, range: SeqRange | null): ViewState {
  const current = displayedSeq(view, range);
  return current === null ? view : goTo(view, range, current - 1);
}

export function stepForward(view: ViewState, range: SeqRange | null): ViewState {
  const current = displayedSeq(view, range);
  return current === null ? view : goTo(view, range, current + 1);
}

/** "Back to live": leaves the history explorer and resumes following the feed. */
export function goLive(): ViewState {
  return LIVE_VIEW;
}

/** Pausing freezes what is on screen now; resuming follows the feed again (the history cursor stays). */
export function togglePause(view: ViewState, range: SeqRange | null): ViewState {
  if (view.paused) return { ...view, paused: false, frozen: null };
  return { ...view, paused: true, frozen: range ? range.last : null };
}

export type ViewMode = 'live' | 'paused' | 'history';

export function viewMode(view: ViewState): ViewMode {
  if (view.cursor !== null) return 'history';
  return view.paused ? 'paused' : 'live';
}
