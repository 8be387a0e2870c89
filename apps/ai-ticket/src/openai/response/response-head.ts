import { randomUUID } from 'node:crypto';

/** What every answer and chunk of one call repeats: OpenAI gives all chunks of a stream the same id and `created`. */
export interface ResponseHead {
  id: string;
  created: number;
  model: string;
  /** `stream_options.include_usage`: chunks then carry `usage: null` until the usage chunk. */
  includeUsage: boolean;
}

export function newHead(idPrefix: string, model: string, includeUsage: boolean): ResponseHead {
  return { id: `${idPrefix}-${randomUUID().replaceAll('-', '')}`, created: Math.floor(Date.now() / 1000), model, includeUsage };
}
