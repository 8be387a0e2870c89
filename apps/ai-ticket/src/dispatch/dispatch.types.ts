/** What the service asks of the upstream, whatever its wire format. */
export interface GenerationRequest {
  prompt: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
}

/** A validated `POST /event`. */
export interface EventRequest {
  generation: GenerationRequest;
  stream: boolean;
}

/** One piece of a streamed completion. */
export interface StreamDelta {
  text: string;
}
