// Small HTTP/SSE helpers shared by the fake upstream's own specs.

export interface SseEvent {
  event?: string;
  data: string;
}

export function postJson(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...init });
}

/** Parses an SSE body into its events (only the fields the fake uses). */
export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event: SseEvent = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event.event = line.slice('event: '.length);
        else if (line.startsWith('data: ')) event.data += line.slice('data: '.length);
      }
      return event;
    });
}

/** Reads a body until it ends or breaks; a cut connection is a result here, not a failure. */
export async function readUntilCut(response: Response): Promise<{ text: string; error?: unknown }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error: unknown) {
    return { text, error };
  }
}

/** Polls until `check` holds; the fake's counters change on socket events, not on our calls. */
export async function eventually(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The assistant text of a non-streamed OpenAI chat answer. */
export async function chatContent(response: Response): Promise<string> {
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  return body.choices[0].message.content;
}
