import type { RawRouteDoc } from '../openapi/raw-route-doc.types';
import { ChatCompletionRequestDto, TextCompletionRequestDto, TextContentPartDto } from './dto/chat-completion-request.dto';
import { ChatCompletionChunkDto, ChatCompletionDto, ModelListDto, TextCompletionDto } from './dto/completion-response.dto';

/** The OpenAI-compatible routes (openai.controller.ts), for the OpenAPI document. */
export const OPENAI_ROUTE_DOCS: readonly RawRouteDoc[] = [
  {
    method: 'post',
    path: '/v1/chat/completions',
    summary: 'OpenAI chat completion, streamed with `stream: true`',
    tag: 'OpenAI-compatible',
    request: ChatCompletionRequestDto,
    response: ChatCompletionDto,
    streamEvent: ChatCompletionChunkDto,
    extraModels: [TextContentPartDto],
    errors: 'openai',
  },
  {
    method: 'post',
    path: '/v1/completions',
    summary: 'OpenAI text completion, streamed with `stream: true`',
    tag: 'OpenAI-compatible',
    request: TextCompletionRequestDto,
    response: TextCompletionDto,
    streamEvent: TextCompletionDto,
    errors: 'openai',
  },
  { method: 'get', path: '/v1/models', summary: 'The models the upstreams serve', tag: 'OpenAI-compatible', response: ModelListDto, errors: 'openai' },
];
