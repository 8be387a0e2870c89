import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '@ai-ticket/errors';

/** Our error contract (libs/errors `ErrorBody`), answered by every route outside `/v1`. */
export class ErrorBodyDto {
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', description: 'Stable: never renamed or removed.' }) error!: ErrorCode;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional() requestId?: string;
}
