import { IsBoolean, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

/** Optional generation parameters of an event. Types are strict: "0.5" is not a number. */
export class GenerationParamsDto {
  @IsOptional() @IsInt() @Min(1) @Max(32768)
  max_tokens?: number;

  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(2)
  temperature?: number;

  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  top_p?: number;

  @IsOptional() @IsBoolean()
  stream?: boolean;
}
