import { openAiChatFormat } from './openai-chat.format';
import { FAKE_MODEL } from './openai-common.util';
import type { ServerStats, WireFormat } from './wire-format.types';

/** A route with a fixed answer; a `stream` behaviour on it borrows the OpenAI chat framing. */
function infoFormat(answer: (stats: ServerStats) => unknown): WireFormat {
  return {
    generates: false,
    promptOf: () => '',
    streams: () => false,
    answer: (_text, _prompt, stats) => answer(stats),
    openStream: openAiChatFormat.openStream,
  };
}

/** GET /api/extra/perf */
export const koboldPerfFormat = infoFormat((stats) => ({
  last_process: 0.1,
  last_eval: 0.2,
  last_token_count: 5,
  total_gens: stats.totalGenerations,
  // Without --multiuser KoboldCPP queues nothing, and it is idle only while no generation runs.
  queue: 0,
  idle: stats.generations.generationsInProgress === 0 ? 1 : 0,
  stop_reason: 1,
  uptime: Math.floor((Date.now() - stats.startedAt) / 1000),
}));

/** GET /api/extra/version */
export const koboldVersionFormat = infoFormat(() => ({ result: 'KoboldCpp', version: '1.80' }));

/** GET /api/v1/model (KoboldAI's model name) */
export const koboldModelFormat = infoFormat(() => ({ result: FAKE_MODEL }));

/** POST /api/extra/abort: KoboldCPP answers with strings, not booleans. */
export const koboldAbortFormat = infoFormat(() => ({ success: 'true', done: 'true' }));

/** GET /v1/models */
export const openAiModelsFormat = infoFormat((stats) => ({
  object: 'list',
  data: [{ id: FAKE_MODEL, object: 'model', created: Math.floor(stats.startedAt / 1000), owned_by: 'koboldcpp', permission: [], root: 'koboldcpp' }],
}));
