/** The history explorer bar: position label, slider and step / live buttons. */
import type { HistoryInfo } from '../history/history-info';
import { byId, setText } from './dom';

export interface HistoryActions {
  stepBack(): void;
  stepForward(): void;
  goLive(): void;
  scrubTo(index: number): void;
}

export class HistoryView {
  private readonly bar = byId('history-position', HTMLElement).closest('section') as HTMLElement;
  private readonly position = byId('history-position', HTMLElement);
  private readonly slider = byId('history-slider', HTMLInputElement);
  private readonly back = byId('btn-history-back', HTMLButtonElement);
  private readonly forward = byId('btn-history-forward', HTMLButtonElement);
  private readonly live = byId('btn-live', HTMLButtonElement);

  bind(actions: HistoryActions): void {
    this.back.addEventListener('click', () => actions.stepBack());
    this.forward.addEventListener('click', () => actions.stepForward());
    this.live.addEventListener('click', () => actions.goLive());
    // `input` fires while dragging, so the page follows the thumb.
    this.slider.addEventListener('input', () => actions.scrubTo(this.slider.valueAsNumber));
  }

  render(info: HistoryInfo): void {
    setText(this.position, info.label);
    this.position.dataset.mode = info.mode;
    this.bar.dataset.mode = info.mode;
    const max = String(Math.max(0, info.size - 1));
    if (this.slider.max !== max) this.slider.max = max;
    // Do not fight the thumb while the operator drags it.
    const value = String(info.index ?? 0);
    if (this.slider.value !== value) this.slider.value = value;
    this.slider.disabled = info.size < 2;
    this.slider.setAttribute('aria-valuetext', info.positionText);
    this.keepFocus(this.back, info.canStepBack);
    this.keepFocus(this.forward, info.canStepForward);
    this.keepFocus(this.live, info.mode !== 'live');
  }

  /** Disabling the focused button would drop focus to <body>; move it to the slider instead. */
  private keepFocus(button: HTMLButtonElement, enabled: boolean): void {
    if (!enabled && window.document.activeElement === button) this.slider.focus();
    button.disabled = !enabled;
  }
}
