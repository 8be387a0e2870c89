import { AppException } from '@ai-ticket/errors';
import { parseChatRequest } from './chat-request.parser';

const minimal = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

function paramOf(body: unknown): unknown {
  try {
    parseChatRequest(body);
  } catch (error) {
    return error instanceof AppException ? error.details?.param : error;
  }
  return 'accepted';
}

describe(parseChatRequest.name, () => {
  it('should read a minimal request with every default', () => {
    expect(parseChatRequest(minimal)).toEqual({
      generation: { prompt: 'User: hi\nAssistant:', messages: [{ role: 'user', content: 'hi' }] },
      model: 'm',
      stream: false,
      includeUsage: false,
    });
  });

  it('should read every supported field, preferring max_completion_tokens to max_tokens', () => {
    const call = parseChatRequest({
      ...minimal,
      max_tokens: 5,
      max_completion_tokens: 9,
      temperature: 0,
      top_p: 1,
      stop: 'END',
      n: 1,
      stream: true,
      stream_options: { include_usage: true },
      user: 'u',
    });

    expect(call).toMatchObject({ stream: true, includeUsage: true, generation: { maxTokens: 9, temperature: 0, topP: 1, stop: ['END'] } });
  });

  it('should treat null as the default, as OpenAI does', () => {
    const call = parseChatRequest({ ...minimal, max_tokens: null, temperature: null, top_p: null, stop: null, n: null, stream: null, stream_options: null, user: null });

    expect(call.generation).toEqual({ prompt: 'User: hi\nAssistant:', messages: minimal.messages });
  });

  it('should ignore unknown vendor fields, including any that name an upstream', () => {
    const call = parseChatRequest({ ...minimal, kobold_url: 'http://evil', api_base: 'http://evil', presence_penalty: 1, seed: 3 });

    expect(JSON.stringify(call)).not.toContain('evil');
  });

  it('should join the text parts of a content list', () => {
    const call = parseChatRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] });

    expect(call.generation.messages).toEqual([{ role: 'user', content: 'ab' }]);
  });

  it.each([
    ['a body that is a list', [], 'body'],
    ['no model', { messages: minimal.messages }, 'model'],
    ['no messages', { model: 'm' }, 'messages'],
    ['empty messages', { model: 'm', messages: [] }, 'messages'],
    ['a message that is a string', { model: 'm', messages: ['hi'] }, 'messages[0]'],
    ['an unknown role', { model: 'm', messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
    ['a tool message', { model: 'm', messages: [{ role: 'tool', content: 'x', tool_call_id: '1' }] }, 'messages[0].role'],
    ['a null content', { model: 'm', messages: [{ role: 'assistant', content: null }] }, 'messages[0].content'],
    ['an image part', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url' }] }] }, 'messages[0].content[0].type'],
    ['a text part without text', { model: 'm', messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages[0].content[0].text'],
    ['n = 2', { ...minimal, n: 2 }, 'n'],
    ['a max_tokens of 0', { ...minimal, max_tokens: 0 }, 'max_tokens'],
    ['a fractional max_completion_tokens', { ...minimal, max_completion_tokens: 1.5 }, 'max_completion_tokens'],
    ['a temperature of 2.1', { ...minimal, temperature: 2.1 }, 'temperature'],
    ['a temperature as text', { ...minimal, temperature: '0.5' }, 'temperature'],
    ['a top_p of -0.1', { ...minimal, top_p: -0.1 }, 'top_p'],
    ['five stop sequences', { ...minimal, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
    ['a numeric stop', { ...minimal, stop: 1 }, 'stop'],
    ['stream as text', { ...minimal, stream: 'yes' }, 'stream'],
    ['stream_options without stream', { ...minimal, stream_options: { include_usage: true } }, 'stream_options'],
    ['a non-boolean include_usage', { ...minimal, stream: true, stream_options: { include_usage: 1 } }, 'stream_options.include_usage'],
    ['a numeric user', { ...minimal, user: 7 }, 'user'],
  ])('should refuse %s naming param %s', (_case, body, param) => {
    expect(paramOf(body)).toBe(param);
  });
});
