import { parseCliArgs } from './cli-args.parser';

describe(parseCliArgs.name, () => {
  it('should default to 127.0.0.1:5001 with no token interval, no slot limit, no delay, usage and tokencount', () => {
    expect(parseCliArgs([])).toStrictEqual({ host: '127.0.0.1', port: 5001, tokenIntervalMs: 0, generationDelayMs: 0, reportUsage: true, tokenCount: true });
  });

  it('should read spaced and inline values', () => {
    expect(parseCliArgs(['--port', '0', '--host=0.0.0.0', '--token-interval-ms=20'])).toMatchObject({ host: '0.0.0.0', port: 0, tokenIntervalMs: 20, generationDelayMs: 0 });
  });

  it('should read the slot limit and the generation delay', () => {
    expect(parseCliArgs(['--slots', '1', '--generation-delay-ms=250'])).toMatchObject({ slots: 1, generationDelayMs: 250 });
  });

  it('should switch usage and tokencount off', () => {
    expect(parseCliArgs(['--usage', 'off', '--tokencount=off'])).toMatchObject({ reportUsage: false, tokenCount: false });
  });

  it.each([[['--usage', 'no']], [['--port', 'abc']], [['--port']], [['--verbose', 'x']], [['--slots', '0']], [['--generation-delay-ms', '-5']]])('should reject %j', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(/usage: fake-upstream/);
  });
});
