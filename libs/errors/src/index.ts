export { AppException, type AppExceptionOptions } from './app.exception';
export { ErrorCode } from './error-code.enum';
export type { ErrorBody, ErrorResponse } from './error-body.types';
export { httpStatusFor } from './error-status';
export { toErrorResponse } from './error-response.mapper';
export { AllExceptionsFilter } from './all-exceptions.filter';
export { errorOf, markError, type MarkedError } from './error-code.marker';
