import { displayedSeq, goLive, goTo, LIVE_VIEW, stepBack, stepForward, togglePause, viewMode, type ViewState } from './view-state';

const range = { first: 10, last: 20 };

describe(displayedSeq.name, () => {
  it('should show nothing before the first snapshot', () => {
    expect(displayedSeq(LIVE_VIEW, null)).toBeNull();
  });

  it('should follow the newest snapshot when live', () => {
    expect(displayedSeq(LIVE_VIEW, range)).toBe(20);
  });

  it('should stay on the frozen snapshot while paused', () => {
    expect(displayedSeq({ cursor: null, paused: true, frozen: 15 }, range)).toBe(15);
  });

  it('should clamp a cursor whose snapshot was evicted to the oldest kept', () => {
    expect(displayedSeq({ ...LIVE_VIEW, cursor: 3 }, range)).toBe(10);
  });
});

describe(stepBack.name, () => {
  it('should move from live to the snapshot before the newest', () => {
    expect(stepBack(LIVE_VIEW, range)).toEqual({ ...LIVE_VIEW, cursor: 19 });
  });

  it('should stop at the oldest snapshot', () => {
    expect(stepBack({ ...LIVE_VIEW, cursor: 10 }, range).cursor).toBe(10);
  });

  it('should leave the view alone with no history', () => {
    expect(stepBack(LIVE_VIEW, null)).toBe(LIVE_VIEW);
  });
});

describe(stepForward.name, () => {
  it('should move one snapshot newer', () => {
    expect(stepForward({ ...LIVE_VIEW, cursor: 12 }, range).cursor).toBe(13);
  });

  it('should return to live when stepping past the newest', () => {
    expect(stepForward({ ...LIVE_VIEW, cursor: 19 }, range)).toEqual(LIVE_VIEW);
  });

  it('should stay paused (frozen at the newest) when stepping past the newest while paused', () => {
    expect(stepForward({ cursor: 19, paused: true, frozen: 12 }, range)).toEqual({ cursor: null, paused: true, frozen: 20 });
  });
});

describe(goTo.name, () => {
  it('should clamp and round a slider value', () => {
    expect(goTo(LIVE_VIEW, range, 4.2).cursor).toBe(10);
    expect(goTo(LIVE_VIEW, range, 14.6).cursor).toBe(15);
  });
});

describe(togglePause.name, () => {
  it('should freeze the newest snapshot when pausing', () => {
    const paused = togglePause(LIVE_VIEW, range);
    expect(paused).toEqual({ cursor: null, paused: true, frozen: 20 });
    expect(displayedSeq(paused, { first: 11, last: 25 })).toBe(20);
  });

  it('should follow the feed again when resuming', () => {
    const resumed = togglePause({ cursor: null, paused: true, frozen: 20 }, range);
    expect(displayedSeq(resumed, { first: 11, last: 25 })).toBe(25);
  });
});

describe(goLive.name, () => {
  it('should leave history and pause behind', () => {
    expect(goLive()).toEqual(LIVE_VIEW);
  });
});

describe(viewMode.name, () => {
  it('should name the three modes, history first', () => {
    const views: ViewState[] = [LIVE_VIEW, { cursor: null, paused: true, frozen: 1 }, { cursor: 3, paused: true, frozen: 1 }];
    expect(views.map(viewMode)).toEqual(['live', 'paused', 'history']);
  });
});
