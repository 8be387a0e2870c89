import { ErrorCode } from './error-code.enum';

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`);
}

/** The one place an error code becomes an HTTP status. Exhaustive: a new code will not compile until mapped. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.InvalidRequest:
    case ErrorCode.InvalidInputFormat:
    case ErrorCode.MissingContentField:
      return 400;
    case ErrorCode.Unauthorised:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.RateLimited:
    case ErrorCode.TokenBudgetExceeded:
      return 429;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.PromptExtractionFailed:
      return 422;
    case ErrorCode.InternalError:
      return 500;
    case ErrorCode.ApiConnectionError:
    case ErrorCode.ApiServerError:
    case ErrorCode.ApiRateLimited:
    case ErrorCode.ApiAuthenticationError:
    case ErrorCode.ApiClientError:
    case ErrorCode.ApiResponseFormatError:
    case ErrorCode.ApiResponseStructureError:
      return 502;
    case ErrorCode.UpstreamUnavailable:
    case ErrorCode.RateLimiterUnavailable:
      return 503;
    case ErrorCode.UpstreamTimeout:
      return 504;
    default:
      return assertUnreachable(code);
  }
}
