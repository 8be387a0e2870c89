import type { GenerationRequest } from '../../dispatch/dispatch.types';
import { invalidParam } from './invalid-param.exception';

type Body = Record<string, unknown>;
type Sampling = Pick<GenerationRequest, 'maxTokens' | 'temperature' | 'topP' | 'stop'>;

/** OpenAI allows at most four stop sequences. */
const MAX_STOP_SEQUENCES = 4;

/** The body as an object, or the 400 OpenAI gives for anything else. */
export function bodyObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidParam('body', 'The request body must be a JSON object.');
  }
  return body as Body;
}

export function modelOf(body: Body): string {
  const { model } = body;
  if (typeof model !== 'string' || model.trim() === '') throw invalidParam('model', 'You must provide a model parameter (a non-empty string).');
  return model;
}

/**
 * The fields both APIs share. `null` means "the default", as in OpenAI's API. Fields this gateway does
 * not know are ignored, as OpenAI ignores them; none of them can choose the upstream.
 */
export function commonFields(body: Body, maxTokensKeys: readonly string[]): { sampling: Sampling; stream: boolean; includeUsage: boolean } {
  rejectSeveralChoices(body);
  if (body.user != null && typeof body.user !== 'string') throw invalidParam('user', "'user' must be a string.");
  const stream = optionalBoolean(body, 'stream') ?? false;
  return {
    sampling: {
      maxTokens: maxTokensOf(body, maxTokensKeys),
      temperature: optionalNumber(body, 'temperature', 0, 2),
      topP: optionalNumber(body, 'top_p', 0, 1),
      stop: stopOf(body.stop),
    },
    stream,
    includeUsage: includeUsageOf(body.stream_options, stream),
  };
}

/** One answer per request: the upstream generates one at a time, so `n` (and `best_of`) above 1 are refused. */
function rejectSeveralChoices(body: Body): void {
  for (const key of ['n', 'best_of']) {
    const value = body[key];
    if (value == null || value === 1) continue;
    throw invalidParam(key, `'${key}' must be 1: this server generates one choice per request (got ${JSON.stringify(value)}).`);
  }
}

/** The first of `keys` that is set (chat prefers `max_completion_tokens` to the deprecated `max_tokens`). */
function maxTokensOf(body: Body, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = body[key];
    if (value == null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw invalidParam(key, `'${key}' must be an integer of at least 1.`);
    return value;
  }
  return undefined;
}

function optionalNumber(body: Body, key: string, min: number, max: number): number | undefined {
  const value = body[key];
  if (value == null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalidParam(key, `'${key}' must be a number from ${min} to ${max} (got ${JSON.stringify(value)}).`);
  }
  return value;
}

function optionalBoolean(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value == null) return undefined;
  if (typeof value !== 'boolean') throw invalidParam(key, `'${key}' must be a boolean.`);
  return value;
}

function stopOf(stop: unknown): string[] | undefined {
  if (stop == null) return undefined;
  if (typeof stop === 'string') return [stop];
  if (!Array.isArray(stop) || stop.length > MAX_STOP_SEQUENCES || !stop.every((item) => typeof item === 'string')) {
    throw invalidParam('stop', `'stop' must be a string or a list of at most ${MAX_STOP_SEQUENCES} strings.`);
  }
  return stop.length > 0 ? (stop as string[]) : undefined;
}

function includeUsageOf(options: unknown, stream: boolean): boolean {
  if (options == null) return false;
  if (!stream) throw invalidParam('stream_options', "'stream_options' is only allowed when 'stream' is true.");
  if (typeof options !== 'object' || Array.isArray(options)) throw invalidParam('stream_options', "'stream_options' must be an object.");
  const include = (options as Body).include_usage;
  if (include != null && typeof include !== 'boolean') throw invalidParam('stream_options.include_usage', "'include_usage' must be a boolean.");
  return include === true;
}
