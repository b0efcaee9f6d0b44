import { catalog, type Example, errorWith } from './example.js'

// The carrier family reads a status wherever an error carries one, whoever threw it. Its examples
// are the shapes that RPC frameworks, upload parsers and GraphQL servers give their errors; real
// ones, thrown live by such libraries, are measured by the held-out set (test/held-out/), which a
// catalog must not name, so that its score stays a measure of errors no rule was written against.

/** An RPC framework's error class (`…RPCError`) with a string code, as a procedure throws it. */
class AppRPCError extends Error {
  override name = 'AppRPCError'
  constructor(readonly code: string) {
    super(`procedure failed: ${code}`)
  }
}
const rpc = (code: string) => () => new AppRPCError(code)

/** A GraphQL error with this `extensions.code`, as a resolver sets it. */
const gqlCode = (code: string) => () =>
  errorWith(
    `resolver failed: ${code}`,
    { path: ['order'], locations: [], extensions: { code } },
    'GraphQLError',
  )

/** A string code that names a status; `retryable` where the policy promises a retry may work. */
const named = (code: string, status: number, make: () => unknown, retryable?: true): Example => ({
  error: `a string code \`${code}\` (RPC frameworks, API conventions)`,
  make,
  rule: `carrier:${code}`,
  status,
  ...(retryable ? { retryable } : {}),
})

