import { AppException, ErrorCode, httpStatusFor } from '@ai-ticket/errors';
import { getSchemaPath } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OpenAiErrorDto } from '../openai/dto/openai-error.dto';
import { toOpenAiError } from '../openai/openai-error.mapper';
import { ErrorBodyDto } from './error-body.dto';

/**
 * One response per error status, listing the codes answered with it, derived from the same mapping
 * the service uses (`httpStatusFor`, and `toOpenAiError` for `/v1`), so the document cannot drift.
 */
export function errorResponses(shape: 'openai' | 'contract'): Record<string, ResponseObject> {
  const codesByStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.values(ErrorCode)) {
    const status = shape === 'openai' ? toOpenAiError(new AppException(code, '')).status : httpStatusFor(code);
    codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), code]);
  }
  const schema = { $ref: getSchemaPath(shape === 'openai' ? OpenAiErrorDto : ErrorBodyDto) };
  const field = shape === 'openai' ? '`error.code`' : '`error`';
  return Object.fromEntries(
    [...codesByStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [String(status), { description: `${field} one of: ${codes.map((code) => `\`${code}\``).join(', ')}`, content: { 'application/json': { schema } } }]),
  );
}
