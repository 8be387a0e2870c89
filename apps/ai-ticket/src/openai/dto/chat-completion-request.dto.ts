import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A text part of a message's content; other part types are refused. */
export class TextContentPartDto {
  @ApiProperty({ enum: ['text'] }) type!: 'text';
  @ApiProperty() text!: string;
}

export class ChatMessageDto {
  @ApiProperty({ enum: ['system', 'developer', 'user', 'assistant'] }) role!: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/components/schemas/TextContentPartDto' } }] })
  content!: string | TextContentPartDto[];
  @ApiPropertyOptional() name?: string;
}

export class StreamOptionsDto {
  @ApiPropertyOptional({ nullable: true, description: 'Send a last chunk with the usage (when the upstream reports it).' }) include_usage?: boolean;
}

/** Fields both OpenAI completion APIs share; `null` means the default, unknown fields are ignored. */
export class CompletionFieldsDto {
  @ApiProperty({ description: 'Echoed in the answer; it does not choose the upstream.' }) model!: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true }) max_tokens?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 2, nullable: true }) temperature?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, nullable: true }) top_p?: number;
  // `nullable` sits inside the first alternative: OpenAPI 3.0 allows it only beside a `type`.
  @ApiPropertyOptional({ oneOf: [{ type: 'string', nullable: true }, { type: 'array', items: { type: 'string' }, maxItems: 4 }] }) stop?: string | string[];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1, nullable: true, description: 'Only 1: one answer per request.' }) n?: number;
  @ApiPropertyOptional({ nullable: true }) stream?: boolean;
  @ApiPropertyOptional({ type: StreamOptionsDto, nullable: true, description: 'Only with `stream: true`.' }) stream_options?: StreamOptionsDto;
  @ApiPropertyOptional({ nullable: true }) user?: string;
}

export class ChatCompletionRequestDto extends CompletionFieldsDto {
  @ApiProperty({ type: [ChatMessageDto], minItems: 1 }) messages!: ChatMessageDto[];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true, description: 'Preferred to `max_tokens`.' }) max_completion_tokens?: number;
}

export class TextCompletionRequestDto extends CompletionFieldsDto {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1 }] }) prompt!: string | string[];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1, nullable: true }) best_of?: number;
}
