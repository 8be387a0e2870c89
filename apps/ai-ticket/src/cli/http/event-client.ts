import { CliFailure } from '../cli-failure.exception';
import { ExitCode } from '../exit-code.constants';
import { failureFromResponse } from './api-error.util';
import { connectionFailureText } from './server-url.util';
import { sseData } from './sse-data.util';

export interface EventCall {
  serverUrl: string;
  token?: string;
  prompt: string;
}

/** One event of a streamed answer, exactly as the service sends it. */
export interface StreamEvent {
  delta?: string;
  done?: boolean;
  error?: string;
  message?: string;
}

/** `POST /event`; resolves with the completion, or rejects with the service's error code. */
export async function sendEvent(call: EventCall): Promise<{ completion: string; requestId?: string }> {
  const response = await post(call, false);
  const body = (await response.json()) as { completion: string };
  return { completion: body.completion, requestId: response.headers.get('x-request-id') ?? undefined };
}

/**
 * `POST /event` with `stream: true`; yields each event as it arrives. Anything that fails before the
 * stream starts rejects like `sendEvent`; a failure after it started is the stream's last event.
 */
export async function* streamEvent(call: EventCall): AsyncGenerator<StreamEvent> {
  const response = await post(call, true);
  if (!response.body) throw new CliFailure('unexpected_response', 'The stream has no body');
  for await (const data of sseData(response.body)) yield JSON.parse(data) as StreamEvent;
}

async function post(call: EventCall, stream: boolean): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let response: Response;
  try {
    response = await fetch(`${call.serverUrl}/event`, { method: 'POST', headers, body: JSON.stringify(stream ? { content: call.prompt, stream: true } : { content: call.prompt }) });
  } catch (error) {
    throw new CliFailure('connection_failed', `${call.serverUrl} did not answer: ${connectionFailureText(error)}`, ExitCode.NotReady);
  }
  if (!response.ok) throw await failureFromResponse(response);
  return response;
}
