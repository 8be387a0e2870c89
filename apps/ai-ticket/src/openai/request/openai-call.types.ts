import type { GenerationRequest } from '../../dispatch/dispatch.types';

/** A validated OpenAI completion request, chat or text. */
export interface OpenAiCall {
  generation: GenerationRequest;
  /** Echoed in the answer; it does not choose the upstream (configuration does). */
  model: string;
  stream: boolean;
  /** `stream_options.include_usage`: a final chunk with the usage, and `usage: null` on the others. */
  includeUsage: boolean;
}
