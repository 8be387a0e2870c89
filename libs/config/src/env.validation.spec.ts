// Implicit conversion reads the emitted design types; main.ts loads this polyfill the same way.
import 'reflect-metadata';
import { EnvironmentValidationError, validateEnvironment } from './env.validation';

/** Runs the validator and returns its error, failing the test if it accepted the environment. */
function rejectionOf(raw: Record<string, string | undefined>): EnvironmentValidationError {
  try {
    validateEnvironment(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentValidationError);
    return error as EnvironmentValidationError;
  }
  throw new Error('expected the environment to be rejected');
}

describe(validateEnvironment.name, () => {
  describe('defaults', () => {
    it('should apply every default to an empty environment', () => {
      expect({ ...validateEnvironment({}) }).toEqual(
        expect.objectContaining({
          NODE_ENV: 'production',
          HOST: '0.0.0.0',
          PORT: 5000,
          LOG_LEVEL: 'info',
          BODY_LIMIT_BYTES: 1024 * 1024,
          SHUTDOWN_GRACE_MS: 25_000,
          KOBOLDCPP_API_URL: 'http://localhost:5001',
          UPSTREAM_TIMEOUT_MS: 120_000,
          UPSTREAM_MAX_RETRIES: 2,
          UPSTREAM_RETRY_BASE_MS: 250,
          UPSTREAM_RETRY_MAX_MS: 5_000,
          UPSTREAM_CONCURRENCY: 1,
          UPSTREAM_QUEUE_SIZE: 100,
          UPSTREAM_QUEUE_TIMEOUT_MS: 30_000,
          UPSTREAM_CIRCUIT_THRESHOLD: 5,
          UPSTREAM_CIRCUIT_COOLDOWN_MS: 30_000,
          USAGE_TOKENCOUNT: 'auto',
        }),
      );
    });

    it('should leave the optional API key and model unset', () => {
      const env = validateEnvironment({});

      expect(env.UPSTREAM_API_KEY).toBeUndefined();
      expect(env.UPSTREAM_MODEL).toBeUndefined();
    });

    it.each(['', '   '])('should treat %j as unset', (value) => {
      const env = validateEnvironment({ PORT: value, KOBOLDCPP_API_URL: value, UPSTREAM_API_KEY: value });

      expect(env.PORT).toBe(5000);
      expect(env.KOBOLDCPP_API_URL).toBe('http://localhost:5001');
      expect(env.UPSTREAM_API_KEY).toBeUndefined();
    });

    it('should ignore variables it does not know', () => {
      expect(() => validateEnvironment({ PATH: '/usr/bin', SOMETHING_ELSE: 'x' })).not.toThrow();
    });
  });

  describe('conversion', () => {
    it('should convert numeric strings to numbers', () => {
      const env = validateEnvironment({ PORT: '8080', UPSTREAM_TIMEOUT_MS: ' 2500 ', UPSTREAM_QUEUE_SIZE: '0' });

      expect(env.PORT).toBe(8080);
      expect(env.UPSTREAM_TIMEOUT_MS).toBe(2500);
      expect(env.UPSTREAM_QUEUE_SIZE).toBe(0);
    });

    it('should keep string settings as given, trimmed', () => {
      const env = validateEnvironment({ UPSTREAM_API_KEY: ' sk-abc ', UPSTREAM_MODEL: 'llama-3', LOG_LEVEL: 'debug', NODE_ENV: 'test' });

      expect(env).toMatchObject({ UPSTREAM_API_KEY: 'sk-abc', UPSTREAM_MODEL: 'llama-3', LOG_LEVEL: 'debug', NODE_ENV: 'test' });
    });
  });

  describe('errors', () => {
    it('should list every bad key by name in one error', () => {
      const error = rejectionOf({ PORT: 'abc', UPSTREAM_TIMEOUT_MS: '-5', KOBOLDCPP_API_URL: 'notaurl' });

      expect([...error.invalidKeys].sort()).toEqual(['KOBOLDCPP_API_URL', 'PORT', 'UPSTREAM_TIMEOUT_MS']);
      expect(error.message).toContain('PORT');
      expect(error.message).toContain('UPSTREAM_TIMEOUT_MS');
      expect(error.message).toContain('KOBOLDCPP_API_URL');
    });

    it.each([
      ['PORT', '70000'],
      ['PORT', '1.5'],
      ['NODE_ENV', 'staging'],
      ['LOG_LEVEL', 'verbose'],
      ['UPSTREAM_CONCURRENCY', '0'],
      ['UPSTREAM_MAX_RETRIES', '11'],
      ['UPSTREAM_CIRCUIT_COOLDOWN_MS', '99'],
      ['KOBOLDCPP_API_URL', 'ftp://kobold:5001'],
      ['KOBOLDCPP_API_URL', 'localhost:5001'],
      ['UPSTREAM_MODEL', 'm'.repeat(257)],
    ])('should reject %s=%j', (key, value) => {
      expect(rejectionOf({ [key]: value }).invalidKeys).toEqual([key]);
    });

    it.each([
      ['UPSTREAM_TIMEOUT_MS', 'sk-SECRET-123'],
      ['KOBOLDCPP_API_URL', 'sk-SECRET-123'],
      ['NODE_ENV', 'sk-SECRET-123'],
      ['LOG_LEVEL', 'sk-SECRET-123'],
      ['UPSTREAM_API_KEY', `sk-SECRET-123${'x'.repeat(5000)}`],
    ])('should name %s without printing the rejected value', (key, value) => {
      const error = rejectionOf({ [key]: value });

      expect(error.invalidKeys).toEqual([key]);
      expect(error.message).toContain(key);
      expect(error.message).not.toContain('sk-SECRET-123');
      expect(error.message).not.toContain('SECRET');
    });
  });
});
