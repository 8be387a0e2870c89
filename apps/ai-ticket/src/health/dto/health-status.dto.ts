import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthStatusDto {
  @ApiProperty({ enum: ['healthy'] }) status!: string;
  @ApiProperty({ description: 'True while draining for shutdown.' }) shutdown_initiated!: boolean;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready', 'starting', 'draining', 'unavailable'] }) status!: string;
  @ApiProperty({ type: 'integer', description: 'Requests in flight.' }) inFlight!: number;
  @ApiPropertyOptional({ type: [String], description: 'Dependencies that are down, e.g. `rate-limit-store`.' }) failing?: string[];
}
