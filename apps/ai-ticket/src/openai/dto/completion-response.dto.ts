import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const FINISH_REASONS = ['stop', 'length', 'content_filter'];

export class UsageDto {
  @ApiProperty({ type: 'integer' }) prompt_tokens!: number;
  @ApiProperty({ type: 'integer' }) completion_tokens!: number;
  @ApiProperty({ type: 'integer' }) total_tokens!: number;
}

export class AssistantMessageDto {
  @ApiProperty({ enum: ['assistant'] }) role!: 'assistant';
  @ApiProperty() content!: string;
  @ApiProperty({ type: 'string', nullable: true }) refusal!: null;
}

export class ChatChoiceDto {
  @ApiProperty({ type: 'integer' }) index!: number;
  @ApiProperty({ type: AssistantMessageDto }) message!: AssistantMessageDto;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Always null: log probabilities are not reported.' }) logprobs!: null;
  @ApiProperty({ enum: FINISH_REASONS }) finish_reason!: string;
}

/** OpenAI's chat completion object. */
export class ChatCompletionDto {
  @ApiProperty({ pattern: '^chatcmpl-' }) id!: string;
  @ApiProperty({ enum: ['chat.completion'] }) object!: string;
  @ApiProperty({ type: 'integer', description: 'Unix seconds.' }) created!: number;
  @ApiProperty({ description: 'The request’s model, echoed.' }) model!: string;
  @ApiProperty({ type: [ChatChoiceDto] }) choices!: ChatChoiceDto[];
  @ApiPropertyOptional({ type: UsageDto, description: 'When the upstream reported it.' }) usage?: UsageDto;
}

export class TextChoiceDto {
  @ApiProperty() text!: string;
  @ApiProperty({ type: 'integer' }) index!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Always null: log probabilities are not reported.' }) logprobs!: null;
  @ApiProperty({ enum: FINISH_REASONS, nullable: true, description: 'null on stream chunks before the last.' }) finish_reason!: string | null;
}

/** OpenAI's completion object (also each chunk of a text completion stream). */
export class TextCompletionDto {
  @ApiProperty({ pattern: '^cmpl-' }) id!: string;
  @ApiProperty({ enum: ['text_completion'] }) object!: string;
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty() model!: string;
  @ApiProperty({ type: [TextChoiceDto] }) choices!: TextChoiceDto[];
  @ApiPropertyOptional({ type: UsageDto, nullable: true }) usage?: UsageDto | null;
}

export class ChunkDeltaDto {
  @ApiPropertyOptional({ enum: ['assistant'] }) role?: string;
  @ApiPropertyOptional() content?: string;
}

export class ChunkChoiceDto {
  @ApiProperty({ type: 'integer' }) index!: number;
  @ApiProperty({ type: ChunkDeltaDto }) delta!: ChunkDeltaDto;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Always null: log probabilities are not reported.' }) logprobs!: null;
  @ApiProperty({ enum: FINISH_REASONS, nullable: true }) finish_reason!: string | null;
}

/** One `data:` event of a chat completion stream (the stream ends with `data: [DONE]`). */
export class ChatCompletionChunkDto {
  @ApiProperty({ pattern: '^chatcmpl-' }) id!: string;
  @ApiProperty({ enum: ['chat.completion.chunk'] }) object!: string;
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty() model!: string;
  @ApiProperty({ type: [ChunkChoiceDto], description: 'Empty on the usage chunk.' }) choices!: ChunkChoiceDto[];
  @ApiPropertyOptional({ type: UsageDto, nullable: true, description: 'With `stream_options.include_usage`: null, then the usage on the last chunk.' })
  usage?: UsageDto | null;
}

export class ModelDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['model'] }) object!: string;
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty() owned_by!: string;
}

export class ModelListDto {
  @ApiProperty({ enum: ['list'] }) object!: string;
  @ApiProperty({ type: [ModelDto] }) data!: ModelDto[];
}
