import { openAiChatFormat } from './openai-chat.format';
import { promptField } from './openai-text.format';
import type { WireFormat } from './wire-format.types';

/**
 * The fake's tokenizer: one token per UTF-16 code unit, its id the code. Deterministic, and unlike both
 * the `usage` word counts and a four-characters-per-token estimate, so a test can tell who counted.
 */
export function fakeTokenIds(text: string): number[] {
  const ids = new Array<number>(text.length);
  for (let i = 0; i < text.length; i += 1) ids[i] = text.charCodeAt(i);
  return ids;
}

/** POST /api/extra/tokencount: KoboldCPP's `{"prompt": text}` → `{"value": count, "ids": [...]}`. */
export const koboldTokenCountFormat: WireFormat = {
  generates: false,
  promptOf: promptField,
  streams: () => false,
  answer: (_text, prompt) => {
    const ids = fakeTokenIds(prompt);
    return { value: ids.length, ids };
  },
  openStream: openAiChatFormat.openStream,
};
