import { Poller } from './poller';

describe(Poller.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should run at once and then every interval after the previous run settles', async () => {
    const task = jest.fn(async () => undefined);
    const poller = new Poller(task, 4_000);
    poller.start();
    expect(task).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(3_999);
    expect(task).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('should not start a second loop when started twice', async () => {
    const task = jest.fn(async () => undefined);
    const poller = new Poller(task, 1_000);
    poller.start();
    poller.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(task).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('should not schedule again when a run settles after stop', async () => {
    let settle: () => void = () => undefined;
    const task = jest.fn(() => new Promise<void>((resolve) => (settle = resolve)));
    const poller = new Poller(task, 1_000);
    poller.start();
    poller.stop();
    settle();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(task).toHaveBeenCalledTimes(1);
    expect(poller.running).toBe(false);
  });

  it('should keep polling when a run throws', async () => {
    const task = jest.fn(async () => {
      throw new Error('offline');
    });
    const poller = new Poller(task, 1_000);
    poller.start();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(task).toHaveBeenCalledTimes(3);
    poller.stop();
  });
});
