import { AppException, ErrorCode } from '@ai-ticket/errors';

/**
 * A refused OpenAI request field: `invalid_request` (400) whose `param` names the field the way
 * OpenAI's errors do (`messages[0].role`), which the OpenAI error body carries.
 */
export function invalidParam(param: string, message: string): AppException {
  return new AppException(ErrorCode.InvalidRequest, message, { details: { param } });
}
