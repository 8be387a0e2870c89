import type { FinishedEvent } from './event-history.store';
import { RecentEventIds } from './recent-event-ids';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
let seq = 0;
const anEvent = (extra: Partial<FinishedEvent> = {}): FinishedEvent => ({ id: `event-${(seq += 1)}`, finishedAt: NOW, latencyMs: 5, outcome: 'success', stream: false, ...extra });

describe(RecentEventIds.name, () => {
  it('should know an added event and its prompt, or that it had none', () => {
    const sut = new RecentEventIds(3);
    const withPrompt = anEvent({ prompt: 'a haiku, please' });
    const without = anEvent();

    sut.add(withPrompt);
    sut.add(without);

    expect(sut.has(withPrompt.id)).toBe(true);
    expect(sut.storedPrompt(withPrompt.id)).toBe('a haiku, please');
    expect(sut.storedPrompt(without.id)).toBeNull();
    expect(sut.has('never-added')).toBe(false);
    expect(sut.storedPrompt('never-added')).toBeUndefined();
  });

  it('should forget the oldest event, prompt included, once full', () => {
    const sut = new RecentEventIds(3);
    const events = [anEvent({ prompt: 'first' }), anEvent(), anEvent(), anEvent({ prompt: 'fourth' })];

    events.forEach((event) => sut.add(event));

    expect(events.map((event) => sut.has(event.id))).toEqual([false, true, true, true]);
    expect(sut.storedPrompt(events[0].id)).toBeUndefined();
    expect(sut.storedPrompt(events[3].id)).toBe('fourth');
  });

  it('should forget the events finished before a time, count them, and still take new ones in order', () => {
    const sut = new RecentEventIds(4);
    const old = [anEvent({ finishedAt: NOW - 2_000, prompt: 'old' }), anEvent({ finishedAt: NOW - 1_000 })];
    const kept = anEvent({ finishedAt: NOW });
    [...old, kept].forEach((event) => sut.add(event));

    expect(sut.forgetBefore(NOW - 500)).toBe(2);
    expect(old.map((event) => sut.has(event.id))).toEqual([false, false]);
    expect(sut.storedPrompt(old[0].id)).toBeUndefined();
    expect(sut.has(kept.id)).toBe(true);

    const later = [anEvent(), anEvent(), anEvent()];
    later.forEach((event) => sut.add(event));
    expect(sut.has(kept.id)).toBe(true);
    expect(later.every((event) => sut.has(event.id))).toBe(true);
    expect(sut.forgetBefore(NOW - 500)).toBe(0);
  });
});
