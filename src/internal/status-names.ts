/**
 * String codes that name a status, as RPC frameworks and API conventions use them (JSON-RPC
 * frameworks' code keys, Google's API status names, GraphQL servers' `extensions.code`).
 * `TIMEOUT` is not here: it names a status only in an RPC framework's table; elsewhere it means a
 * dependency was too slow.
 */
export const STATUS_NAMES: Readonly<Record<string, number>> = {
  BAD_REQUEST: 400,
  PARSE_ERROR: 400,
  INVALID_ARGUMENT: 400,
  BAD_USER_INPUT: 400,
  UNAUTHORIZED: 401,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  METHOD_NOT_SUPPORTED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  GONE: 410,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  CONTENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_ENTITY: 422,
  UNPROCESSABLE_CONTENT: 422,
  PRECONDITION_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429,
  RESOURCE_EXHAUSTED: 429,
  CLIENT_CLOSED_REQUEST: 499,
  INTERNAL_SERVER_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
}

/** The status a string code names, e.g. `UNAUTHENTICATED` 401; `undefined` for any other code. */
export function statusOfName(code: string): number | undefined {
  return Object.hasOwn(STATUS_NAMES, code) ? STATUS_NAMES[code] : undefined
}

/**
 * A code that says the input failed validation (`VALIDATION_FAILED`, `VALIDATION_ERROR`,
 * `SCHEMA_VALIDATION_FAILURE`, `input-validation-failed`): the policy's validation row (422), as the
 * public code of that name is. Only of the input, not of a token's claims
 * (`ERR_JWT_CLAIM_VALIDATION_FAILED` is the auth family's) or of a GraphQL operation.
 */
export const VALIDATION_FAILED =
  /^(?:(?:SCHEMA|INPUT|REQUEST|BODY|PARAMS?|QUERY|DATA|DOCUMENT|FIELD|PAYLOAD|MODEL|ENTITY)[_-])?VALIDATION[_-](?:FAILED|FAILURE|ERROR)$/i
