/**
 * The Top clients panel: the window picker, a notice for loading / empty / error, and the two ranking
 * tables. Client names come from the server and go in as text only.
 */
import type { RequestRow, TokenRow } from '../usage/top-clients';
import type { UsagePanel } from '../usage/usage-panel';
import { parseUsageWindow, type UsageWindow } from '../usage/usage-window';
import { byId, make, setText, setValue } from './dom';

export class UsageView {
  private readonly section = byId('usage', HTMLElement);
  private readonly picker = byId('usage-window', HTMLSelectElement);
  private readonly range = byId('usage-range', HTMLElement);
  private readonly summary = byId('usage-summary', HTMLElement);
  private readonly message = byId('usage-message', HTMLElement);
  private readonly tables = byId('usage-tables', HTMLElement);
  private readonly tokenRows = byId('usage-token-rows', HTMLTableSectionElement);
  private readonly requestRows = byId('usage-request-rows', HTMLTableSectionElement);
  private readonly more = byId('usage-more', HTMLElement);
  /** The tables are rebuilt only when their content changes, so a minute's identical answer disturbs no reader. */
  private key = '';

  bind(initial: UsageWindow, onWindow: (window: UsageWindow) => void): void {
    this.picker.value = initial;
    this.picker.addEventListener('change', () => onWindow(parseUsageWindow(this.picker.value)));
  }

  render(panel: UsagePanel): void {
    this.section.dataset.status = panel.status;
    this.section.setAttribute('aria-busy', String(panel.status === 'loading'));
    setText(this.range, panel.range);
    setText(this.summary, panel.summary);
    this.summary.hidden = panel.summary === '';
    setText(this.message, panel.message);
    this.message.hidden = panel.message === '';
    const top = panel.top;
    this.tables.hidden = top === null;
    this.more.hidden = !top || top.more === 0;
    setText(this.more, top && top.more > 0 ? `${top.more} more ${top.more === 1 ? 'client' : 'clients'} not listed, counted in the totals above.` : '');

    const key = JSON.stringify(top ? [top.byTokens, top.byRequests] : null);
    if (key === this.key) return;
    this.key = key;
    this.tokenRows.replaceChildren(...(top?.byTokens ?? []).map(tokenRow));
    this.requestRows.replaceChildren(...(top?.byRequests ?? []).map(requestRow));
  }
}

function tokenRow(row: TokenRow): HTMLTableRowElement {
  const tr = rowStart('usage-token-row', row);
  const bar = make('span', 'usage-bar');
  bar.append(segment('usage-bar-prompt', row.bar.prompt), segment('usage-bar-completion', row.bar.completion));
  tr.append(
    numberCell('usage-prompt', row.prompt, row.raw.promptTokens),
    numberCell('usage-completion', row.completion, row.raw.completionTokens),
    numberCell('usage-total', row.total, row.raw.totalTokens),
    barCell(bar),
    estimatedCell(row),
  );
  return tr;
}

function requestRow(row: RequestRow): HTMLTableRowElement {
  const tr = rowStart('usage-request-row', row);
  const bar = make('span', 'usage-bar');
  bar.append(segment('usage-bar-requests', row.bar));
  tr.append(numberCell('usage-requests', row.requests, row.raw.requests), numberCell('usage-share', row.share, null), barCell(bar), estimatedCell(row));
  return tr;
}

/** The rank and the client name, which heads the row for screen readers. */
function rowStart(testId: string, row: TokenRow | RequestRow): HTMLTableRowElement {
  const tr = make('tr', 'usage-row');
  tr.dataset.testid = testId;
  tr.dataset.client = row.key;
  const rank = make('td', 'num usage-rank', String(row.rank));
  const name = make('th', 'usage-client');
  name.scope = 'row';
  name.dataset.testid = 'usage-client';
  name.append(make('code', '', row.client));
  tr.append(rank, name);
  return tr;
}

function numberCell(testId: string, text: string, raw: number | null): HTMLTableCellElement {
  const cell = make('td', 'num');
  cell.dataset.testid = testId;
  setValue(cell, text, raw);
  return cell;
}

function estimatedCell(row: TokenRow | RequestRow): HTMLTableCellElement {
  const cell = numberCell('usage-estimated', row.estimated, row.raw.estimatedRequests);
  if (row.raw.estimatedRequests > 0) cell.dataset.some = 'true';
  return cell;
}

/** Decoration only: the numbers beside it carry the same information. */
function barCell(bar: HTMLElement): HTMLTableCellElement {
  const cell = make('td', 'usage-bar-cell');
  bar.setAttribute('aria-hidden', 'true');
  cell.append(bar);
  return cell;
}

/** Widths through the CSSOM, which the page's CSP allows (it never parses a style attribute from markup). */
function segment(className: string, percent: number): HTMLElement {
  const part = make('span', className);
  part.style.width = `${percent.toFixed(2)}%`;
  return part;
}
