import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { RateLimitHealth } from './rate-limit-health.service';

function configWith(failMode: 'open' | 'closed'): ConfigService<AppConfig, true> {
  return { get: (key: string) => (key === 'rateLimit.failMode' ? failMode : undefined) } as unknown as ConfigService<AppConfig, true>;
}

describe(RateLimitHealth.name, () => {
  let sut: RateLimitHealth;
  let error: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    sut = new RateLimitHealth(configWith('open'));
  });

  afterEach(() => jest.restoreAllMocks());

  describe('healthy', () => {
    it('should start healthy with no failures', () => {
      expect(sut.healthy).toBe(true);
      expect(sut.failures).toBe(0);
    });
  });

  describe('failed', () => {
    it('should turn unhealthy and log one error with the reason', () => {
      sut.failed(new Error('ECONNREFUSED 127.0.0.1:6379'));

      expect(sut.healthy).toBe(false);
      expect(error).toHaveBeenCalledTimes(1);
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'ECONNREFUSED 127.0.0.1:6379' }));
    });

    it('should count every failure but log only once per incident', () => {
      sut.failed(new Error('first'));
      sut.failed(new Error('second'));
      sut.failed('third');

      expect(sut.failures).toBe(3);
      expect(error).toHaveBeenCalledTimes(1);
    });

    it('should accept a non-Error reason', () => {
      sut.failed('socket closed');

      expect(error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'socket closed' }));
    });

    it('should say requests are admitted when failing open', () => {
      sut.failed(new Error('down'));

      expect(error.mock.calls[0][0].msg).toMatch(/admitted without limit.*RATE_LIMIT_FAIL_MODE=open/);
    });

    it('should say requests are refused when failing closed', () => {
      sut = new RateLimitHealth(configWith('closed'));

      sut.failed(new Error('down'));

      expect(error.mock.calls[0][0].msg).toMatch(/refused.*RATE_LIMIT_FAIL_MODE=closed/);
    });
  });

  describe('succeeded', () => {
    it('should log nothing while already healthy', () => {
      sut.succeeded();
      sut.succeeded();

      expect(log).not.toHaveBeenCalled();
      expect(sut.healthy).toBe(true);
    });

    it('should turn healthy again and log the recovery once', () => {
      sut.failed(new Error('down'));
      sut.failed(new Error('still down'));

      sut.succeeded();
      sut.succeeded();

      expect(sut.healthy).toBe(true);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log).toHaveBeenCalledWith(expect.objectContaining({ msg: 'Rate-limit store has recovered', failures: 2 }));
    });

    it('should log a new incident after a recovery and keep counting failures', () => {
      sut.failed(new Error('down'));
      sut.succeeded();

      sut.failed(new Error('down again'));

      expect(sut.healthy).toBe(false);
      expect(sut.failures).toBe(2);
      expect(error).toHaveBeenCalledTimes(2);
    });
  });
});
