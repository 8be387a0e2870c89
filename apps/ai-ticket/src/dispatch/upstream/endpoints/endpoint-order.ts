import { chatCompletionsEndpoint } from './chat-completions.endpoint';
import { nativeGenerateEndpoint } from './native-generate.endpoint';
import { textCompletionsEndpoint } from './text-completions.endpoint';
import type { UpstreamEndpoint } from './upstream-endpoint.types';

/** The order in which the upstream's APIs are tried (see the fallback rules in the dispatcher). */
export const ENDPOINT_ORDER: readonly UpstreamEndpoint[] = [chatCompletionsEndpoint, textCompletionsEndpoint, nativeGenerateEndpoint];
