import { CliFailure } from '../cli-failure.exception';
import type { CommandInput, CommandSpec } from '../command.types';
import { ExitCode, type ExitCodeValue } from '../exit-code.constants';
import { sendEvent, streamEvent, type EventCall } from '../http/event-client';
import { serverUrlFrom } from '../http/server-url.util';
import { JSON_OPTION, SERVER_URL_OPTION } from './common-options';

export const promptCommand: CommandSpec = {
  name: 'prompt',
  usage: '<text> [--server-url URL] [--token TOKEN] [--stream] [--json]',
  description: `Send <text> as one event (POST /event) and print the completion. With --stream, print the tokens
as they arrive. On failure, print the service's error code and message (e.g. "error: rate_limited: …")
and exit non-zero.

--json prints {"completion", "requestId"}; with --stream, every event as one JSON line as it arrives
({"delta", "done"}, or {"error", "message", "done": true} when the stream fails). A failure before any
answer is {"error", "message", "status", "requestId"} on stdout.`,
  options: [
    SERVER_URL_OPTION,
    { name: 'token', type: 'string', value: 'TOKEN', description: 'API token (default: $AI_TICKET_TOKEN; prefer the variable, arguments show in ps)' },
    { name: 'stream', type: 'boolean', description: 'Print tokens as they arrive (Server-Sent Events)' },
    JSON_OPTION,
  ],
  positionals: { min: 1, max: 1 },
  exitCodes: `Exit codes:
  0  the completion was printed
  1  the service answered an error (its code is printed), or the stream was cut
  2  usage error
  3  the service did not answer (connection_failed)`,
  async run({ values, positionals, env, out }: CommandInput) {
    const call: EventCall = { serverUrl: serverUrlFrom(values['server-url'], env), token: (values.token as string | undefined) ?? env.token, prompt: positionals[0] };
    const json = values.json === true;
    if (values.stream) return printStream(call, json, out);
    const answer = await sendEvent(call);
    if (json) out.json({ completion: answer.completion, requestId: answer.requestId });
    else out.line(answer.completion);
    return ExitCode.Ok;
  },
};

async function printStream(call: EventCall, json: boolean, out: CommandInput['out']): Promise<ExitCodeValue> {
  try {
    for await (const event of streamEvent(call)) {
      if (json) out.json(event);
      if (event.error !== undefined) {
        if (!json) {
          out.line();
          out.failure(new CliFailure(event.error, event.message ?? 'The stream failed'), false);
        }
        return ExitCode.Failure;
      }
      if (!json && event.delta) out.write(event.delta);
      if (event.done) {
        if (!json) out.line();
        return ExitCode.Ok;
      }
    }
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure('stream_interrupted', `The stream was cut before it ended: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new CliFailure('stream_interrupted', 'The stream ended without its final event');
}
