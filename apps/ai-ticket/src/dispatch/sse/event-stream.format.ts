import { toErrorResponse } from '@ai-ticket/errors';
import type { CallerStreamFormat } from './caller-stream.service';

const DONE = JSON.stringify({ delta: '', done: true });

/** `POST /event`'s stream: `{delta, done: false}` per token, `{delta: "", done: true}` at the end, `{error, message, done: true}` on failure. */
export const eventStreamFormat: CallerStreamFormat = {
  delta: (text) => ({ delta: text, done: false }),
  closing: () => [DONE],
  failure(error, requestId) {
    const { body, unexpected } = toErrorResponse(error, requestId);
    return { payload: { error: body.error, message: body.message, done: true }, code: body.error, message: body.message, unexpected };
  },
};