export default catalog('carrier', [
  {
    error: '`httpCode` (upload parsers, routing-controllers), e.g. 413',
    // An upload parser's error for a file over its size limit.
    make: () =>
      errorWith('options.maxFileSize (16 bytes) exceeded, received 64 bytes', { code: 1009, httpCode: 413 }),
    rule: 'carrier:httpCode',
    status: 413,
  },
  {
    error: 'a numeric `code` in 400–599, e.g. 404',
    // The shape service frameworks give their errors (a class per status, the status in `code`).
    make: () => errorWith('No record found for id 7', { code: 404, className: 'not-found' }, 'NotFound'),
    rule: 'carrier:code',
    status: 404,
  },
  {
    error: '`extensions.http.status`, e.g. 403',
    // Apollo Server's way to set a GraphQL error's HTTP status.
    make: () => errorWith('Not allowed', { extensions: { http: { status: 403 } } }, 'GraphQLError'),
    rule: 'carrier:extensions',
    status: 403,
  },
  named('BAD_REQUEST', 400, rpc('BAD_REQUEST')),
  named('PARSE_ERROR', 400, rpc('PARSE_ERROR')),
  named('INVALID_ARGUMENT', 400, gqlCode('INVALID_ARGUMENT')),
  // Apollo Server's `ApolloServerErrorCode.BAD_USER_INPUT`.
  named('BAD_USER_INPUT', 400, gqlCode('BAD_USER_INPUT')),
  named('UNAUTHORIZED', 401, rpc('UNAUTHORIZED')),
  // Apollo Server's documented code for a missing or invalid login.
  named('UNAUTHENTICATED', 401, gqlCode('UNAUTHENTICATED')),
  named('PAYMENT_REQUIRED', 402, rpc('PAYMENT_REQUIRED')),
  named('FORBIDDEN', 403, rpc('FORBIDDEN')),
  named('PERMISSION_DENIED', 403, gqlCode('PERMISSION_DENIED')),
  named('NOT_FOUND', 404, rpc('NOT_FOUND')),
  named('METHOD_NOT_ALLOWED', 405, gqlCode('METHOD_NOT_ALLOWED')),
  named('METHOD_NOT_SUPPORTED', 405, rpc('METHOD_NOT_SUPPORTED')),
  named('NOT_ACCEPTABLE', 406, gqlCode('NOT_ACCEPTABLE')),
  named('CONFLICT', 409, rpc('CONFLICT')),
  named('ALREADY_EXISTS', 409, gqlCode('ALREADY_EXISTS')),
  named('GONE', 410, gqlCode('GONE')),
  named('PRECONDITION_FAILED', 412, rpc('PRECONDITION_FAILED')),
  named('PAYLOAD_TOO_LARGE', 413, rpc('PAYLOAD_TOO_LARGE')),
  named('CONTENT_TOO_LARGE', 413, gqlCode('CONTENT_TOO_LARGE')),
  named('UNSUPPORTED_MEDIA_TYPE', 415, rpc('UNSUPPORTED_MEDIA_TYPE')),
  named('UNPROCESSABLE_ENTITY', 422, gqlCode('UNPROCESSABLE_ENTITY')),
  named('UNPROCESSABLE_CONTENT', 422, rpc('UNPROCESSABLE_CONTENT')),
  named('PRECONDITION_REQUIRED', 428, rpc('PRECONDITION_REQUIRED')),
  named('TOO_MANY_REQUESTS', 429, rpc('TOO_MANY_REQUESTS'), true),
  named('RESOURCE_EXHAUSTED', 429, gqlCode('RESOURCE_EXHAUSTED'), true),
  named('CLIENT_CLOSED_REQUEST', 499, rpc('CLIENT_CLOSED_REQUEST')),
  named('INTERNAL_SERVER_ERROR', 500, rpc('INTERNAL_SERVER_ERROR')),
  named('NOT_IMPLEMENTED', 501, rpc('NOT_IMPLEMENTED')),
  named('BAD_GATEWAY', 502, rpc('BAD_GATEWAY'), true),
  named('SERVICE_UNAVAILABLE', 503, rpc('SERVICE_UNAVAILABLE'), true),
  named('GATEWAY_TIMEOUT', 504, rpc('GATEWAY_TIMEOUT'), true),
  {
    error: "an RPC framework's `TIMEOUT` (an error named `…RPCError`)",
    make: rpc('TIMEOUT'),
    rule: 'carrier:TIMEOUT',
    status: 408,
    retryable: true,
  },
  {
    error: "a dependency's own `status_code` (no application frame on its stack): the upstream policy",
    make: () => {
      const error = errorWith('model not found', { status_code: 404 }, 'ResponseError')
      error.stack = [
        'ResponseError: model not found',
        '    at checkOk (/srv/app/node_modules/model-client/dist/index.js:71:9)',
        '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ].join('\n')
      return error
    },
    rule: 'carrier:dependency:4xx',
    status: 500,
  },
  {
    error: "a dependency's own code that names a status in any case, e.g. `too_many_requests`",
    make: () => {
      const error = errorWith('Too many requests', { code: 'too_many_requests', retryAfter: 7 }, 'ApiError')
      error.stack = [
        'ApiError: Too many requests',
        '    at Client.send (/srv/app/node_modules/billing-sdk/dist/index.js:212:15)',
        '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ].join('\n')
      return error
    },
    rule: 'carrier:dependency:429',
    status: 503,
    retryable: true,
    headers: ['retry-after'],
  },
  {
    error:
      "a dependency's class named for its upstream's reason phrase after its own words, e.g. `BlobPreconditionFailedError`: the upstream policy (a 412 is a conflict)",
    make: () => {
      const error = errorWith('Precondition failed: ETag mismatch.', {}, 'BlobPreconditionFailedError')
      error.stack = [
        'BlobPreconditionFailedError: Precondition failed: ETag mismatch.',
        '    at toError (/srv/app/node_modules/storage-sdk/dist/index.js:712:15)',
        '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ].join('\n')
      return error
    },
    rule: 'carrier:dependency:412',
    status: 409,
  },
  {
    error: 'a class name that says the resource already exists, e.g. `AlreadyExistsError`',
    // A directory or store client's error for an entry that is there already; its message stays ours.
    make: () => errorWith(' Code: 0x44', { code: 68 }, 'AlreadyExistsError'),
    rule: 'carrier:AlreadyExists',
    status: 409,
  },
  {
    error:
      "a class named for a client error's status and nothing more (`ForbiddenError`, `NotFoundException`), made on the application's own path",
    // An authorization library's denial, thrown by a call the handler made; its message stays ours.
    make: () => errorWith('Cannot execute "update" on "Article"', {}, 'ForbiddenError'),
    rule: 'carrier:class-name',
    status: 403,
  },
  {
    error: 'a code that says what already exists, e.g. `DOCUMENT_ALREADY_EXISTS`, `email-already-exists`',
    // An embedded store's error for a document id that is indexed already; its message stays ours.
    make: () => errorWith('A document with id "sku-1" already exists.', { code: 'DOCUMENT_ALREADY_EXISTS' }),
    rule: 'carrier:AlreadyExists',
    status: 409,
  },
  {
    error:
      'a code that says the input failed validation, e.g. `VALIDATION_ERROR`, `SCHEMA_VALIDATION_FAILURE`',
    // A service framework's or an embedded store's error for a document its schema rejected.
    make: () =>
      errorWith('Cannot insert document: "price" is not a number.', { code: 'SCHEMA_VALIDATION_FAILURE' }),
    rule: 'carrier:validation-failed',
    status: 422,
  },
  {
    error:
      'an error that keeps its status as `httpStatus`, its headers as properties (`allow`, `retryAfter` …)',
    // A framework's HTTP error class for the answer a handler chose.
    make: () => errorWith('Method Not Allowed', { httpStatus: 405, allow: ['GET', 'HEAD'] }),
    rule: 'carrier:httpStatus',
    status: 405,
    headers: ['allow'],
  },
  {
    error: "an error that keeps its status as `http_code` (an app's, made on our own code path)",
    make: () => errorWith('No such order', { http_code: 404 }),
    rule: 'carrier:http_code',
    status: 404,
  },
])
