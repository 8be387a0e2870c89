import { promptField } from './openai-text.format';
import type { SseFormat, WireFormat } from './wire-format.types';

function nativeEvent(token: string, finishReason: string | null): string {
  return `event: message\ndata: ${JSON.stringify({ token, finish_reason: finishReason })}\n\n`;
}

// The last token carries the finish reason and there is no [DONE]: the server just ends the response.
const nativeSse: SseFormat = {
  token: (token, last) => nativeEvent(token, last ? 'stop' : null),
  finish: (tokenCount) => (tokenCount === 0 ? nativeEvent('', 'stop') : ''),
};

/** KoboldAI native: POST /api/v1/generate (a stream behaviour uses the native SSE framing). */
export const koboldGenerateFormat: WireFormat = {
  generates: true,
  promptOf: promptField,
  streams: () => false,
  answer: (text) => ({ results: [{ text, finish_reason: 'stop' }] }),
  openStream: () => nativeSse,
};

/** KoboldCPP native SSE: POST /api/extra/generate/stream always streams. */
export const koboldStreamFormat: WireFormat = { ...koboldGenerateFormat, streams: () => true };
