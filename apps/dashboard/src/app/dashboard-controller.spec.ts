import { parseSnapshot, type Snapshot } from '../api/snapshot';
import type { HistoryInfo } from '../history/history-info';
import type { ConnectionView } from '../live/connection-state';
import { DashboardController, type DashboardUi } from './dashboard-controller';

const snap = (requests: number): Snapshot => parseSnapshot({ timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, requests)).toISOString(), totals: { requests } });

class RecordingUi implements DashboardUi {
  shown: (number | undefined)[] = [];
  history: HistoryInfo[] = [];
  connection: ConnectionView[] = [];
  charts: number[][] = [];
  received = 0;
  showSnapshot = (s: Snapshot | undefined) => void this.shown.push(s?.totals.requests);
  showCharts = (_: Snapshot | undefined, series: readonly Snapshot[]) => void this.charts.push(series.map((s) => s.totals.requests));
  showHistory = (info: HistoryInfo) => void this.history.push(info);
  showConnection = (view: ConnectionView) => void this.connection.push(view);
  showLastReceived = () => void this.received++;
  get lastShown() {
    return this.shown.at(-1);
  }
}

function setup(capacity = 300, count = 3) {
  const ui = new RecordingUi();
  const controller = new DashboardController(ui, capacity);
  for (let i = 1; i <= count; i++) controller.acceptSnapshot(snap(i));
  return { ui, controller };
}

describe(DashboardController.name, () => {
  describe('when live', () => {
    it('should show each snapshot as it arrives, with the chart series up to it', () => {
      const { ui } = setup();
      expect(ui.shown).toEqual([1, 2, 3]);
      expect(ui.charts.at(-1)).toEqual([1, 2, 3]);
      expect(ui.history.at(-1)?.label).toBe('Live');
    });
  });

  describe('when paused', () => {
    it('should keep recording but freeze the display until resumed', () => {
      const { ui, controller } = setup();
      controller.togglePause();
      controller.acceptSnapshot(snap(4));
      controller.acceptSnapshot(snap(5));
      expect(ui.lastShown).toBe(3);
      expect(ui.received).toBe(5);
      expect(ui.history.at(-1)).toMatchObject({ mode: 'paused', size: 5 });
      expect(ui.connection.at(-1)?.name).toBe('paused');
      controller.togglePause();
      expect(ui.lastShown).toBe(5);
      expect(ui.connection.at(-1)?.name).toBe('connecting');
    });

    it('should not redraw charts for snapshots that arrive while frozen', () => {
      const { ui, controller } = setup();
      controller.togglePause();
      const draws = ui.charts.length;
      controller.acceptSnapshot(snap(4));
      expect(ui.charts.length).toBe(draws);
    });
  });

  describe('history explorer', () => {
    it('should step back and keep showing the same snapshot while new ones arrive', () => {
      const { ui, controller } = setup();
      controller.stepBack();
      expect(ui.lastShown).toBe(2);
      expect(ui.history.at(-1)?.label).toMatch(/^Viewing history — \d\d:\d\d:\d\d$/);
      controller.acceptSnapshot(snap(4));
      expect(ui.lastShown).toBe(2);
      expect(ui.charts.at(-1)).toEqual([1, 2]);
    });

    it('should return to live when stepping forward past the newest, or on goLive', () => {
      const { ui, controller } = setup();
      controller.stepBack();
      controller.stepForward();
      expect(ui.history.at(-1)?.mode).toBe('live');
      controller.scrubTo(0);
      expect(ui.lastShown).toBe(1);
      controller.goLive();
      expect(ui.lastShown).toBe(3);
    });

    it('should clamp to the oldest kept snapshot once the viewed one is evicted', () => {
      const { ui, controller } = setup(3, 3);
      controller.scrubTo(0);
      controller.acceptSnapshot(snap(4));
      expect(ui.lastShown).toBe(2);
    });
  });
});
