import { describeHistory } from './history-info';
import { LIVE_VIEW } from './view-state';

const time = Date.UTC(2026, 10, 23, 0, 25, 0);

describe(describeHistory.name, () => {
  describe('before any snapshot', () => {
    it('should show live with nothing to scrub', () => {
      expect(describeHistory(LIVE_VIEW, null, null)).toMatchObject({ label: 'Live', size: 0, index: null, canStepBack: false, canStepForward: false });
    });
  });

  describe('when live', () => {
    it('should sit at the newest position with only stepping back possible', () => {
      expect(describeHistory(LIVE_VIEW, { first: 5, last: 9 }, time, 'UTC')).toEqual({
        mode: 'live',
        size: 5,
        index: 4,
        canStepBack: true,
        canStepForward: false,
        label: 'Live',
        positionText: '00:25:00, snapshot 5 of 5',
      });
    });
  });

  describe('when viewing history', () => {
    it('should mark the view with the snapshot time', () => {
      const info = describeHistory({ ...LIVE_VIEW, cursor: 5 }, { first: 5, last: 9 }, time, 'UTC');
      expect(info).toMatchObject({ mode: 'history', index: 0, canStepBack: false, canStepForward: true, label: 'Viewing history — 00:25:00' });
    });
  });

  describe('when paused', () => {
    it('should show the frozen time and allow stepping towards newer snapshots', () => {
      const info = describeHistory({ cursor: null, paused: true, frozen: 7 }, { first: 5, last: 9 }, time, 'UTC');
      expect(info).toMatchObject({ mode: 'paused', index: 2, canStepForward: true, label: 'Paused — 00:25:00' });
    });
  });
});
