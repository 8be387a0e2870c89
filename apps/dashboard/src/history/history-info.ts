/** What the history explorer controls show for a view state: slider position, button states, label. */
import { formatClock } from '../format/format';
import type { SeqRange } from './snapshot-history';
import { displayedSeq, viewMode, type ViewMode, type ViewState } from './view-state';

export interface HistoryInfo {
  mode: ViewMode;
  /** Snapshots kept. */
  size: number;
  /** 0-based position of the displayed snapshot among those kept (the slider value); null while empty. */
  index: number | null;
  canStepBack: boolean;
  canStepForward: boolean;
  /** "Live", "Paused — 00:25:00" or "Viewing history — 00:25:00". */
  label: string;
  /** For the slider's aria-valuetext: "00:25:00, snapshot 12 of 300". */
  positionText: string;
}

export function describeHistory(view: ViewState, range: SeqRange | null, displayedTime: number | null, timeZone?: string): HistoryInfo {
  const mode = viewMode(view);
  const seq = displayedSeq(view, range);
  if (!range || seq === null) {
    return { mode, size: 0, index: null, canStepBack: false, canStepForward: false, label: mode === 'paused' ? 'Paused' : 'Live', positionText: 'No snapshots yet' };
  }
  const size = range.last - range.first + 1;
  const index = seq - range.first;
  const clock = displayedTime === null ? '' : formatClock(displayedTime, timeZone);
  const labels: Record<ViewMode, string> = { live: 'Live', paused: `Paused — ${clock}`, history: `Viewing history — ${clock}` };
  return {
    mode,
    size,
    index,
    canStepBack: seq > range.first,
    // Stepping forward from history always works: past the newest it returns to live.
    canStepForward: mode === 'history' || (mode === 'paused' && seq < range.last),
    label: labels[mode],
    positionText: `${clock}, snapshot ${index + 1} of ${size}`,
  };
}
