import { koboldAbortFormat, koboldModelFormat, koboldPerfFormat, koboldVersionFormat, openAiModelsFormat } from './kobold-info.format';
import { koboldGenerateFormat, koboldStreamFormat } from './kobold-native.format';
import { koboldTokenCountFormat } from './kobold-tokencount.format';
import { openAiChatFormat } from './openai-chat.format';
import { openAiTextFormat } from './openai-text.format';
import type { WireFormat } from './wire-format.types';

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly format: WireFormat;
}

const post = (format: WireFormat): Route => ({ method: 'POST', format });
const get = (format: WireFormat): Route => ({ method: 'GET', format });

export const TOKENCOUNT_PATH = '/api/extra/tokencount';

/** The KoboldCPP routes the fake knows, by exact path. */
export const ROUTES: ReadonlyMap<string, Route> = new Map([
  ['/v1/chat/completions', post(openAiChatFormat)],
  ['/chat/completions', post(openAiChatFormat)],
  ['/v1/completions', post(openAiTextFormat)],
  ['/completions', post(openAiTextFormat)],
  ['/api/v1/generate', post(koboldGenerateFormat)],
  ['/api/extra/generate/stream', post(koboldStreamFormat)],
  ['/api/extra/abort', post(koboldAbortFormat)],
  [TOKENCOUNT_PATH, post(koboldTokenCountFormat)],
  ['/api/extra/perf', get(koboldPerfFormat)],
  ['/api/extra/version', get(koboldVersionFormat)],
  ['/api/v1/model', get(koboldModelFormat)],
  ['/v1/models', get(openAiModelsFormat)],
]);

/** Behaviours scripted for unknown paths answer in the OpenAI chat format. */
export const FALLBACK_FORMAT: WireFormat = openAiChatFormat;
