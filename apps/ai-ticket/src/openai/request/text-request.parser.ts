import { bodyObject, commonFields, modelOf } from './common-fields.parser';
import { invalidParam } from './invalid-param.exception';
import type { OpenAiCall } from './openai-call.types';

/** `POST /v1/completions`: one prompt (a string, or a list holding one string), validated as OpenAI does. */
export function parseTextRequest(raw: unknown): OpenAiCall {
  const body = bodyObject(raw);
  const model = modelOf(body);
  const prompt = promptOf(body.prompt);
  const { sampling, stream, includeUsage } = commonFields(body, ['max_tokens']);
  return { generation: { prompt, ...sampling }, model, stream, includeUsage };
}

function promptOf(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  // A list is a batch in OpenAI's API (one choice per prompt); token-id prompts need the model's tokenizer.
  if (Array.isArray(prompt) && prompt.length === 1 && typeof prompt[0] === 'string') return prompt[0];
  throw invalidParam('prompt', "'prompt' must be a string (or a list holding one string): batches and token ids are not supported.");
}
