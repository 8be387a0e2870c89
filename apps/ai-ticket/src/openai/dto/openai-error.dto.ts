import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode } from '@ai-ticket/errors';

export class OpenAiErrorObjectDto {
  @ApiProperty() message!: string;
  @ApiProperty({ enum: ['invalid_request_error', 'authentication_error', 'permission_error', 'not_found_error', 'rate_limit_error', 'server_error'] }) type!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'The refused field, e.g. `messages[0].role`.' }) param!: string | null;
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', description: 'Our stable error code.' }) code!: ErrorCode;
}

/** OpenAI's error shape, answered by every `/v1/*` route. */
export class OpenAiErrorDto {
  @ApiProperty({ type: OpenAiErrorObjectDto }) error!: OpenAiErrorObjectDto;
}
