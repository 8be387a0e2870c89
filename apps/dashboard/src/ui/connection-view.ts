/** The header's connection indicator (a polite live region) and the footer's "last update" time. */
import type { Snapshot } from '../api/snapshot';
import { formatClock } from '../format/format';
import type { ConnectionView as Connection } from '../live/connection-state';
import { byId, setText } from './dom';

export class ConnectionView {
  private readonly state = byId('connection-state', HTMLElement);
  private readonly pill = this.state.parentElement as HTMLElement;
  private readonly lastReceived = byId('last-received', HTMLElement);
  private readonly pauseButton = byId('btn-pause', HTMLButtonElement);

  render(connection: Connection, paused: boolean): void {
    // setText skips unchanged text, so the live region only speaks when the state really changes.
    setText(this.state, connection.label);
    this.state.dataset.state = connection.name;
    this.pill.dataset.tone = connection.tone;
    this.pauseButton.setAttribute('aria-pressed', String(paused));
    setText(this.pauseButton, paused ? 'Resume' : 'Pause');
  }

  received(snapshot: Snapshot): void {
    setText(this.lastReceived, formatClock(Date.now()));
    this.lastReceived.setAttribute('datetime', new Date().toISOString());
    this.lastReceived.title = `Snapshot time ${snapshot.timestamp}`;
  }
}
