/**
 * Stable error codes: part of the public API, clients branch on them.
 * Never rename or remove a code; only add new ones.
 */
export enum ErrorCode {
  InvalidRequest = 'invalid_request',
  Unauthorised = 'unauthorised',
  Forbidden = 'forbidden',
  RateLimited = 'rate_limited',
  RateLimiterUnavailable = 'rate_limiter_unavailable',
  TokenBudgetExceeded = 'token_budget_exceeded',
  InvalidInputFormat = 'invalid_input_format',
  MissingContentField = 'missing_content_field',
  PromptExtractionFailed = 'prompt_extraction_failed',
  PayloadTooLarge = 'payload_too_large',
  NotFound = 'not_found',
  ApiConnectionError = 'api_connection_error',
  ApiServerError = 'api_server_error',
  ApiRateLimited = 'api_rate_limited',
  ApiAuthenticationError = 'api_authentication_error',
  ApiClientError = 'api_client_error',
  ApiResponseFormatError = 'api_response_format_error',
  ApiResponseStructureError = 'api_response_structure_error',
  UpstreamTimeout = 'upstream_timeout',
  UpstreamUnavailable = 'upstream_unavailable',
  InternalError = 'internal_error',
}
