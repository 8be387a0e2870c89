import { defaultCompletionFor, splitWordTokens } from '../libs/testing/src/fake-upstream/completion-text.util';
import { DIRECT, VIA_SERVICE } from './results';

/** The prompt of the non-streaming scenarios, as the brief's example event. */
export const PROMPT = 'Write a haiku about queues';
/** Long enough that the fake's echo streams about 20 word tokens. */
export const STREAM_PROMPT = 'Please write a haiku about queues while every token streams back to the caller one word at a time';

/** What the fake answers to `prompt`, token by token: the reference a streamed answer is checked against. */
export function expectedTokens(prompt: string): string[] {
  return splitWordTokens(defaultCompletionFor(prompt));
}

/** One SSE `data:` payload, read in the target's own event format. */
export type StreamEvent = { kind: 'delta'; text: string } | { kind: 'end' } | { kind: 'other' };

/** Something the bench can load: the fake upstream directly, or the service in front of it. */
export interface Target {
  readonly name: string;
  readonly url: string;
  /** Sent with every request besides content-type: the bearer token where auth is on. */
  readonly headers: Readonly<Record<string, string>>;
  body(prompt: string, stream: boolean): string;
  /** The completion text of a non-streamed answer, or undefined if it has the wrong shape. */
  completionOf(answer: unknown): string | undefined;
  /** Throws on an in-band error event, which must fail the bench. */
  streamEventOf(data: string): StreamEvent;
}

/** The fake's own OpenAI chat API, with the body the service itself would send it. */
export function directTarget(upstreamUrl: string): Target {
  return {
    name: DIRECT,
    url: `${upstreamUrl}/v1/chat/completions`,
    headers: {},
    body: (prompt, stream) => JSON.stringify({ messages: [{ role: 'user', content: prompt }], stream }),
    completionOf: (answer) => {
      const content = (answer as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
      return typeof content === 'string' ? content : undefined;
    },
    streamEventOf: (data) => {
      if (data.trim() === '[DONE]') return { kind: 'end' };
      const content = (JSON.parse(data) as { choices?: { delta?: { content?: unknown } }[] }).choices?.[0]?.delta?.content;
      return typeof content === 'string' && content !== '' ? { kind: 'delta', text: content } : { kind: 'other' };
    },
  };
}

/** The gateway's public API: `POST /event`, with `Authorization: Bearer <token>` when given one. */
export function serviceTarget(serviceUrl: string, name = VIA_SERVICE, token?: string): Target {
  return {
    name,
    url: `${serviceUrl}/event`,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    body: (prompt, stream) => JSON.stringify(stream ? { content: prompt, stream: true } : { content: prompt }),
    completionOf: (answer) => {
      const completion = (answer as { completion?: unknown } | null)?.completion;
      return typeof completion === 'string' ? completion : undefined;
    },
    streamEventOf: (data) => {
      const event = JSON.parse(data) as { delta?: unknown; done?: unknown; error?: unknown; message?: unknown };
      if (event.error !== undefined) throw new Error(`${name}: error event in the stream: ${String(event.error)} ${String(event.message)}`);
      if (event.done === true) return { kind: 'end' };
      return typeof event.delta === 'string' && event.delta !== '' ? { kind: 'delta', text: event.delta } : { kind: 'other' };
    },
  };
}

/** The gateway's OpenAI-compatible chat API (`POST /v1/chat/completions`), the same prompt as a user message. */
export function openAiChatTarget(serviceUrl: string, name: string, token?: string): Target {
  const direct = directTarget(serviceUrl);
  return {
    ...direct,
    name,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    body: (prompt, stream) => JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: prompt }], stream }),
  };
}
