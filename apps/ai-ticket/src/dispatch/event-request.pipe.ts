import { Injectable, PipeTransform } from '@nestjs/common';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import { validateSync } from 'class-validator';
import type { EventRequest } from './dispatch.types';
import { GenerationParamsDto } from './dto/generation-params.dto';
import { extractPrompt } from './prompt/prompt-extractor.util';

const ALLOWED_FIELDS = new Set(['content', 'max_tokens', 'temperature', 'top_p', 'stream']);

/**
 * Validates a `POST /event` body in the order the error contract promises:
 * shape → `content` present → known fields and parameter ranges → a usable prompt.
 */
@Injectable()
export class EventRequestPipe implements PipeTransform<unknown, EventRequest> {
  transform(body: unknown): EventRequest {
    if (body === undefined) {
      throw new AppException(ErrorCode.InvalidRequest, 'The request has no body; send a JSON object.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new AppException(ErrorCode.InvalidInputFormat, 'The request body must be a JSON object.');
    }
    const event = body as Record<string, unknown>;
    if (!Object.hasOwn(event, 'content')) {
      throw new AppException(ErrorCode.MissingContentField, 'The event has no "content" field.');
    }
    rejectUnknownFields(event);
    rejectUpstreamOverrides(event.content);
    const params = validParams(event);
    const prompt = extractPrompt(event.content);
    if (prompt === undefined) {
      throw new AppException(
        ErrorCode.PromptExtractionFailed,
        'No prompt could be derived from "content": it is empty, or has no prompt, user message or text.',
      );
    }
    // `null` means "use the default", as in OpenAI's API, so it is dropped rather than forwarded.
    return {
      generation: { prompt, maxTokens: params.max_tokens ?? undefined, temperature: params.temperature ?? undefined, topP: params.top_p ?? undefined },
      stream: params.stream ?? false,
    };
  }
}

function rejectUnknownFields(event: Record<string, unknown>): void {
  const unknown = Object.keys(event).filter((key) => !ALLOWED_FIELDS.has(key));
  if (unknown.length === 0) return;
  // Strict on purpose: a typo such as "max_token" must not be silently ignored, and fields such as
  // "kobold_url" must never be able to redirect the request (the upstream comes only from configuration).
  throw new AppException(ErrorCode.InvalidRequest, `Unknown field(s): ${unknown.join(', ')}.`, {
    details: Object.fromEntries(unknown.map((key) => [key, 'is not an accepted field'])),
  });
}

/** Objects inside `content` are read for `messages`/`prompt` only, but a URL there is refused outright. */
function rejectUpstreamOverrides(content: unknown): void {
  const objects = Array.isArray(content) ? content : [content];
  for (const object of objects) {
    if (typeof object !== 'object' || object === null) continue;
    const urlKey = Object.keys(object).find((key) => /(url|uri|endpoint)$/i.test(key));
    if (urlKey) {
      throw new AppException(ErrorCode.InvalidRequest, 'The upstream server is set by configuration and cannot be chosen per event.', {
        details: { [`content.${urlKey}`]: 'is not an accepted field' },
      });
    }
  }
}

function validParams(event: Record<string, unknown>): GenerationParamsDto {
  // A plain assignment instead of class-transformer: the DTO has four scalar fields, and skipping the
  // transformer's object walk is measurably cheaper on the hot path.
  const params = Object.assign(new GenerationParamsDto(), {
    max_tokens: event.max_tokens,
    temperature: event.temperature,
    top_p: event.top_p,
    stream: event.stream,
  });
  // Every parameter is optional: an event with none of them (the usual one) has nothing to validate,
  // and class-validator's metadata walk is about 2 % of the service's CPU per event.
  if (Object.values(params).every((value) => value === undefined)) return params;
  const errors = validateSync(params);
  if (errors.length > 0) {
    throw new AppException(ErrorCode.InvalidRequest, 'One or more generation parameters are invalid.', {
      details: Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {}).join('; ')])),
    });
  }
  return params;
}
