/**
 * The Upstreams panel: one table row per upstream, plus the fleet summary and the queue depth above it.
 * Addresses, error kinds and messages come from the server and go in as text only.
 */
import type { Snapshot } from '../api/snapshot';
import { fleetSummary, upstreamRows, type UpstreamRow } from '../fleet/upstream-rows';
import { formatCount, MISSING } from '../format/format';
import { byId, make, setText, setValue } from './dom';

/** The cells of one row, kept so a new snapshot updates text in place instead of rebuilding the table. */
interface RowCells {
  row: HTMLTableRowElement;
  address: HTMLElement;
  badge: HTMLElement;
  icon: HTMLElement;
  label: HTMLElement;
  slots: HTMLTableCellElement;
  inFlight: HTMLTableCellElement;
  served: HTMLTableCellElement;
  busy: HTMLTableCellElement;
  error: HTMLTableCellElement;
  errorKind: HTMLElement;
  errorAgo: HTMLTimeElement;
  errorMessage: HTMLElement;
}

export class UpstreamsView {
  private readonly body = byId('upstream-rows', HTMLTableSectionElement);
  private readonly table = byId('upstreams-table', HTMLElement);
  private readonly empty = byId('upstreams-empty', HTMLElement);
  private readonly summary = byId('upstreams-summary', HTMLElement);
  private readonly depth = byId('upstreams-queue-depth', HTMLElement);
  private readonly inFlight = byId('upstreams-in-flight', HTMLElement);
  private cells = new Map<string, RowCells>();
  /** The row keys in order: the table is rebuilt only when they change, so hovering a tooltip or selecting text survives updates. */
  private order = '';

  render(snapshot: Snapshot | undefined): void {
    const rows = snapshot ? upstreamRows(snapshot.upstreams, snapshot.time) : [];
    setText(this.summary, snapshot ? fleetSummary(snapshot.upstreams) : MISSING);
    setValue(this.depth, snapshot ? formatCount(snapshot.queue.depth) : MISSING, snapshot?.queue.depth ?? null);
    setValue(this.inFlight, snapshot ? formatCount(snapshot.queue.inFlight) : MISSING, snapshot?.queue.inFlight ?? null);
    setText(this.empty, snapshot ? 'No upstream known: check KOBOLDCPP_API_URL and discovery.' : 'Waiting for data.');
    this.empty.hidden = rows.length > 0;
    this.table.hidden = rows.length === 0;

    const order = rows.map((row) => row.key).join('\n');
    if (order !== this.order) {
      this.order = order;
      this.cells = new Map(rows.map((row) => [row.key, this.cells.get(row.key) ?? rowCells()]));
      this.body.replaceChildren(...[...this.cells.values()].map((cells) => cells.row));
    }
    for (const row of rows) {
      const cells = this.cells.get(row.key);
      if (cells) fill(cells, row);
    }
  }
}

function rowCells(): RowCells {
  const row = withTestId(make('tr', 'upstream-row'), 'upstream-row');
  const address = make('code', 'upstream-address');
  const badge = withTestId(make('span', 'status-badge upstream-state'), 'upstream-state');
  const icon = make('span', 'status-icon');
  icon.setAttribute('aria-hidden', 'true');
  const label = make('span', 'status-text');
  badge.append(icon, label);
  const number = (testId: string): HTMLTableCellElement => withTestId(make('td', 'num'), testId);
  const [slots, inFlight, served, busy] = ['upstream-slots', 'upstream-in-flight', 'upstream-served', 'upstream-busy'].map(number);
  const error = withTestId(make('td', 'upstream-error'), 'upstream-last-error');
  const errorKind = make('code', 'upstream-error-kind');
  const errorAgo = make('time', '');
  // The tooltip is for the mouse; screen readers get the message as text.
  const errorMessage = make('span', 'visually-hidden');
  error.append(errorKind, ' ', errorAgo, errorMessage);
  const head = withTestId(make('th', ''), 'upstream-address');
  head.scope = 'row';
  head.append(address);
  const state = make('td', '');
  state.append(badge);
  row.append(head, state, slots, inFlight, served, busy, error);
  return { row, address, badge, icon, label, slots, inFlight, served, busy, error, errorKind, errorAgo, errorMessage };
}

function withTestId<T extends HTMLElement>(element: T, testId: string): T {
  element.dataset.testid = testId;
  return element;
}

function fill(cells: RowCells, row: UpstreamRow): void {
  setAttribute(cells.row, 'data-upstream', row.address);
  setAttribute(cells.row, 'data-state', row.state);
  setText(cells.address, row.address);
  setAttribute(cells.badge, 'data-status', row.badge.tone);
  setAttribute(cells.badge, 'title', row.badge.hint);
  setText(cells.icon, row.badge.icon);
  setText(cells.label, row.badge.label);
  setValue(cells.slots, row.slots, row.raw.slotsInUse);
  setAttribute(cells.slots, 'data-full', row.slotsFull ? 'true' : null);
  setValue(cells.inFlight, row.inFlight, row.raw.inFlight);
  setValue(cells.served, row.served, row.raw.served);
  setValue(cells.busy, row.busy, row.raw.busy);
  const error = row.lastError;
  setText(cells.errorKind, error ? error.kind : MISSING);
  setAttribute(cells.error, 'data-empty', error ? null : 'true');
  setText(cells.errorAgo, error?.ago ?? '');
  setAttribute(cells.errorAgo, 'datetime', error?.at || null);
  setText(cells.errorMessage, error ? `: ${error.title}` : '');
  setAttribute(cells.error, 'title', error?.title ?? null);
}

/** Writes an attribute only when it changed (null removes it), like setText. */
function setAttribute(element: Element, name: string, value: string | null): void {
  if (value === null) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
