import { MAX_RECORDED_REQUESTS, RequestRecorder } from './request.recorder';

const request = (n: number) => ({ method: 'GET', path: `/${n}`, headers: {}, body: '', receivedAt: n });

describe(RequestRecorder.name, () => {
  it('should keep only the most recent requests but count them all', async () => {
    const recorder = new RequestRecorder();
    for (let n = 0; n <= MAX_RECORDED_REQUESTS; n += 1) recorder.record(request(n));
    expect(recorder.requests).toHaveLength(MAX_RECORDED_REQUESTS);
    expect(recorder.requests[0].path).toBe('/1');
    await expect(recorder.waitFor(MAX_RECORDED_REQUESTS + 1, 10)).resolves.toBeUndefined();
  });

  it('should reject pending waits when told to', async () => {
    const recorder = new RequestRecorder();
    const waiting = recorder.waitFor(1, 10_000);
    recorder.rejectWaiters(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
  });
});
