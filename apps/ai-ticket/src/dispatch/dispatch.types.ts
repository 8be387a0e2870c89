/** One turn of a chat, as the upstream's chat API takes it (text only). */
export interface ChatTurn {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string;
}

/** What the service asks of the upstream, whatever its wire format. */
export interface GenerationRequest {
  prompt: string;
  /** The conversation for the chat API; without it the prompt is sent as one user turn. */
  messages?: ChatTurn[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  /** Sequences that end the generation (OpenAI allows up to 4). */
  stop?: string[];
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

/** Token counts as the upstream reported them (OpenAI's `usage`). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** What an answer says besides its text; each field only when the upstream reported it. */
export interface AnswerDetails {
  finishReason?: string;
  usage?: TokenUsage;
}

/** A whole answered generation: its text and what the upstream said about it. */
export interface Generation extends AnswerDetails {
  text: string;
}
