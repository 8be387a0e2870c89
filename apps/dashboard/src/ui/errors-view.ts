/** The recent-errors list. Messages come from the server and are inserted as text only. */
import type { RecentError } from '../api/snapshot';
import { formatIsoClock } from '../format/format';
import { byId, make } from './dom';

/** The server already limits the list; this only guards the page against a runaway payload. */
const MAX_SHOWN = 50;

export class ErrorsView {
  private readonly list = byId('recent-errors', HTMLOListElement);
  private readonly empty = byId('recent-errors-empty', HTMLElement);
  /** Rebuild only when the errors change, so a screen reader or a text selection is not disturbed every second. */
  private key = '';

  render(errors: readonly RecentError[] | undefined): void {
    const shown = (errors ?? []).slice(0, MAX_SHOWN);
    const key = shown.map((e) => `${e.id}|${e.timestamp}|${e.code}`).join('\n');
    if (key === this.key && this.list.childElementCount === shown.length) return;
    this.key = key;
    this.list.replaceChildren(...shown.map(errorItem));
    this.empty.hidden = shown.length > 0;
  }
}

function errorItem(error: RecentError): HTMLLIElement {
  const item = make('li', 'error-item');
  if (error.id) item.dataset.errorId = error.id;
  const head = make('div', 'error-head');
  head.append(make('code', 'error-code', error.code));
  const time = make('time', 'error-time', formatIsoClock(error.timestamp));
  time.dateTime = error.timestamp;
  head.append(time);
  item.append(head, make('p', 'error-message', error.message || 'No message'));
  return item;
}
