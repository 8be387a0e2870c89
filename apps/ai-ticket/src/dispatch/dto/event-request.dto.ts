import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `POST /event` as documented; validation is EventRequestPipe's (unknown fields are refused). */
export class EventRequestDto {
  @ApiProperty({
    description: 'The prompt: a string, an object with `messages` (OpenAI chat form) or `prompt`, or a list of those.',
    oneOf: [{ type: 'string' }, { type: 'object' }, { type: 'array', items: {} }],
  })
  content!: unknown;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 32768, nullable: true }) max_tokens?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 2, nullable: true }) temperature?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, nullable: true }) top_p?: number;
  @ApiPropertyOptional({ nullable: true }) stream?: boolean;
}

export class EventAnswerDto {
  @ApiProperty() completion!: string;
}

/** One `data:` event of a streamed event. */
export class EventStreamEventDto {
  @ApiPropertyOptional() delta?: string;
  @ApiProperty() done!: boolean;
  @ApiPropertyOptional({ description: 'Error code of a failure after the stream started (then `done: true`).' }) error?: string;
  @ApiPropertyOptional() message?: string;
}
