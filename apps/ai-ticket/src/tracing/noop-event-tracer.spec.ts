import { NoopEventTracer } from './noop-event-tracer';

describe(NoopEventTracer.name, () => {
  const sut = new NoopEventTracer();

  describe('startEvent', () => {
    it('should hand every event the same shared trace, so tracing off allocates nothing per event', () => {
      const trace = sut.startEvent();

      expect(sut.startEvent()).toBe(trace);
      expect(trace.step('auth')).toBe(trace.step('queue_wait'));
      expect(trace.attempt({ upstream: 'http://u', endpoint: 'chat', attempt: 1, retry: 0 })).toBe(trace.attempt({ upstream: 'http://v', endpoint: 'native', attempt: 2, retry: 1 }));
    });

    it('should give attempts no headers to send upstream', () => {
      expect(sut.startEvent().attempt({ upstream: 'http://u', endpoint: 'chat', attempt: 1, retry: 0 }).headers).toBeUndefined();
    });
  });
});
