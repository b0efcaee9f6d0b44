import { describe, expect, it } from 'vitest'
import { isTransientNetworkError } from '../../src/client/network-error.js'
import { classify } from '../../src/index.js'
import { nameWords } from '../../src/internal/name-words.js'

// Readings by meaning that no library's name decides: the shape of issues, a class name's words,
// the evidence of an outbound call beside a status, a message's words. Each has its negatives: the
// same words or shapes where they mean something else.

/** An error of a class named `name`, with own properties. */
function named(name: string, message: string, props: Record<string, unknown> = {}): Error {
  const Class = { [name]: class extends Error {} }[name] as new (message: string) => Error
  const error = Object.assign(new Class(message), props)
  error.name = name
  return error
}

/** An error made by a package after an await, as an SDK makes its report of an answer. */
function sdkMade(error: Error): Error {
  error.stack = [
    `${error.name}: ${error.message}`,
    '    at Client.handleHttpError (/srv/app/node_modules/vendor-sdk/lib/index.mjs:5030:21)',
    '    at Client.get (/srv/app/node_modules/vendor-sdk/lib/index.mjs:4908:9)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n')
  return error
}

describe('validation by shape', () => {
  it('reads issues under a key whose last word says so, each an error with a path', () => {
    const error = named('SchemaError', 'name: too short', {
      collectedErrors: [
        { error: new RangeError('Expect length to be minimum of 2 characters'), path: ['name'] },
        { error: new TypeError('Expecting value to be an array'), path: ['tags', 0] },
      ],
    })
    expect(classify(error)).toMatchObject({
      status: 422,
      rule: 'validation:shape',
      details: [
        { path: 'name', message: 'Expect length to be minimum of 2 characters', code: 'invalid' },
        { path: 'tags.0', message: 'Expecting value to be an array', code: 'invalid' },
      ],
    })
  })

  it('reads a Map of paths to sets of messages, and an object of paths to lists', () => {
    const map = named('ArgumentError', 'bad', {
      validationErrors: new Map([['limit', new Set(['Expected number to be in range [1..100]'])]]),
    })
    expect(classify(map)).toMatchObject({
      rule: 'validation:shape',
      details: [{ path: 'limit', message: 'Expected number to be in range [1..100]' }],
    })
    const object = named('FormError', 'bad', { fieldErrors: { email: ['is taken', 'is too long'] } })
    expect(classify(object).details).toEqual([
      { path: 'email', message: 'is taken', code: 'invalid' },
      { path: 'email', message: 'is too long', code: 'invalid' },
    ])
  })

  it('takes no object of plain strings, no key that only ends alike, no map of numbers for issues', () => {
    expect(classify(named('ReportError', 'x', { errors: { message: 'upstream said no' } })).rule).toBe(
      'fallback',
    )
    expect(classify(named('MirrorError', 'x', { terrors: [{ message: 'down', path: '/a' }] })).rule).toBe(
      'fallback',
    )
    expect(classify(named('CountError', 'x', { failedErrors: new Map([['a', 3]]) })).rule).toBe('fallback')
  })

  it('takes an error named …ValidationError with its own path array as one issue, and only such', () => {
    const one = named('ValidationError', 'expected string to have length greater than or equal to 2', {
      path: ['title'],
    })
    expect(classify(one)).toMatchObject({ status: 422, details: [{ path: 'title' }] })
    // A path array on another kind of error (a GraphQL error's response path) is no issue.
    expect(classify(named('ResolverError', 'boom', { path: ['order', 'items'] })).status).toBe(500)
  })
})

describe("a class name's words", () => {
  it('are the words of a code', () => {
    expect(nameWords('InvalidTokenError')).toBe('INVALID_TOKEN_ERROR')
    expect(nameWords('JWTExpired')).toBe('JWT_EXPIRED')
    expect(nameWords('x'.repeat(65))).toBeUndefined()
  })

  it('that say a token is bad are 401 with the Bearer challenge; a token error of our key is not', () => {
    expect(classify(named('InvalidTokenError', 'Invalid token specified'))).toMatchObject({
      status: 401,
      rule: 'auth:token-invalid',
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    })
    expect(classify(named('AccessTokenExpiredError', 'expired')).rule).toBe('auth:token-expired')
    expect(classify(named('InvalidTokenKeyError', 'bad key')).status).toBe(500)
    expect(classify(named('TokenError', 'something')).status).toBe(500)
  })

  it('that say a resource already exists are 409 with our message; a bare name (a path) is not', () => {
    expect(classify(named('UserAlreadyExistsException', 'cn=ada,ou=people exists'))).toMatchObject({
      status: 409,
      rule: 'carrier:AlreadyExists',
      expose: false,
    })
    expect(classify(named('AlreadyExists', 'File exists (os error 17)')).status).toBe(500)
  })
})

describe('outbound evidence beside a status', () => {
  it("an API's own error number beside the status: the status is the API's answer", () => {
    const error = named('InvalidAPIKeyError', 'The token you provided was invalid.', {
      statusCode: 401,
      code: 10,
    })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'outbound:4xx' })
    expect(
      classify(named('RateLimitExceededError', 'Rate limit', { statusCode: 429, code: 0 })),
    ).toMatchObject({
      status: 503,
      retryable: true,
    })
  })

  it('an app error whose code is its status, or a string, keeps its status', () => {
    expect(classify(named('NotFound', 'No record', { code: 404, statusCode: 404 })).status).toBe(404)
    expect(classify(named('AppError', 'Email taken', { statusCode: 409, code: 'EMAIL_TAKEN' })).status).toBe(
      409,
    )
  })

  it('a record of attempts whose last holds the request and its response', () => {
    const attempt = (status: number) => ({
      request: { url: 'https://search.example/1/indexes', method: 'GET' },
      response: { status, content: '{}', headers: { 'retry-after': '7' } },
    })
    const error = named('ApiError', 'Too many requests', { status: 429, log: [attempt(500), attempt(429)] })
    expect(classify(error)).toMatchObject({
      status: 503,
      rule: 'outbound:429',
      headers: { 'retry-after': '7' },
    })
    // A list of items that made no request is no record of calls: the app's own status stands.
    const own = named('ApiError', 'Forbidden', {
      status: 403,
      items: [{ response: { status: 200, body: '' } }],
    })
    expect(classify(own).status).toBe(403)
  })

  it('a numeric code in 400–599 is the status of a client error that keeps no response', () => {
    const error = named('Error', 'HTTP-Code: 429', {
      code: 429,
      body: { message: 'rate limited' },
      headers: { date: 'Sun, 06 Dec 2026 19:37:54 GMT', 'retry-after': '7', connection: 'keep-alive' },
    })
    expect(classify(error)).toMatchObject({ status: 503, headers: { 'retry-after': '7' } })
  })
})

describe("a message's words", () => {
  it('read a timeout without a space, a quoted one and the one AbortSignal.timeout() gives', () => {
    expect(classify(new Error('timedout while connecting to smtp server')).status).toBe(504)
    expect(classify(named('SdkError', '"timeout"')).status).toBe(504)
    expect(classify(named('MailError', 'The operation was aborted due to timeout')).status).toBe(504)
  })

  it('read a connection that ended as a reset, a used-up quota as unavailable, spent retries as 502', () => {
    expect(classify(named('SmtpError', 'connection has ended')).rule).toBe('transient:reset')
    expect(classify(new Error('ERR max requests limit exceeded. Limit: 500000')).rule).toBe(
      'transient:exhausted',
    )
    expect(classify(new Error('Too many requests, slow down')).status).toBe(503)
    expect(classify(new Error('Maximum retries exceeded for GET /v1/items'))).toMatchObject({
      status: 502,
      rule: 'transient:retries-exhausted',
      retryable: true,
    })
  })

  it("read an upstream's status line, never as the status itself", () => {
    expect(classify(new Error('Unable to parse response body: <h1>502 Bad Gateway</h1>')).status).toBe(502)
    expect(classify(new Error('Request failed: 401 Unauthorized')).status).toBe(500)
  })

  it('leave the words a client never meets in a fetch to the classifier', () => {
    // A client retries network faults; a pool or quota message is no fetch failure.
    expect(isTransientNetworkError(new Error('connection has ended'))).toBe(true)
    expect(isTransientNetworkError(new Error('The pool is full'))).toBe(false)
    expect(isTransientNetworkError(new Error('authentication failed for user "app"'))).toBe(false)
  })
})

/** An error with the stack a dependency gives it when it makes it after an awaited call. */
function madeInPackage(error: Error, inApp = false): Error {
  const frames = [
    '    at Client.request (/srv/app/node_modules/some-client/dist/index.js:120:11)',
    inApp ? '    at loadUser (/srv/app/src/users.js:12:9)' : undefined,
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async handler (/srv/app/src/routes.js:3:3)',
  ].filter(Boolean)
  error.stack = `${error.name}: ${error.message}\n${frames.join('\n')}`
  return error
}

describe('who made a status error', () => {
  it("is a dependency when no frame before the task queue is the application's: the upstream policy", () => {
    const report = madeInPackage(named('ClientError', 'Unauthorized', { status: 401 }))
    expect(classify(report)).toMatchObject({ status: 500, rule: 'status:dependency:4xx' })
    const limited = madeInPackage(named('ClientError', 'Too Many Requests', { status: 429, retryAfter: 7 }))
    expect(classify(limited)).toMatchObject({
      status: 503,
      rule: 'status:dependency:429',
      headers: { 'retry-after': '7' },
    })
  })

  it("is the application's when a frame is, when there is no stack, or when a code says what it is", () => {
    expect(classify(madeInPackage(named('ClientError', 'Unauthorized', { status: 401 }), true)).status).toBe(
      401,
    )
    const bare = named('ApiError', 'Not Found', { status: 404 })
    expect(classify(bare).status).toBe(404) // made here, in a test file of the application
    expect(classify({ status: 404, message: 'Not Found' }).status).toBe(404)
    // Middleware in a package makes errors for our own answer: an auth middleware's, with its code.
    const middleware = madeInPackage(
      named('UnauthorizedError', 'No token', { status: 401, code: 'no_token' }),
    )
    expect(classify(middleware).status).toBe(401)
    // …unless its class is named as a client's.
    const client = madeInPackage(
      named('VendorAPIResponseError', 'Forbidden', { status: 403, code: 'api_error' }),
    )
    expect(classify(client).status).toBe(500)
  })

  it("looks through the runtime's own frames to the caller", () => {
    const viaEmitter = named('ClientError', 'Unauthorized', { status: 401 })
    viaEmitter.stack = [
      'ClientError: Unauthorized',
      '    at Socket.onData (/srv/app/node_modules/some-client/dist/index.js:88:13)',
      '    at Socket.emit (node:events:517:28)',
      '    at emitOrder (/srv/app/src/orders.js:40:10)',
    ].join('\n')
    expect(classify(viaEmitter).status).toBe(401)
    viaEmitter.stack = [
      'ClientError: Unauthorized',
      '    at Socket.onData (/srv/app/node_modules/some-client/dist/index.js:88:13)',
      '    at Socket.emit (node:events:517:28)',
      '    at TCP.onStreamRead (node:internal/stream_base_commons:190:23)',
    ].join('\n')
    expect(classify(viaEmitter).status).toBe(500)
  })

  it("takes an error made while a module loaded (a template to copy) for nobody's", () => {
    const template = named('conflict', 'Document update conflict', { status: 409 })
    template.stack = [
      'conflict: Document update conflict',
      '    at Object.<anonymous> (/srv/app/node_modules/some-db/lib/errors.js:27:20)',
      '    at Module._compile (node:internal/modules/cjs/loader:1521:14)',
    ].join('\n')
    expect(classify(template).status).toBe(409)
  })

  it("takes an error made on a synchronous path of the server (middleware) for the app's", () => {
    const middleware = named('AuthenticationError', 'Unauthorized', { status: 401 })
    middleware.stack = [
      'AuthenticationError: Unauthorized',
      '    at allFailed (/srv/app/node_modules/auth-kit/lib/middleware/authenticate.js:110:18)',
      '    at attempt (/srv/app/node_modules/auth-kit/lib/middleware/authenticate.js:183:28)',
      '    at Layer.handle (/srv/app/node_modules/router/lib/layer.js:152:17)',
      '    at next (/srv/app/node_modules/router/lib/route.js:157:13)',
    ].join('\n')
    expect(classify(middleware).status).toBe(401)
  })

  it('reads no frame out of the message', () => {
    const spoofed = named('ClientError', 'x\n    at fake (/srv/app/src/evil.js:1:1)', { status: 401 })
    expect(classify(madeInPackage(spoofed)).status).toBe(500)
  })
})

describe('more outbound evidence and carriers', () => {
  it("a response without a status, with an upstream's headers: the error's own code is its status", () => {
    const error = named('ResponseError', 'Unauthorized', {
      code: 401,
      response: { headers: { date: 'Sun, 06 Dec 2026 19:37:54 GMT', server: 'nginx' }, body: { errors: [] } },
    })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'outbound:4xx' })
  })

  it('a numeric code that the message begins with is a protocol reply, not a status', () => {
    expect(classify(named('FTPError', '530 Login incorrect.', { code: 530 })).status).toBe(500)
    expect(classify(named('FTPError', '421 Too many connections', { code: 421 })).status).toBe(503)
    expect(classify(named('NotFound', 'No record found for id 7', { code: 404 })).status).toBe(404)
  })

  it('follows `lastError`, and `raw` only when it is an error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    expect(classify(named('RetryError', 'All retries failed', { lastError: refused })).rule).toBe(
      'node-system:ECONNREFUSED',
    )
    expect(classify(named('SdkError', 'Fetch failed', { raw: refused })).status).toBe(503)
    expect(classify(named('SdkError', 'Failed', { raw: { status: 404, message: 'nope' } })).status).toBe(500)
  })

  it('reads a throttling code and a refusal or break of a named connection', () => {
    expect(classify(named('Error', 'Command failed', { code: 'ETHROTTLE' })).rule).toBe('transient:exhausted')
    expect(
      classify(new Error('NJS-511: connection to listener at host 10.0.0.5 port 1521 was refused')).status,
    ).toBe(503)
    expect(classify(new Error('NJS-500: connection to the database was broken')).status).toBe(502)
  })

  it('reads issues as a list of [path, error] pairs', () => {
    const error = named('CombinedPropertyError', 'Received one or more errors', {
      errors: [
        ['email', new Error('Invalid email address')],
        ['age', new Error('Expected an integer')],
      ],
    })
    expect(classify(error)).toMatchObject({
      status: 422,
      details: [
        { path: 'email', message: 'Invalid email address' },
        { path: 'age', message: 'Expected an integer' },
      ],
    })
  })
})

describe("the third batch's readings", () => {
  it("reads a token name only as a class name, never an API's error id", () => {
    expect(classify(named('AccessTokenInvalid', '{"status": 401}')).rule).not.toMatch(/^auth:/)
    expect(classify(named('InvalidTokenException', 'bad')).rule).toBe('auth:token-invalid')
  })

  it("reads a status in a JSON message as an upstream's", () => {
    const error = named('ContentError', '{ "status": 404, "statusText": "Not Found", "message": "gone" }')
    expect(classify(error)).toMatchObject({ status: 500, rule: 'transient:upstream:4xx' })
  })

  it('reads `httpResponse` as a response, and a Boom whose `data` holds the response it got', () => {
    const error = named('ProviderApiError', 'Failed', {
      httpResponse: { status: 503, body: 'loading', headers: { 'retry-after': '5' } },
    })
    expect(classify(error)).toMatchObject({
      status: 503,
      rule: 'outbound:503',
      headers: { 'retry-after': '5' },
    })
    const boom = named('Error', 'Response Error: 401 Unauthorized', {
      isBoom: true,
      output: { statusCode: 401, payload: {}, headers: {} },
      data: { isResponseError: true, res: { statusCode: 401, headers: { date: 'x' } }, payload: '' },
    })
    expect(classify(boom)).toMatchObject({ status: 500, rule: 'outbound:4xx' })
    // A Boom of the application's own, whatever its `data`, keeps its status.
    const own = named('Error', 'Nope', {
      isBoom: true,
      output: { statusCode: 403, payload: {}, headers: {} },
    })
    expect(classify(own).status).toBe(403)
  })

  it("follows the upstream policy for a dependency's `status_code`", () => {
    const report = madeInPackage(named('ResponseError', 'unauthorized', { status_code: 401 }))
    expect(classify(report)).toMatchObject({ status: 500, rule: 'carrier:dependency:4xx' })
    expect(classify(named('ResponseError', 'unauthorized', { status_code: 401 })).status).toBe(401)
  })

  it('reads a client\'s `type` in a code\'s words, and "failed to connect"', () => {
    const timedOut = named('FetchError', 'request timed out', {
      code: 'FETCH_ERROR',
      type: 'request-timeout',
    })
    expect(classify(timedOut).status).toBe(504)
    expect(classify(named('FetchError', 'x', { code: 'FETCH_ERROR', type: 'system' })).status).toBe(500)
    expect(classify(named('StoreConnectionError', 'Failed to connect to the store')).status).toBe(503)
  })
})

describe("the fourth batch's readings", () => {
  it("follows the upstream policy for a dependency's numeric or named code, in any case", () => {
    const numeric = madeInPackage(named('ApiException', 'HTTP-Code: 403', { code: 403, body: {} }))
    expect(classify(numeric)).toMatchObject({ status: 500, rule: 'carrier:dependency:4xx' })
    const named429 = madeInPackage(
      named('ApiError', 'Too many', { code: 'too_many_requests', retryAfter: 7 }),
    )
    expect(classify(named429)).toMatchObject({ status: 503, headers: { 'retry-after': '7' } })
    // The application's own: its numeric code stands, and a lower-case code names nothing.
    expect(classify(named('ApiException', 'Forbidden', { code: 403 })).status).toBe(403)
    expect(classify(named('AppError', 'x', { code: 'too_many_requests' })).status).toBe(500)
  })

  it('follows an error kept under `error`, and reads a status line with a colon', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    expect(classify(named('RequestError', 'Request failed', { error: refused })).status).toBe(503)
    expect(classify(named('BotError', '502: Bad Gateway')).status).toBe(502)
  })
})

describe("the ninth batch's readings", () => {
  it("takes an error named by its status's reason phrase for our own answer (an OpenAPI validator's)", () => {
    for (const [name, status] of [
      ['Method Not Allowed', 405],
      ['Unauthorized', 401],
      ['Payload Too Large', 413],
    ] as const) {
      expect(classify(madeInPackage(named(name, 'x', { status }))).status).toBe(status)
    }
    // A client's class name, or a phrase of another status, says nothing of the kind.
    expect(classify(madeInPackage(named('NotFoundError', 'x', { status: 404 }))).status).toBe(500)
    expect(classify(madeInPackage(named('Not Found', 'x', { status: 401 }))).status).toBe(500)
  })

  it("reads a status the message reports as a call's answer, and a body still to be read, as an upstream's", () => {
    // A package's error whose frames run out before the runtime called back (too deep to tell).
    const deep = named('ApiError', 'HTTP 404: Not Found', { status: 404 })
    const frames = '    at step (/srv/app/node_modules/sdk/dist/index.js:1:1)\n'.repeat(10)
    deep.stack = `ApiError: HTTP 404: Not Found\n${frames}`
    expect(classify(deep)).toMatchObject({ status: 500, rule: 'status:dependency:4xx' })
    const limited = madeInPackage(
      named('ClientError', 'Request failed with status code 503', { status: 503 }),
    )
    expect(classify(limited).status).toBe(503)
    // An error the application made keeps its status whatever it says, and so does an error whose
    // message is about another status or reports no call.
    expect(classify(named('HttpError', 'HTTP 404', { status: 404 })).status).toBe(404)
    const own = named('ApiError', 'Order 404 not found', { status: 404 })
    own.stack = `ApiError: Order 404 not found\n${frames}`
    expect(classify(own).status).toBe(404)
    expect(classify(named('ApiError', 'HTTP 502 from the cache', { status: 404 })).status).toBe(404)
    const streamed = named('GraphError', '', { statusCode: 500, body: new ReadableStream() })
    expect(classify(streamed)).toMatchObject({ status: 502, rule: 'outbound:5xx' })
    expect(classify(named('ApiError', 'x', { statusCode: 409, body: { id: 1 } })).status).toBe(409)
  })

  it("follows the upstream policy for a numeric code that is a dependency's only status", () => {
    const only = madeInPackage(named('VendorException', 'Rate limit', { code: 429, type: 'rate_limited' }))
    expect(classify(only)).toMatchObject({ status: 503, rule: 'carrier:dependency:429' })
    // Beside a status, the same code is a code of the error's own: middleware's answer stands.
    const middleware = madeInPackage(named('invalid_token', 'Invalid token', { code: 401, status: 401 }))
    expect(classify(middleware).status).toBe(401)
  })

  it('reads a fetch that failed, a hyphenated time-out and a queue at its limit', () => {
    expect(
      classify(named('SdkError', 'Error fetching from https://api.example.com/v1: fetch failed')),
    ).toMatchObject({ status: 502, rule: 'transient:fetch-failed', retryable: true })
    expect(classify(new Error('Failed to fetch'))).toMatchObject({ status: 502 })
    expect(classify(named('FetchError', 'Response time-out (after 250 ms.)')).status).toBe(504)
    expect(classify(new Error('Task queue is at limit'))).toMatchObject({
      status: 503,
      rule: 'transient:exhausted',
    })
    // A programmer's TypeError is not read; "fetched" or "failed" alone say nothing.
    expect(classify(new TypeError('x is not a function: fetch failed')).status).toBe(500)
    expect(classify(new Error('fetched 3 rows, 1 failed')).status).toBe(500)
  })

  it('reads a rate limit in a class name or code, with a wait in seconds as the Retry-After', () => {
    expect(classify(named('RateLimitError', 'slow down', { retryAfter: 7 }))).toMatchObject({
      status: 503,
      headers: { 'retry-after': '7' },
    })
    expect(classify(named('ClientError', 'x', { code: 'slack_webapi_rate_limited_error' })).status).toBe(503)
    expect(classify(named('ResourceExhaustedError', 'x', { retry_after: 3 })).headers['retry-after']).toBe(
      '3',
    )
    // A wait in milliseconds (7000) is not passed on as seconds.
    expect(
      classify(named('RateLimitError', 'x', { retryAfter: 7000 })).headers['retry-after'],
    ).toBeUndefined()
    // A name that only mentions a limit says nothing.
    expect(classify(named('LimitError', 'x')).status).toBe(500)
  })
})

describe("the tenth batch's readings", () => {
  it('reads issues grouped by where they were found, and an ajv 6 `dataPath`', () => {
    const grouped = named('JsonSchemaValidationError', '', {
      validationErrors: {
        body: [{ instancePath: '/email', message: 'must match format "email"', keyword: 'format' }],
        query: [{ instancePath: '', message: "must have required property 'page'" }],
      },
    })
    expect(classify(grouped)).toMatchObject({
      status: 422,
      details: [
        { path: 'body.email', message: 'must match format "email"', code: 'format' },
        { path: 'query', message: "must have required property 'page'" },
      ],
    })
    const ajv6 = named('ValidationError', 'Validation failed', {
      errors: [{ keyword: 'format', dataPath: '.email', message: 'should match format "email"' }],
    })
    expect(classify(ajv6)).toMatchObject({ status: 422, details: [{ path: 'email' }] })
    // Groups that are not all lists of issues are no issues.
    expect(classify(named('ConfigError', 'x', { validationErrors: { body: ['a'], count: 3 } })).status).toBe(
      500,
    )
  })

  it('reads a code or type that says too many queries or connections, a connection closed before an answer, and `responseHeaders`', () => {
    expect(classify(named('Error', 'x', { code: '202', type: 'TOO_MANY_SIMULTANEOUS_QUERIES' })).status).toBe(
      503,
    )
    expect(classify(named('Error', 'x', { code: 'TOO_MANY_ROWS' })).status).toBe(500)
    expect(
      classify(named('DriverError', 'The connection was closed before the query could be completed')),
    ).toMatchObject({
      status: 502,
      rule: 'transient:reset',
    })
    const limited = named('APICallError', 'Too Many Requests', {
      statusCode: 429,
      url: 'https://api.example.com/v1/chat',
      responseHeaders: { 'retry-after': '7' },
    })
    expect(classify(limited)).toMatchObject({ status: 503, headers: { 'retry-after': '7' } })
  })
})

describe("the eleventh batch's readings", () => {
  it('follows an error under any own key named …Error, and only an error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    const wrapped = named('DbError', 'Error connecting to database: TypeError: fetch failed', {
      sourceError: refused,
    })
    expect(classify(wrapped)).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
    expect(classify(named('AppError', 'x', { lastSeenError: 'ECONNREFUSED' })).status).toBe(500)
  })

  it('reads a connection to a named server that was lost as a reset', () => {
    expect(classify(new Error('Connection to Firebird server was lost.'))).toMatchObject({
      status: 502,
      rule: 'transient:reset',
    })
  })

  it('reads `raw` as a response only when it is one with a status: its headers give the Retry-After', () => {
    const raw = { statusCode: 429, headers: { 'retry-after': '7', date: 'Sun, 06 Dec 2026 22:00:00 GMT' } }
    const limited = named('Error', 'GET failed with: 429', { statusCode: 429, body: {}, raw })
    expect(classify(limited)).toMatchObject({ status: 503, headers: { 'retry-after': '7' } })
    // A raw body is no response: the error's own status decides.
    expect(classify(named('ApiError', 'x', { status: 409, raw: { message: 'taken' } })).status).toBe(409)
  })

  it('takes an error made in a timer or an immediate by a package for nobody in particular', () => {
    const parsed = named('Error', 'Unclosed root tag', { status: 400 })
    parsed.stack = [
      'Error: Unclosed root tag',
      '    at error (/srv/app/node_modules/sax/lib/sax.js:652:10)',
      '    at Parser.parseString (/srv/app/node_modules/xml2js/lib/parser.js:327:31)',
      '    at Immediate.<anonymous> (/srv/app/node_modules/xml2js/lib/parser.js:50:19)',
      '    at process.processImmediate (node:internal/timers:483:21)',
    ].join('\n')
    expect(classify(parsed).status).toBe(400)
  })
})

describe('a validation error that is one rule rejecting one value', () => {
  it('is one issue at the value, named by its rule, its message scrubbed of the value', () => {
    const shaped = named(
      'ValidationError',
      'Expected the value to be an object, but received string instead',
      {
        validator: 's.object(T)',
        given: 'ada@example.com',
      },
    )
    expect(classify(shaped)).toMatchObject({
      status: 422,
      rule: 'validation:shape',
      details: [{ path: '', code: 's.object(T)' }],
    })
    class ValidationError extends Error {}
    const rule = Object.assign(new ValidationError(''), {
      rule: { name: 'between', args: [1, 100] },
      value: 500,
    })
    expect(classify(rule)).toMatchObject({ status: 422, details: [{ code: 'between' }] })
    const echoes = named('ValidationError', 'ada@example.com is not an object', {
      validator: 'object',
      given: 'ada@example.com',
    })
    expect(classify(echoes).details?.[0]?.message).not.toContain('ada@example.com')
    // Without the rejected value or without the rule, a name alone says nothing.
    expect(classify(named('ValidationError', 'bad', { value: 1 })).status).toBe(500)
    expect(classify(named('ValidationError', 'bad', { rule: 'min' })).status).toBe(500)
  })
})

describe("the twelfth batch's readings", () => {
  it("lets a recognised cause speak under a plugin's catch-all 500", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const proxied = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1', { cause: refused }), {
      code: 'FST_REPLY_FROM_INTERNAL_SERVER_ERROR',
      statusCode: 500,
    })
    expect(classify(proxied)).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
    // A 500 whose cause says nothing more stays a 500; a chosen 4xx over a refusal stays the 4xx.
    expect(classify(named('ProxyError', 'x', { statusCode: 500, cause: new Error('y') })).status).toBe(500)
    expect(
      classify(Object.assign(new Error('no user', { cause: refused }), { statusCode: 401 })).status,
    ).toBe(401)
  })

  it('reads a dependency that is not connected as unavailable', () => {
    const error = new Error('Connection is not ready, either not connected yet or disconnected')
    expect(classify(error)).toMatchObject({ status: 503, retryable: true })
  })

  it('takes an error that holds a path, a message and the input it rejected for one issue, whatever its name', () => {
    const failed = named('SuryError', 'Failed at qty: Expected int32, received 1.5', {
      code: 'invalid_input',
      path: ['qty'],
      received: 1.5,
    })
    expect(classify(failed)).toMatchObject({ status: 422, details: [{ path: 'qty', code: 'invalid_input' }] })
    // A path and a message without the rejected input: no issue.
    expect(classify(named('PatchError', 'Cannot apply', { path: ['a'] })).status).toBe(500)
  })
})

describe("a wrapper's Retry-After", () => {
  it("is its cause's response's, when that answered the same status", () => {
    const cause = named('AxiosError', 'Request failed with status code 429', {
      response: { status: 429, headers: { 'retry-after': '7' }, data: {} },
    })
    const wrapper = named('HttpException', 'Too Many Requests', {
      status: 429,
      response: { status: 429, statusText: 'Too Many Requests', data: {} },
      cause,
    })
    expect(classify(wrapper)).toMatchObject({ status: 503, headers: { 'retry-after': '7' } })
    // A cause that answered another status lends no wait.
    const other = named('AxiosError', 'x', {
      response: { status: 503, headers: { 'retry-after': '9' }, data: {} },
    })
    const stale = named('HttpException', 'x', {
      status: 429,
      response: { status: 429, data: {} },
      cause: other,
    })
    expect(classify(stale).headers['retry-after']).toBeUndefined()
  })
})

describe("the fourteenth batch's readings", () => {
  const requestOptions = { protocol: 'https:', hostname: 'api.example.com', path: '/v1/items', method: 'GET' }

  it("reads Node's request options as the call we made, and the API's error kept under `error`", () => {
    const limited = {
      request_options: requestOptions,
      error: { message: 'Rate Limit Exceeded', http_code: 429 },
    }
    expect(classify(limited)).toMatchObject({ status: 503, retryable: true, rule: 'outbound:429' })
    const refused = { request_options: requestOptions, error: { message: 'Invalid key', http_code: 401 } }
    expect(classify(refused)).toMatchObject({ status: 500, rule: 'outbound:4xx' })
    const failed = { message: 'Server error', http_code: 500, request_options: requestOptions }
    expect(classify(failed)).toMatchObject({ status: 502, rule: 'outbound:5xx' })
    // Options without a host to call are no call; an `error` without the call's evidence is no answer.
    const local = Object.assign(new Error('bad page'), {
      status: 400,
      options: { path: '/a', method: 'GET' },
    })
    expect(classify(local)).toMatchObject({ status: 400 })
    expect(classify({ error: { message: 'x', http_code: 401 } }).status).toBe(500)
  })

  it('reads 420, the rate limit of APIs older than 429, as an overloaded upstream', () => {
    const calm = { request_options: requestOptions, error: { message: 'Enhance your calm', http_code: 420 } }
    expect(classify(calm)).toMatchObject({ status: 503, retryable: true })
  })

  it('reads "HTTP response: 502" and "status code - 503" as the status an upstream answered', () => {
    expect(classify(named('unexpectedError', 'Unexpected HTTP response: 502'))).toMatchObject({
      status: 502,
      retryable: true,
    })
    expect(classify(new Error('Server returned unexpected status code - 503'))).toMatchObject({
      status: 503,
      retryable: true,
    })
    // A status the application chose, reported in the same words, is ours.
    expect(classify(new Error('HTTP response was 200 but the body is empty')).status).toBe(500)
  })

  it('reads a queue whose size limit was reached as unavailable', () => {
    expect(classify(new Error('Max queue size of 1 reached'))).toMatchObject({ status: 503, retryable: true })
    expect(classify(new Error('queue size must be a positive integer')).status).toBe(500)
  })

  it('reads a code that names what already exists as a conflict, but not a file that exists', () => {
    const exists = Object.assign(new Error('A document with id "sku-1" already exists.'), {
      code: 'DOCUMENT_ALREADY_EXISTS',
    })
    // The message of a library's code is not promised fit for a client.
    expect(classify(exists)).toMatchObject({ status: 409, rule: 'carrier:AlreadyExists', expose: false })
    expect(classify(Object.assign(new Error('taken'), { code: 'auth/email-already-exists' })).status).toBe(
      409,
    )
    expect(classify(Object.assign(new Error('EEXIST: file already exists'), { code: 'EEXIST' })).status).toBe(
      500,
    )
    expect(classify(Object.assign(new Error('x'), { code: 'ALREADY_EXISTS_CHECK_FAILED' })).status).toBe(500)
  })

  it('reads a store\'s "Duplicate key" as a unique violation, but not a parser\'s duplicated key', () => {
    expect(classify(new Error('Duplicate key for property email: ada@example.com'))).toMatchObject({
      status: 409,
      rule: 'sql-message:unique',
    })
    expect(classify(new Error('duplicated mapping key (3:1)')).status).toBe(500)
  })
})

describe("the fifteenth batch's readings", () => {
  it("takes a GraphQL response's errors for a failed operation, never a client's issues", () => {
    const combined = named('CombinedGraphQLErrors', 'Not authenticated', {
      errors: [{ message: 'Not authenticated', path: ['me'], extensions: { code: 'UNAUTHENTICATED' } }],
      data: null,
    })
    expect(classify(combined).status).toBe(500)
    // The same list without the marks of a GraphQL error is a validator's.
    const issues = named('InputError', 'Invalid', { errors: [{ message: 'Required', path: ['me'] }] })
    expect(classify(issues)).toMatchObject({ status: 422, details: [{ path: 'me' }] })
  })

  it('reads a breaker or bulkhead that turned a call away, and a rate limit in any case, as unavailable', () => {
    for (const name of ['BreakerError', 'OpenCircuitError', 'BulkheadOverloadError', 'RatelimitError']) {
      expect(classify(named(name, 'x')), name).toMatchObject({ status: 503, retryable: true })
    }
    // A timeout said by the name is still a timeout.
    expect(classify(named('CircuitBreakerTimeoutError', 'x')).status).toBe(504)
    expect(classify(named('CircuitBoardError', 'x')).status).toBe(503)
    expect(classify(named('BreakingChangeError', 'x')).status).toBe(500)
    // A minified class says nothing: its message's words do.
    for (const message of ['Circuit is opened', 'Breaker is open', 'Circuit is overloaded', 'Ratelimited']) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 503, retryable: true })
    }
    expect(classify(new Error('The file could not be opened')).status).toBe(500)
  })

  it("follows the errors a bulk operation kept as `failures`, and reads the platform's ConstraintError as a conflict", () => {
    const taken = new DOMException('Key already exists in the object store.', 'ConstraintError')
    expect(classify(taken)).toMatchObject({ status: 409, rule: 'runtime:web:ConstraintError' })
    const bulk = named('BulkError', '1 of 2 operations failed', {
      failures: [taken],
      failuresByPos: { 1: taken },
    })
    expect(classify(bulk)).toMatchObject({ status: 409, cause: taken })
    // A list of failures that are not errors is no carrier.
    expect(classify(named('BulkError', 'x', { failures: ['row 2'] })).status).toBe(500)
  })

  it('reads a response a client keeps in its record of the exchange (`meta: { response }`)', () => {
    const response = new Response('{}', { status: 429, headers: { 'retry-after': '7' } })
    const error = named('ClientError', 'Rate limit exceeded', { meta: { response } })
    expect(classify(error)).toMatchObject({ status: 503, headers: { 'retry-after': '7' } })
    // A `meta` of another kind (an ORM's target columns) is no exchange.
    expect(classify(named('StoreError', 'x', { meta: { target: ['email'] } })).status).toBe(500)
  })

  it('reads a WebSocket close event by its code, and only a close event', () => {
    const close = (code: number) => ({ type: 'close', code, reason: '', wasClean: code !== 1006 })
    expect(classify(close(1006))).toMatchObject({ status: 502, retryable: true, rule: 'websocket:closed' })
    expect(classify(close(4401))).toMatchObject({ status: 500, rule: 'websocket:4xx' })
    expect(classify(close(4429))).toMatchObject({ status: 503, retryable: true })
    // A numeric code of four digits on anything else is no close code.
    expect(classify(Object.assign(new Error('x'), { code: 4500 })).status).toBe(500)
  })
})

describe("the sixteenth batch's readings", () => {
  it("takes a status error with a code of its own for a dependency's report when it keeps the upstream request's id", () => {
    const missing = sdkMade(
      named('NotFoundException', "Could not find organization 'org_1'", {
        status: 404,
        code: 'entity_not_found',
        requestID: 'req_01',
      }),
    )
    expect(classify(missing)).toMatchObject({ status: 500, rule: 'status:dependency:4xx' })
    // The same error without the request's id is a middleware's answer for us, as before.
    const answer = sdkMade(
      named('NotFoundException', 'No such page', { status: 404, code: 'page_not_found' }),
    )
    expect(classify(answer).status).toBe(404)
  })

  it("reads the status an outbound error's class is named for, where it keeps none", () => {
    const url = 'https://api.example.com/v2/documents'
    expect(classify(named('ForbiddenError', 'Invalid access token', { url }))).toMatchObject({
      status: 500,
      rule: 'outbound:4xx',
    })
    expect(classify(named('RepositoryNotFoundError', 'x', { url })).status).toBe(500)
    expect(classify(named('InternalServerError', 'x', { url }))).toMatchObject({ status: 502 })
    expect(classify(named('ServiceUnavailableException', 'x', { url }))).toMatchObject({
      status: 503,
      retryable: true,
    })
    // A class named for nothing of the kind stays the call's failure (502), and so does a client's
    // failure to parse the answer.
    expect(classify(named('ParsingError', 'x', { url })).status).toBe(502)
    expect(classify(named('ParseError', 'Unexpected token <', { url })).status).toBe(502)
  })

  it("reads `http_status_code` as a client's copy of the upstream's status", () => {
    const rejected = {
      message: 'Sorry, authentication failed',
      http_status_code: 401,
      headers: { date: 'Mon, 07 Dec 2026 00:00:00 GMT', 'content-type': 'application/json' },
    }
    expect(classify(rejected)).toMatchObject({ status: 500, rule: 'outbound:4xx' })
  })

  it('reads "Network request failed" as a fetch that failed, and a response that could not be parsed as a bad answer', () => {
    expect(classify(new TypeError('Network request failed'))).toMatchObject({
      status: 502,
      rule: 'fetch:failed',
    })
    expect(classify(named('HttpError', 'Network request failed'))).toMatchObject({ status: 502 })
    expect(
      classify(new Error('Unable to parse JSON response from server: Unexpected token <')),
    ).toMatchObject({ status: 502, retryable: true, rule: 'transient:bad-reply' })
    expect(classify(new Error('Unable to parse the config file')).status).toBe(500)
  })
})

describe("the seventeenth batch's readings", () => {
  it('reads the words of a token format besides JWT (PASETO), and a token that could not be parsed', () => {
    const expired = named('PasetoClaimInvalid', 'Payload must have a valid "exp" claim (has expired)', {
      code: 'ERR_PASETO_CLAIM_INVALID',
    })
    expect(classify(expired)).toMatchObject({ status: 401, rule: 'auth:token-invalid' })
    const sealed = named('PasetoDecryptionFailed', 'Decryption failed', {
      code: 'ERR_PASETO_DECRYPTION_FAILED',
    })
    expect(classify(sealed).status).toBe(401)
    expect(classify(named('JwsParseError', 'Jws cannot be parsed')).status).toBe(401)
    // Our own key is no token's fault; a lexer's token is no credential.
    expect(classify(named('PasetoError', 'bad key', { code: 'ERR_PASETO_INVALID_KEY' })).status).toBe(500)
    expect(classify(named('TokenParseError', 'Unexpected token at 3:1')).status).toBe(500)
  })

  it("reads a signed request's failed signature check as 401, with no token challenge", () => {
    const tampered = classify(named('WebhookVerificationError', 'No matching signature found'))
    expect(tampered).toMatchObject({ status: 401, rule: 'auth:signature-invalid' })
    expect(tampered.headers['www-authenticate']).toBeUndefined()
    expect(classify(named('SignatureVerificationError', 'x')).status).toBe(401)
    expect(classify(named('WebhookDeliveryError', 'x')).status).toBe(500)
  })
})

describe("a validation middleware's 400", () => {
  it('is a validation failure (422) when it lists the issues, as the policy says of validators', () => {
    const failed = named('ValidationError', 'Validation Failed', {
      statusCode: 400,
      error: 'Bad Request',
      details: { body: [{ message: '"sku" is required', path: ['sku'], type: 'any.required' }] },
    })
    expect(classify(failed)).toMatchObject({
      status: 422,
      rule: 'validation:shape',
      details: [{ path: 'body.sku', message: '"sku" is required' }],
    })
    // An error made for the app's own answer keeps the 400 it chose; a 400 without issues is a 400.
    const chosen = named('BadRequestError', 'Bad input', {
      status: 400,
      expose: true,
      errors: [{ message: 'Required', path: ['sku'] }],
    })
    expect(classify(chosen).status).toBe(400)
    expect(classify(named('BadRequest', 'Bad input', { status: 400, details: { hint: 'x' } })).status).toBe(
      400,
    )
  })
})

describe('a token error read from its words', () => {
  it('lets an error it wraps that says more decide: an outage of the key service is no bad token', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const unresolved = named('JwtParseError', 'Error while resolving signing key for kid "k1"', {
      innerError: new TypeError('fetch failed', { cause: refused }),
    })
    expect(classify(unresolved)).toMatchObject({ status: 503, retryable: true })
    // An inner error that says nothing more leaves the token's 401.
    const malformed = named('JwtParseError', 'Jwt cannot be parsed', { innerError: new SyntaxError('x') })
    expect(classify(malformed).status).toBe(401)
  })
})

describe("the eighteenth batch's readings", () => {
  it("reads an embedded SQL engine's constraint and lock messages on an error named for it", () => {
    const answer = (message: string) => classify(named('SQLite3Error', message))
    expect(answer('UNIQUE constraint failed: users.email')).toMatchObject({
      status: 409,
      rule: 'sqlite:SQLITE_CONSTRAINT_UNIQUE',
    })
    expect(answer('NOT NULL constraint failed: users.email').status).toBe(422)
    expect(answer('CHECK constraint failed: age >= 0').status).toBe(422)
    expect(answer('FOREIGN KEY constraint failed').status).toBe(409)
    expect(answer('cannot store TEXT value in INTEGER column users.age').status).toBe(400)
    expect(answer('database is locked')).toMatchObject({ status: 503, retryable: true })
    expect(answer('Constraint Error: Duplicate key "id: 1" violates primary key constraint.').status).toBe(
      409,
    )
    expect(answer("Conversion Error: Could not convert string 'abc' to INT32").status).toBe(400)
    // A code says more than the words: the driver's family decides (an unknown code: no reading).
    expect(classify(Object.assign(new Error('database is locked'), { code: 'X_OTHER' })).status).toBe(500)
    expect(classify(named('OtherError', 'UNIQUE constraint failed: x.y', { code: 'X_OTHER' })).status).toBe(
      500,
    )
    // With no code, SQLite's constraint words say what they say on any error (read late).
    expect(classify(named('OtherError', 'UNIQUE constraint failed: x.y'))).toMatchObject({
      status: 409,
      rule: 'sql-message:unique',
    })
  })

  it('reads a lock someone else holds, a lock not had after its attempts, and work past its time', () => {
    for (const message of [
      'Lock file is already being held',
      'IO error: lock /tmp/db/LOCK: already held by process',
      'Exceeded 2 attempts to lock the resource "orders:1".',
      'Too many pending tasks in queue account:42',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 503, retryable: true })
    }
    expect(classify(new Error('Maximum execution time is exceeded export')).status).toBe(504)
    expect(classify(new Error('The account is locked')).status).toBe(500)
  })
})

describe("an engine's constraint message after its exception type", () => {
  it('is read as the constraint it names', () => {
    expect(classify(new Error('Constraint Error: NOT NULL constraint failed: users.email')).status).toBe(422)
    expect(classify(new Error('Constraint Error: CHECK constraint failed on table users')).status).toBe(422)
    expect(classify(new Error('Constraint Error: something else')).status).toBe(500)
  })
})

describe('readings of what a request gave, a store refused and a connection said', () => {
  it("reads a format parser's rejection as malformed input (400), its words not shown", () => {
    for (const name of ['YAMLParseError', 'DateTimeParseException', 'CsvParserError', 'XmlSyntaxError']) {
      expect(classify(named(name, 'bad input at line 2: secret: "x"')), name).toMatchObject({
        status: 400,
        rule: 'request-parsing:malformed',
        message: 'A value in the request could not be parsed.',
      })
    }
    // A parser of no named format, JSON (most upstreams' answers), a client's class named for its
    // library, a runtime's SyntaxError, a token's parse failure: not read here.
    expect(classify(named('ParseError', 'Unexpected token')).status).toBe(500)
    expect(classify(named('JSONParseError', 'Unexpected token <')).status).toBe(500)
    expect(classify(named('VendorYAMLParseError', 'x')).status).toBe(500)
    expect(classify(new SyntaxError('Unexpected token } in JSON at position 9')).status).toBe(500)
    expect(classify(named('TokenParseError', 'Unexpected token at 3:1')).status).toBe(500)
    // A client's parse error with evidence of its call is the call's failure.
    expect(classify(named('XMLParseError', 'x', { url: 'https://api.example.com/soap' })).status).toBe(502)
  })

  it("reads a body or an upload over a limit in the words of a 413, but not an upstream's 413", () => {
    for (const message of [
      'Payload too large. Limit: 1024 bytes',
      'request entity too large',
      'File too large',
      'Too many files. Limit: 2',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({
        status: 413,
        rule: 'request-parsing:too-large',
      })
    }
    // A system error's words begin with its code; a status says whose limit it was; a reason
    // phrase alone is a client's `Error(res.statusText)`.
    expect(classify(Object.assign(new Error('EFBIG: file too large, write'), { code: 'EFBIG' })).status).toBe(
      500,
    )
    expect(classify(new Error('EMFILE: too many open files, open')).status).toBe(500)
    expect(classify(new Error('Payload Too Large')).status).toBe(500)
    const upstream = sdkMade(Object.assign(new Error('Payload too large for the API'), { status: 413 }))
    expect(classify(upstream).status).toBe(500)
  })

  it("reads the platform's DataError as a malformed value a store refused (400)", () => {
    const refused = new DOMException('Data provided to an operation does not meet requirements.', 'DataError')
    expect(classify(refused)).toMatchObject({ status: 400, rule: 'runtime:web:DataError' })
  })

  it("reads a code that says the input failed validation as 422, but not a token's claims", () => {
    for (const code of ['VALIDATION_FAILED', 'validation_error', 'SCHEMA_VALIDATION_FAILURE']) {
      expect(classify(Object.assign(new Error('bad'), { code })), code).toMatchObject({
        status: 422,
        code: 'VALIDATION_FAILED',
        rule: 'carrier:validation-failed',
      })
    }
    expect(classify(Object.assign(new Error('x'), { code: 'GRAPHQL_VALIDATION_FAILED' })).status).toBe(500)
    expect(classify(Object.assign(new Error('x'), { code: 'CONFIG_VALIDATION_ERROR' })).status).toBe(500)
    // An SDK's report that our request failed its upstream's checks is our bug.
    const upstream = Object.assign(new Error('x'), { code: 'VALIDATION_ERROR', requestId: 'req_1' })
    expect(classify(sdkMade(upstream)).status).toBe(500)
  })

  it("keeps the Retry-After of an answer a dependency's report keeps under a name of its own", () => {
    const answer = { status: 429, headers: { 'retry-after': '7', date: 'Mon, 07 Dec 2026 00:00:00 GMT' } }
    const throttled = sdkMade(Object.assign(new Error('got HTTP 429'), { status: 429, context: answer }))
    expect(classify(throttled)).toMatchObject({ status: 503, headers: { 'retry-after': '7' } })
    // An object of another status is no answer to this report.
    const other = sdkMade(
      Object.assign(new Error('got HTTP 429'), { status: 429, context: { ...answer, status: 200 } }),
    )
    expect(classify(other).headers['retry-after']).toBeUndefined()
  })

  it("reads a dependency's bare 5xx reason phrase as its upstream's answer, not the app's own", () => {
    expect(classify(sdkMade(named('VendorError', 'Internal server error')))).toMatchObject({
      status: 502,
      retryable: true,
    })
    expect(classify(new Error('Internal server error')).status).toBe(500)
  })

  it('reads a peer that closed the connection, and a connection limit reached', () => {
    expect(classify(new Error('Server sent FIN packet unexpectedly, closing connection.'))).toMatchObject({
      status: 502,
      retryable: true,
    })
    expect(classify(new Error('server closed the connection unexpectedly')).status).toBe(502)
    for (const message of ['connection limit of 100 reached', 'Too many simultaneous connections']) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 503, retryable: true })
    }
    expect(classify(new Error('The final packet was sent')).status).toBe(500)
    expect(classify(new Error('The character limit of 100 was reached')).status).toBe(500)
  })
})

describe("the nineteenth and twentieth batches' readings", () => {
  it("reads any ORM's optimistic-locking failure by its name as a conflict (409)", () => {
    for (const name of [
      'OptimisticLockError',
      'OptimisticConcurrencyException',
      'EntityOptimisticLockingError',
    ]) {
      expect(classify(named(name, 'The entity was changed by another request')), name).toMatchObject({
        status: 409,
        rule: 'orm:optimistic-lock',
      })
    }
    // A pessimistic lock that could not be had is contention (503), not a conflict; a name that
    // only mentions optimism is nothing.
    expect(classify(named('PessimisticLockError', 'could not obtain lock')).status).not.toBe(409)
    expect(classify(named('OptimisticUpdate', 'x')).status).toBe(500)
  })

  it('reads a query that had to find a row and found none as not found (404)', () => {
    for (const message of [
      'No rows updated',
      'No Rows Deleted',
      'No data returned from the query.',
      'no result',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 404, rule: 'sql-message:no-row' })
    }
    // A library's own numeric code is no database's; a SQLSTATE says more.
    expect(classify(Object.assign(new Error('No data returned from the query.'), { code: 0 })).status).toBe(
      404,
    )
    expect(classify(Object.assign(new Error('No rows updated'), { code: '42P01' })).status).not.toBe(404)
    // An answer with no data, and a search with no results for a term, are no query's missing row.
    expect(classify(new Error('No data returned from the API')).status).toBe(500)
    expect(classify(new Error('No results for "shoes"')).status).toBe(500)
  })

  it("reads no network words in a validator's message: it is about the values it checked", () => {
    class ValidationError extends Error {}
    const invalid = new ValidationError('"timeout" must be undefined or a number. Received "-1"')
    expect(classify(invalid).status).toBe(500)
    expect(classify(named('ValidationError', 'connection refused by the schema')).status).toBe(500)
    // The same words on another error are read.
    expect(classify(new Error('connection refused by the schema')).status).toBe(503)
  })
})

describe("the twenty-first batch's readings", () => {
  it('reads a status carried as `httpStatus`, with the headers its error keeps as properties', () => {
    const closed = Object.assign(new Error('Method Not Allowed'), { httpStatus: 405, allow: ['GET', 'HEAD'] })
    expect(classify(closed)).toMatchObject({
      status: 405,
      rule: 'carrier:httpStatus',
      headers: { allow: 'GET, HEAD' },
    })
    const busy = Object.assign(new Error('Down for maintenance'), { httpStatus: 503, retryAfter: 120 })
    expect(classify(busy)).toMatchObject({ status: 503, retryable: true, headers: { 'retry-after': '120' } })
    const challenge = Object.assign(new Error('Unauthorized'), {
      httpStatus: 401,
      wwwAuthenticate: 'Bearer realm="api"',
    })
    expect(classify(challenge).headers['www-authenticate']).toBe('Bearer realm="api"')
    // A wait in milliseconds is no Retry-After; a status outside 400–599 is no status.
    const slow = Object.assign(new Error('x'), { httpStatus: 503, retryAfter: 120_000 })
    expect(classify(slow).headers['retry-after']).toBeUndefined()
    expect(classify(Object.assign(new Error('x'), { httpStatus: 302 })).status).toBe(500)
    // The status rule reads the same properties of an app's own status error.
    const maintenance = Object.assign(new Error('Down for maintenance'), { status: 503, retryAfter: 60 })
    expect(classify(maintenance).headers['retry-after']).toBe('60')
  })
})

describe("the twenty-second batch's readings", () => {
  it("lets a socket error's code speak when a client made it a Boom, not the status it chose", () => {
    const refused = Object.assign(new Error('Client request error: connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
      isBoom: true,
      output: { statusCode: 502, payload: {}, headers: {} },
    })
    expect(classify(refused)).toMatchObject({ status: 503, retryable: true })
    // A Boom whose code is no socket's keeps its status.
    const chosen = Object.assign(new Error('Gone'), {
      code: 'E_GONE',
      isBoom: true,
      output: { statusCode: 410, payload: {}, headers: {} },
    })
    expect(classify(chosen).status).toBe(410)
  })
})

describe("the twenty-third batch's readings", () => {
  it("reads a validator's issues that all lie in a response we received as the upstream's bad answer", () => {
    const reply = named('ParseError', 'response: Missing required key "voices"', {
      errors: [
        { path: ['response'], message: 'Missing required key "voices"' },
        { path: ['response', 'total'], message: 'Expected number' },
      ],
    })
    expect(classify(reply)).toMatchObject({ status: 502, retryable: true, rule: 'validation:response' })
    // One issue elsewhere makes it a client's input, as before.
    const mixed = named('ParseError', 'x', {
      errors: [
        { path: ['response'], message: 'Missing required key' },
        { path: ['email'], message: 'Invalid email' },
      ],
    })
    expect(classify(mixed)).toMatchObject({ status: 422, rule: 'validation:shape' })
  })

  it("reads JSON.parse's SyntaxError of an HTML page, and a client's non-JSON body words, as a bad answer", () => {
    const page = new SyntaxError('Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON')
    expect(classify(page)).toMatchObject({ status: 502, retryable: true, rule: 'transient:bad-reply' })
    expect(classify(new SyntaxError('Unexpected token < in JSON at position 0')).status).toBe(502)
    // Other JSON syntax errors say nothing of whose text it was.
    expect(
      classify(new SyntaxError('Expected double-quoted property name in JSON at position 13')).status,
    ).toBe(500)
    expect(classify(new SyntaxError("Unexpected token '}'")).status).toBe(500)
    const words = new Error(
      'Expected a JSON response but received a non-JSON body (status 200): <!DOCTYPE html>',
    )
    expect(classify(words)).toMatchObject({ status: 502, rule: 'transient:bad-reply' })
  })
})

describe("the twenty-fourth batch's readings", () => {
  it("reads an upstream's 412 as our conditional write losing a race: a conflict (409), not its status", () => {
    const stale = {
      message: 'At least one of the pre-conditions you specified did not hold',
      statusCode: 412,
      code: 'PreconditionFailed',
      headers: { date: 'Mon, 07 Dec 2026 00:00:00 GMT', server: 'object-store' },
    }
    expect(classify(stale)).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'outbound:412' })
  })

  it('reads a status in parentheses after "error" as the one an upstream answered', () => {
    expect(classify(new Error('usage error (500): {"error":"put object failed"}'))).toMatchObject({
      status: 502,
      retryable: true,
    })
    expect(classify(new Error('GraphQL Error (Code: 503) - upstream unavailable')).status).toBe(503)
    // A count in parentheses is no status.
    expect(classify(new Error('3 errors (see log)')).status).toBe(500)
  })
})

describe("the twenty-sixth batch's readings", () => {
  it("takes a code that only spells the status (`E.404`) for no code of its own: an SDK's report stays the upstream's", () => {
    const spelled = sdkMade(
      Object.assign(new Error('Resource not found'), { code: 'E.404', statusCode: 404 }),
    )
    expect(classify(spelled)).toMatchObject({ status: 500, rule: 'status:dependency:4xx' })
    const busy = sdkMade(Object.assign(new Error('Slow down'), { code: 'HTTP_429', statusCode: 429 }))
    expect(classify(busy)).toMatchObject({ status: 503, retryable: true })
    // A code of its own keeps a middleware's answer ours, as before.
    const own = sdkMade(Object.assign(new Error('jwt expired'), { code: 'invalid_token', statusCode: 401 }))
    expect(classify(own).status).toBe(401)
    // A code whose number is another status says more than the status.
    const other = sdkMade(Object.assign(new Error('x'), { code: 'E.409', statusCode: 404 }))
    expect(classify(other).status).toBe(404)
  })

  it('reads `http_code` as a status carrier: an app error keeps it, an SDK report follows the upstream policy', () => {
    const own = Object.assign(new Error('No such order'), { http_code: 404 })
    expect(classify(own)).toMatchObject({ status: 404, rule: 'carrier:http_code' })
    const throttled = sdkMade(named('TooManyRequestsError', 'TooManyRequestsError', { http_code: 429 }))
    expect(classify(throttled)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'carrier:dependency:429',
    })
    const slow = sdkMade(named('ApiTimeout', 'ApiTimeout', { http_code: 408 }))
    expect(classify(slow).status).toBe(504)
  })
})

describe('readings of a far side in its own words', () => {
  it("reads a dependency's report of its far side's internal error (502), never the app's own words", () => {
    for (const made of [
      named('VendorError', 'An internal error has occurred.'),
      named('VendorError', 'ERR internal error, command was: ["get","k"]'),
      new Error('INTERNAL_ERROR'),
      named('VendorApiError', 'Something failed', { code: 'internal_error' }),
      named('serverError', 'Server Error', { type: 'serverError' }),
    ]) {
      expect(classify(sdkMade(made)), made.message).toMatchObject({ status: 502, retryable: true })
    }
    // The application's own words, or a library's made on our synchronous call, say nothing of a far side.
    expect(classify(new Error('An internal error has occurred.')).status).toBe(500)
    expect(classify(Object.assign(new Error('x'), { code: 'internal_error' })).status).toBe(500)
    // Other words of a dependency are not read so.
    expect(classify(sdkMade(named('VendorError', 'Internal state is corrupt'))).status).toBe(500)
  })

  it('reads a peer that broke its protocol or speaks another (502), not the status line it quotes', () => {
    expect(classify(named('ProtocolError', 'Unsupported protocol version: 0-9-1'))).toMatchObject({
      status: 502,
      rule: 'transient:protocol',
    })
    for (const message of [
      "unknown command 'HTTP/1.1 400 Bad Request'",
      'Unexpected response: HTTP/1.1 400 Bad Request',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 502, rule: 'transient:protocol' })
    }
    // An HTTP client's report of an upstream's status stays the upstream policy's.
    expect(classify(new Error('Request failed: HTTP/1.1 401 Unauthorized'))).toMatchObject({
      status: 500,
      rule: 'transient:upstream:4xx',
    })
  })

  it('reads a dependency shutting down, draining or out of memory (503) and a connection closed with nothing more (502)', () => {
    for (const message of [
      'DRAINING',
      'pool is draining and cannot accept work',
      'shutting_down',
      'OUT_OF_MEMORY',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 503, retryable: true })
    }
    for (const message of ['broker connection closed', 'Unexpected close', 'Connection closed by peer']) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 502, retryable: true })
    }
    // A close with its reason: the reason decides, not the close.
    expect(classify(new Error('connection closed: ACCESS_REFUSED - Login was refused (403)')).status).toBe(
      500,
    )
    expect(classify(new Error('Error while draining the response body')).status).toBe(500)
  })

  it("reads a format's invalid value, as its class names it, as malformed request syntax (400)", () => {
    expect(classify(named('InvalidDateTimeError', 'Invalid DateTime: unparsable'))).toMatchObject({
      status: 400,
      rule: 'request-parsing:malformed',
    })
    expect(classify(named('InvalidDurationException', 'bad'))).toMatchObject({ status: 400 })
    // Not a format: an invalid state or argument of our own.
    expect(classify(named('InvalidStateError', 'x')).status).toBe(500)
    expect(classify(named('InvalidArgumentError', 'x')).status).toBe(500)
  })
})

describe("the twenty-seventh batch's readings", () => {
  it("reads an answer a client keeps under a key named `…Error` as the upstream's (never passed through)", () => {
    const kept = (statusCode: number) =>
      Object.assign(new Error('Failed to obtain access token'), { oauthError: { statusCode, data: 'x' } })
    expect(classify(kept(503))).toMatchObject({ status: 503, retryable: true, rule: 'outbound:503' })
    expect(classify(kept(401))).toMatchObject({ status: 500, rule: 'outbound:4xx' })
    expect(classify(kept(500)).status).toBe(502)
    // An error under such a key is followed as a cause, not read as an answer; nor is a status
    // without the body it came with.
    const wrapped = Object.assign(new Error('x'), {
      sourceError: Object.assign(new Error('nope'), { statusCode: 404, data: 'x' }),
    })
    expect(classify(wrapped).rule).not.toMatch(/^outbound/)
    const bare = Object.assign(new Error('x'), { validationError: { statusCode: 422 } })
    expect(classify(bare).status).toBe(500)
  })

  it('reads a class named for an answer that was not what was due (502) where no error status decides', () => {
    expect(
      classify(named('UnexpectedResponseError', 'Unexpected error response', { status: 200 })),
    ).toMatchObject({ status: 502, rule: 'transient:bad-reply' })
    expect(classify(named('InvalidResponseException', 'x')).status).toBe(502)
    // An own app's error about a response it validates is not named so; a plain `ResponseError` says nothing more.
    expect(classify(named('ResponseError', 'x')).status).toBe(500)
  })

  it('reads "Failed to fetch" as the network failure it names only when nothing follows it', () => {
    expect(classify(new TypeError('Failed to fetch')).status).toBe(500) // a programmer error's name
    expect(classify(named('ClientError', 'Failed to fetch')).status).toBe(502)
    expect(classify(named('ClientError', 'Failed to fetch (api.example.com)')).status).toBe(502)
    expect(classify(named('ClientError', 'Failed to fetch user profile')).status).toBe(500)
  })
})

describe("a verifier's words", () => {
  it('reads a signature that does not verify, or a token or assertion that expired, as the request credential it checked (401)', () => {
    for (const message of [
      'Invalid document signature',
      'Signature verification failed',
      'signature validation failed',
      'INVALID_SIGNATURE',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({
        status: 401,
        rule: 'auth:signature-invalid',
      })
    }
    for (const message of ['Token expired', 'SAML assertion expired: clocks skewed too much']) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 401, rule: 'auth:token-expired' })
    }
  })

  it('leaves a status, a code, a programmer error and a cause that says more to decide', () => {
    // A dependency that refused our signed request answered with a status: never the client's 401.
    const upstream = Object.assign(new Error('Invalid signature'), {
      response: { status: 403, headers: { date: 'Mon, 07 Dec 2026 00:00:00 GMT' } },
    })
    expect(classify(upstream).status).toBe(500)
    expect(
      classify(Object.assign(new Error('Invalid signature'), { code: 'ERR_OSSL_BAD_SIGNATURE' })).status,
    ).toBe(500)
    expect(classify(new TypeError('Invalid signature length')).status).toBe(500)
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    expect(classify(new Error('Signature verification failed', { cause: refused })).status).toBe(503)
    // Other words about expiry: a cache entry, a lease, a certificate of ours.
    expect(classify(new Error('Cache entry expired')).status).toBe(500)
    expect(classify(new Error('certificate has expired')).status).not.toBe(401)
  })
})

describe("the twenty-ninth and thirtieth batches' readings", () => {
  it("reads a class named for a client error's status as that status when the application's path made it", () => {
    expect(classify(named('ForbiddenError', 'Cannot execute "update" on "Article"'))).toMatchObject({
      status: 403,
      rule: 'carrier:class-name',
    })
    expect(classify(named('NotFoundException', 'x')).status).toBe(404)
    // An SDK's report of its upstream's answer, or an error with no stack to tell: not read.
    expect(classify(sdkMade(named('ForbiddenError', 'x'))).status).toBe(500)
    // A stack with no frame of ours: middleware answering on a request's path.
    const middleware = named('ForbiddenError', 'x')
    middleware.stack = 'ForbiddenError: x\n    at guard (/srv/app/node_modules/guard/index.js:1:1)'
    expect(classify(middleware).status).toBe(500)
    // RPC status names and longer names are no HTTP reason phrase of a class.
    expect(classify(named('InvalidArgumentError', 'x')).status).toBe(500)
    expect(classify(named('ResourceExhaustedError', 'x')).status).not.toBe(429)
    expect(classify(named('RepositoryNotFoundError', 'x')).status).toBe(500)
  })

  it("keeps the headers a GraphQL server's error keeps in `extensions.http`", () => {
    const error = named('GraphQLError', 'Slow down', {
      extensions: { http: { status: 429, headers: { 'retry-after': '60' } } },
    })
    expect(classify(error)).toMatchObject({ status: 429, headers: { 'retry-after': '60' } })
  })

  it('reads a Web `Response` a client keeps as `context`, and follows an error kept there', () => {
    const answered = Object.assign(new Error('Edge Function returned a non-2xx status code'), {
      context: new Response('busy', { status: 503, headers: { 'retry-after': '7' } }),
    })
    expect(classify(answered)).toMatchObject({
      status: 503,
      retryable: true,
      headers: { 'retry-after': '7' },
    })
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const failed = Object.assign(new Error('Failed to send a request'), {
      context: new TypeError('fetch failed', { cause: refused }),
    })
    expect(classify(failed).status).toBe(503)
    // A context of data is neither.
    expect(classify(Object.assign(new Error('x'), { context: { status: 404, user: 'u1' } })).status).toBe(500)
  })

  it("reads JSON.parse's words for an HTML page quoted in any client's message as a bad reply", () => {
    const message = `Unable to parse JSON. Error: SyntaxError: Unexpected token '<', "<!DOCTYPE "... is not valid JSON`
    expect(classify(named('ClientError', message))).toMatchObject({
      status: 502,
      rule: 'transient:bad-reply',
    })
    expect(classify(named('ClientError', 'Unexpected token } in JSON at position 9')).status).toBe(500)
  })
})

describe("a proxy's words for an upstream it could not reach", () => {
  it('reads "no healthy upstream" and "upstream connect error" as the dependency unavailable (503)', () => {
    const quoted = named('RPCClientError', `Unexpected token 'o', "no healthy upstream" is not valid JSON`)
    expect(classify(quoted)).toMatchObject({ status: 503, retryable: true, rule: 'transient:unavailable' })
    const envoy = new Error(
      'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
    )
    expect(classify(envoy).status).toBe(503)
    // Other words about an upstream say nothing of its health.
    expect(classify(new Error('upstream sent an unknown field')).status).toBe(500)
  })
})

describe("a validator's report on our own settings", () => {
  it('reads a validator whose message says it checked options, configuration or an environment as our misconfiguration (500)', () => {
    const ajvIssue = (instancePath: string) => ({ instancePath, keyword: 'type', message: 'must be integer' })
    for (const [message, issues] of [
      [
        'Invalid options provided to the client "auth.tokenHost" is required',
        [{ path: ['auth'], message: 'x' }],
      ],
      ['Invalid cache policy configuration "value" contains [a] without [b]', [{ path: [], message: 'x' }]],
      ['env/PORT must be integer', [ajvIssue('/PORT')]],
      ["env must have required property 'DATABASE_URL'", [ajvIssue('')]],
    ] as const) {
      const error = named('ValidationError', message, { errors: issues })
      expect(classify(error), message).toMatchObject({ status: 500, rule: 'validation:configuration' })
      expect(classify(error).details).toBeUndefined()
    }
  })

  it("keeps a client's input that has a field named for settings a validation failure (422)", () => {
    for (const message of [
      '"options" must be of type object',
      'config is a required field',
      'Invalid input',
      'body/options must be object',
      'environment must be one of [prod, dev]',
      'Invalid option: expected one of "a"|"b"',
    ]) {
      const error = named('ValidationError', message, { errors: [{ path: ['options'], message }] })
      expect(classify(error), message).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' })
    }
  })
})

describe('OAuth 2.0 error codes', () => {
  it('reads a code kept beside its description, or in a body, by RFC 6749', () => {
    const said = (error: string) => named('Error', 'authorization failed', { error, error_description: 'x' })
    expect(classify(said('temporarily_unavailable'))).toMatchObject({ status: 503, retryable: true })
    expect(classify(said('server_error'))).toMatchObject({ status: 502, rule: 'oauth:server_error' })
    expect(classify(said('access_denied'))).toMatchObject({ status: 403, rule: 'oauth:access_denied' })
    const body = named('Error', 'The authorization server is unavailable', {
      code: 'EAUTH',
      body: { error: 'temporarily_unavailable' },
    })
    expect(classify(body)).toMatchObject({ status: 503, rule: 'oauth:temporarily_unavailable' })
  })

  it('leaves the codes that blame our request, a status that came with the code, and a lone `error` key to others', () => {
    const said = (error: string) => named('Error', 'token request failed', { error, error_description: 'x' })
    for (const code of ['invalid_grant', 'invalid_client', 'invalid_scope', 'unauthorized_client'])
      expect(classify(said(code)).status, code).toBe(500)
    // An upstream's 403 with an OAuth body is the upstream's answer to our request: never passed on.
    const upstream = named('HTTPError', 'Response code 403', {
      response: { statusCode: 403, body: { error: 'access_denied' } },
    })
    expect(classify(upstream).status).toBe(500)
    // `error` alone is too common a key to be read as an OAuth code.
    expect(classify(named('Error', 'x', { error: 'server_error' })).status).toBe(500)
  })
})

describe("the thirty-first batch's readings", () => {
  it("reads a code that names the status carried beside it as no code of its own: an SDK report stays the upstream's", () => {
    for (const [status, code, expected] of [
      [401, 'UNAUTHORIZED', 500],
      [429, 'TOO_MANY_REQUESTS', 503],
      [400, 'VALIDATION_ERROR', 500],
    ] as const) {
      const report = sdkMade(named('Error', 'upstream said no', { statusCode: status, code }))
      expect(classify(report).status, code).toBe(expected)
      // The application's own status error keeps its status.
      expect(classify(named('Error', 'no', { statusCode: status, code })).status, code).toBe(status)
    }
    // A code that is the only carrier (an RPC framework's `NOT_FOUND`) stays a code of its own.
    const rpc = sdkMade(named('TRPCError', 'No procedure found', { code: 'NOT_FOUND' }))
    expect(classify(rpc).status).toBe(404)
  })

  it("reads a class named for an upstream's reason phrase, after an SDK's own words, as that upstream's answer", () => {
    const precondition = sdkMade(named('BlobPreconditionFailedError', 'Precondition failed: ETag mismatch.'))
    expect(classify(precondition)).toMatchObject({ status: 409, rule: 'carrier:dependency:412' })
    const limited = sdkMade(named('VendorTooManyRequestsError', 'slow down'))
    expect(classify(limited)).toMatchObject({ status: 503, retryable: true })
    // On the application's path only the exact reason phrase is read; a prefixed name is the app's own.
    expect(classify(named('ForbiddenError', 'no')).status).toBe(403)
    expect(classify(named('BlobPreconditionFailedError', 'no')).status).toBe(500)
  })

  it("reads a 2xx a dependency's report carries as an answer it could not use (502)", () => {
    const page = sdkMade(
      named('Error', 'responded with an error with status code 200: <!DOCTYPE html>', { statusCode: 200 }),
    )
    expect(classify(page)).toMatchObject({ status: 502, retryable: true, rule: 'status:dependency:2xx' })
    expect(classify(named('Error', 'done', { statusCode: 200 })).status).toBe(500)
  })

  it('reads a service "currently not available", and the wait a rate limit in words was told', () => {
    expect(classify(new Error('The blob service is currently not available. Please try again.')).status).toBe(
      503,
    )
    const limited = named('Error', 'Too many requests - try again in 7 seconds.', { retryAfter: 7 })
    expect(classify(limited)).toMatchObject({ status: 503, headers: { 'retry-after': '7' } })
    // A wait in milliseconds is not passed on.
    const ms = named('Error', 'Too many requests', { retryAfter: 7000 })
    expect(classify(ms).headers['retry-after']).toBeUndefined()
  })
})

describe("the thirty-second batch's readings", () => {
  it("reads a thrown string's words as a message's, and nothing else of it", () => {
    expect(classify('connect ECONNREFUSED 127.0.0.1:5432')).toMatchObject({ status: 503, retryable: true })
    expect(classify('Request timed out')).toMatchObject({ status: 504 })
    expect(classify('boom')).toMatchObject({ status: 500, rule: 'fallback' })
    expect(classify('Not found').status).toBe(500)
  })

  it('reads the `Message` of a body thrown as it came, only where there is no `message`', () => {
    const body = {
      Message: 'Rate limit exceeded, please retry later',
      Type: 'other',
      Id: 'b0e8',
      errors: null,
    }
    expect(classify(body)).toMatchObject({ status: 503, retryable: true })
    expect(classify({ Message: 'Request timed out', Code: 408 }).status).toBe(504)
    // An error's own message (even an empty one) is its message.
    const error = Object.assign(new Error(''), { Message: 'Rate limit exceeded' })
    expect(classify(error).status).toBe(500)
    expect(classify({ message: 'done', Message: 'Rate limit exceeded' }).status).toBe(500)
  })

  it('follows an error kept as `source`, and nothing else kept there', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const sdk = named('SdkError', 'fetch failed', {
      type: 'client',
      source: new TypeError('fetch failed', { cause: refused }),
    })
    expect(classify(sdk)).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
    // A JSON:API error's `source` points into a document: no error to follow.
    const pointer = named('ApiError', 'Invalid attribute', { source: { pointer: '/data/attributes/email' } })
    expect(classify(pointer).status).toBe(500)
  })

  it('reads "Error parsing API response body" as a bad reply (502)', () => {
    expect(classify(named('SdkError', 'Error parsing API response body', { type: 'parse' }))).toMatchObject({
      status: 502,
      retryable: true,
    })
  })
})

describe("the thirty-third batch's readings", () => {
  it('reads a class named for a limit on what a request carries as 413, not one of retries', () => {
    for (const name of [
      'MaxFileSizeExceededError',
      'MaxPartsExceededError',
      'MaxTotalSizeExceededError',
      'UploadTooLargeError',
    ]) {
      expect(classify(named(name, 'limit exceeded')), name).toMatchObject({
        status: 413,
        rule: 'request-parsing:too-large',
      })
    }
    expect(classify(named('MaxRetriesExceededError', 'gave up')).status).not.toBe(413)
    // An upstream's 413 that a client reports keeps the upstream policy.
    expect(classify(sdkMade(named('MaxFileSizeExceededError', 'too big', { status: 413 }))).status).toBe(500)
  })

  it("reads Node's `aborted` of the request our server was reading as the client going away (499)", () => {
    const incoming = Object.assign(new Error('aborted'), { code: 'ECONNRESET' })
    incoming.stack =
      'Error: aborted\n    at abortIncoming (node:_http_server:796:17)\n    at socketOnClose (node:_http_server:790:3)'
    expect(classify(incoming)).toMatchObject({ status: 499, rule: 'node-system:request-aborted' })
    // The same words of a response our client was reading: an upstream that dropped us.
    const outgoing = Object.assign(new Error('aborted'), { code: 'ECONNRESET' })
    outgoing.stack = 'Error: aborted\n    at TLSSocket.socketCloseListener (node:_http_client:474:19)'
    expect(classify(outgoing).status).toBe(502)
  })

  it('reads issues a validator keeps behind a getter of its class, each named by its code', () => {
    // Issues under a key that is not enumerable are read for a message of several lines, as a
    // validator's that lists them is: listing an error's hidden keys would cost every unrecognised
    // error of a class of its own (docs/performance.md).
    const hidden = (message: string) => {
      const error = named('TraversalError', message)
      Object.defineProperty(error, 'arkErrors', {
        value: [{ path: ['age'], message: 'must be non-negative (was -1)', code: 'min' }],
        enumerable: false,
      })
      return error
    }
    expect(classify(hidden('\n  • age must be non-negative (was -1)'))).toMatchObject({
      status: 422,
      details: [{ path: 'age', code: 'min' }],
    })
    expect(classify(hidden('age must be non-negative (was -1)')).status).toBe(500)
    class SchemaCheckError extends Error {
      get issues() {
        return [{ code: 'invalid_type', path: ['id'], expected: ['string'] }]
      }
    }
    expect(classify(new SchemaCheckError('invalid_type at .id'))).toMatchObject({
      status: 422,
      details: [{ path: 'id', code: 'invalid_type' }],
    })
    // The runtime's own classes are not read so.
    const plain = new TypeError('x')
    Object.defineProperty(plain, 'issues', { get: () => [{ code: 'invalid_type', path: ['a'] }] })
    expect(classify(plain).status).toBe(500)
  })

  it('reads an error whose message begins, line by line, with the property path it keeps', () => {
    class VError extends Error {}
    const error = Object.assign(new VError('value.email is not a string\nvalue.qty is missing'), {
      path: 'value',
    })
    expect(classify(error)).toMatchObject({
      status: 422,
      details: [{ path: 'value.email' }, { path: 'value.qty' }],
    })
    // A file's path is no property path; a message that does not begin with the path says nothing.
    class FileError extends Error {}
    expect(classify(Object.assign(new FileError('/tmp/x is not readable'), { path: '/tmp/x' })).status).toBe(
      500,
    )
    expect(classify(Object.assign(new FileError('cannot open value'), { path: 'value' })).status).toBe(500)
  })
})

describe("the thirty-fourth batch's readings", () => {
  it('reads an upstream that kept redirecting as a bad answer a retry will not fix (502)', () => {
    // (undici's own "redirect count exceeded" is the fetch family's: below.)
    for (const message of ['too many redirects', 'Maximum number of redirects exceeded']) {
      expect(classify(new Error(message)), message).toMatchObject({
        status: 502,
        retryable: false,
        rule: 'transient:redirects',
      })
    }
    expect(classify(new Error('redirect to /login')).status).toBe(500)
  })

  it("reads fetch's refusal of our request, as an HTTP client copies it, as our bug (500)", () => {
    for (const message of [
      'Failed to parse URL from /v1/orders',
      'Request with GET/HEAD method cannot have body.',
    ]) {
      const error = named('AxiosError', message, { isAxiosError: true, config: { url: '/v1/orders' } })
      expect(classify(error), message).toMatchObject({ status: 500, rule: 'upstream:axios:request-invalid' })
    }
    // Without such words, an axios error with no response stays the network's (502).
    expect(classify(named('AxiosError', 'fetch failed', { isAxiosError: true, config: {} })).status).toBe(502)
  })

  it("reads a validator's class named for the check of a response as the upstream's bad answer (502)", () => {
    const error = named('ResponseValidationError', 'x', {
      issues: [{ message: 'Expected an order', path: ['id'] }],
    })
    expect(classify(error)).toMatchObject({ status: 502, rule: 'validation:response' })
    const request = named('RequestValidationError', 'x', {
      issues: [{ message: 'Expected an order', path: ['id'] }],
    })
    expect(classify(request).status).toBe(422)
  })
})

describe("fetch's redirect limit", () => {
  it('reads undici\'s "redirect count exceeded" under `fetch failed` as a loop a retry will not fix', () => {
    const error = new TypeError('fetch failed', { cause: new Error('redirect count exceeded') })
    expect(classify(error)).toMatchObject({ status: 502, retryable: false, rule: 'fetch:redirect-loop' })
  })
})

describe("the thirty-fifth to thirty-seventh batches' readings", () => {
  it('reads a peer that asks for another attempt, or says it is busy, as unavailable for now (503)', () => {
    for (const message of [
      '4.7.1 Greylisted, please try again later',
      '[SYS/TEMP] System busy, try again later',
      'Too many connected clients, try again in a moment',
      'Transaction has been aborted. Please retry',
      'the server is busy',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 503, retryable: true })
    }
    for (const message of [
      'Try again with a valid email',
      'The user is busy',
      'retry count must be a number',
    ]) {
      expect(classify(new Error(message)).status, message).toBe(500)
    }
  })

  it('reads a peer that failed to respond, or a timeout that occurred, as too slow (504)', () => {
    for (const message of [
      'Modbus exception 11: Gateway target device failed to respond',
      'A timeout occurred during evaluation',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({ status: 504, rule: 'transient:timeout' })
    }
    expect(classify(new Error('respond with JSON, not XML')).status).toBe(500)
  })

  it('reads a message that is only "Unexpected response" as a bad reply (502)', () => {
    expect(classify(new Error('Unexpected response'))).toMatchObject({
      status: 502,
      rule: 'transient:bad-reply',
    })
    expect(classify(new Error('Unexpected response format requested by the client')).status).toBe(500)
  })

  it('reads a resource locked by another holder as contention (503)', () => {
    for (const message of [
      '[IN-USE] Mailbox is locked by another session',
      "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue 'jobs'",
      'the record is locked',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({
        status: 503,
        rule: 'transient:lock-wait',
      })
    }
    expect(classify(new Error('Account locked after three attempts')).status).toBe(500)
  })

  it('reads a code a message begins with, and a name in the form of a code, by their words', () => {
    expect(classify(named('RequestFailedError', 'ResourceUnavailable: 1.3.6.1.4.1.1')).status).toBe(503)
    expect(classify(named('RequestFailedError', 'GeneralError: 1.3.6.1.4.1.1')).status).toBe(500)
    expect(classify(new Error('Error: something broke')).status).toBe(500)
    const timeout = named('OPERATION_TIMEOUT', 'Exception: OPERATION_TIMEOUT[-7]', { code: -7 })
    expect(classify(timeout)).toMatchObject({ status: 504, retryable: true })
    expect(classify(named('NO_NODE', 'Exception: NO_NODE[-101]', { code: -101 })).status).toBe(500)
  })

  it("reads a one-time code's token class named for its format or length as a bad token (401)", () => {
    for (const name of ['TokenFormatError', 'TokenLengthError']) {
      expect(classify(named(name, 'Token must be 6 digits')), name).toMatchObject({ status: 401 })
    }
    // A lexer's tokens are no credential.
    expect(classify(named('TokenizationError', 'output not closed, line:1')).status).toBe(500)
  })

  /** An error whose stack holds `frames` frames of packages and nothing that called back. */
  const deep = (name: string, message: string, props: Record<string, unknown>, frames = 10) => {
    const error = named(name, message, props)
    const lines = Array.from(
      { length: frames },
      (_, i) => `    at f${i} (/srv/node_modules/client/lib/c${i}.js:1:1)`,
    )
    Object.defineProperty(error, 'stack', { value: `${name}: ${message}\n${lines.join('\n')}` })
    return error
  }

  it("reads a status a class named for an answer carries, made deep in dependencies, as the upstream's", () => {
    const refused = deep('ResponseError', 'Server error: credentials are incorrect (401)', {
      statusCode: 401,
    })
    expect(classify(refused)).toMatchObject({ status: 500, rule: 'status:dependency:4xx' })
    // A name of no client's, a stack of a few frames, or a frame of the application: the status stands.
    expect(classify(deep('PaymentError', 'card declined', { statusCode: 402 })).status).toBe(402)
    expect(classify(deep('ResponseError', 'x', { statusCode: 401 }, 3)).status).toBe(401)
    const ours = deep('ResponseError', 'x', { statusCode: 401 })
    Object.defineProperty(ours, 'stack', {
      value: `${ours.stack}`.replace('/srv/node_modules/client/lib/c0.js', '/srv/app/routes.js'),
    })
    expect(classify(ours).status).toBe(401)
  })

  it('reads the words beside a status no HTTP registry names, where they say something', () => {
    const slow = deep('ResponseError', 'Server error: A timeout occurred during evaluation (598)', {
      statusCode: 598,
    })
    expect(classify(slow)).toMatchObject({ status: 504, retryable: true })
    const locked = deep('ResponseError', 'Server error: the vertex is locked by another transaction (596)', {
      statusCode: 596,
    })
    expect(classify(locked)).toMatchObject({ status: 503, retryable: true })
    expect(
      classify(deep('ResponseError', 'Server error: No such method (597)', { statusCode: 597 })).status,
    ).toBe(502)
    // A registered 5xx follows the upstream policy whatever its words.
    expect(classify(deep('ResponseError', 'A timeout occurred', { statusCode: 500 })).status).toBe(502)
  })

  it('reads an answer kept under a hidden `res` only when it is one received (an HTTP version)', () => {
    const hidden = (res: object, props: Record<string, unknown> = {}) => {
      const error = Object.assign(new Error("Unknown tag 'TITLE'"), props)
      Object.defineProperty(error, 'res', { value: res, enumerable: false })
      return error
    }
    expect(classify(hidden({ httpVersion: '1.1', statusCode: 503, headers: {} })).status).toBe(503)
    expect(classify(hidden({ httpVersion: '1.1', statusCode: 200, headers: {} }))).toMatchObject({
      status: 502,
      rule: 'outbound:2xx',
    })
    // A fault read from a 2xx answer, with its code; our own response (no version): nothing said.
    expect(classify(hidden({ httpVersion: '1.1', statusCode: 200 }, { code: 2 })).status).toBe(500)
    expect(classify(hidden({ statusCode: 503, headers: {} })).status).toBe(500)
  })
})

describe("the thirty-eighth and thirty-ninth batches' readings", () => {
  it("reads a message that is only a code by the code's words", () => {
    expect(classify('task_timeout')).toMatchObject({ status: 504, retryable: true })
    expect(classify(new Error('OPERATION_TIMEOUT'))).toMatchObject({ status: 504 })
    expect(classify('input_rejected').status).toBe(500)
    // Access refused is a permission, not a refused connection.
    expect(classify('access_refused').status).toBe(500)
    expect(classify(Object.assign(new Error('x'), { code: 'ACCESS_REFUSED' })).status).toBe(500)
  })

  it('reads a memory limit reached as a dependency that cannot take more now (503)', () => {
    const error = new Error('ResourceAllocationException: Usage Manager Memory Limit reached')
    expect(classify(error)).toMatchObject({ status: 503, retryable: true })
    expect(classify(new Error('memory limit must be a number')).status).toBe(500)
  })

  it('reads a server that has gone away as a reset (502)', () => {
    expect(classify(new Error('Server has gone away'))).toMatchObject({
      status: 502,
      rule: 'transient:reset',
    })
    expect(classify(new Error('The user has gone away on holiday')).status).toBe(500)
  })

  it("reads a dependency's report of a status kept where no framework reads one, whatever its code", () => {
    const error = named('QueryCheckError', 'The query failed 1 validation check', {
      httpStatus: 400,
      code: 'invalid_query',
    })
    const lines = Array.from({ length: 3 }, (_, i) => `    at f${i} (/srv/node_modules/db/dist/index.js:1:1)`)
    const stack = `QueryCheckError: x\n${lines.join('\n')}\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`
    Object.defineProperty(error, 'stack', { value: stack })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'carrier:dependency:4xx' })
    // The same made by the application keeps the status it chose.
    const ours = named('QueryCheckError', 'x', { httpStatus: 400, code: 'invalid_query' })
    expect(classify(ours).status).toBe(400)
  })
})

describe("a SQL engine's constraint words after a driver's prefix", () => {
  it('reads them late, beside no code or an engine number, by the policy rows', () => {
    const cases: [string, number][] = [
      ['Failed to execute SQL statement: NOT NULL constraint failed: users.email', 422],
      ["Check constraint 'ck_age' failed for tuple", 422],
      ["Foreign key constraint 'fk_orders_user' failed: foreign tuple was not found", 409],
      ['email violates exclusivity constraint', 409],
      ['duplicate key error index', 409],
      ['could not serialize access due to concurrent update', 503],
    ]
    for (const [message, status] of cases) {
      expect(classify(Object.assign(new Error(message), { code: 182 })).status, message).toBe(status)
      expect(classify(new Error(message)).status, message).toBe(status)
    }
  })

  it("leaves an error with a code of a driver's own, and words that name no violation", () => {
    const coded = Object.assign(new Error('x: NOT NULL constraint failed: users.email'), { code: 'E_DRIVER' })
    expect(classify(coded).status).toBe(500)
    expect(classify(new Error('the constraint solver gave up')).status).toBe(500)
  })
})

describe('contention, cut stacks, and issues listed or kept aside', () => {
  it('reads a transaction that lost to a concurrent one as contention (503), wherever it is said', () => {
    const said = [
      'TransactionContext Error: Conflict on update!',
      'Transaction has been aborted by conflict',
      'Transaction was aborted due to detection of concurrent modifications to <document>',
      'write-write conflict; conflicting key: 42',
      'Transaction not committed due to conflict with another transaction',
    ]
    for (const message of said) {
      expect(classify(new Error(message)), message).toMatchObject({
        status: 503,
        retryable: true,
        rule: 'transient:contention',
      })
    }
    // A conflict with no transaction in its words is the client's (a stale version), and a
    // transaction aborted by an earlier error, or concurrency of our own, is no contention.
    expect(classify(new Error('Document update conflict.')).status).toBe(500)
    expect(
      classify(new Error('current transaction is aborted, commands ignored until end of transaction block'))
        .status,
    ).toBe(500)
    expect(classify(new Error('Concurrent transactions are not supported on one connection')).status).toBe(
      500,
    )
  })

  it("reads an upstream's or a dependency's 409 that says so as contention, any other 409 as ours", () => {
    const answered = (message: string) =>
      Object.assign(new Error(message), {
        response: { status: 409, headers: { date: 'Mon, 07 Dec 2026 12:00:00 GMT' } },
      })
    expect(classify(answered('write-write conflict; conflicting key: 42'))).toMatchObject({
      status: 503,
      rule: 'outbound:contention',
    })
    expect(classify(answered('Document update conflict.'))).toMatchObject({
      status: 500,
      rule: 'outbound:4xx',
    })
    const reported = (message: string) => sdkMade(named('StoreError', message, { statusCode: 409 }))
    expect(classify(reported('Transaction was aborted due to concurrent modifications')).status).toBe(503)
    expect(classify(reported('Document update conflict.')).status).toBe(500)
  })

  it('reads a status kept where no framework reads one, on an error whose stack was cut, as a report', () => {
    const cut = (status: number) => {
      const error = named('ConstraintFailureError', 'Failed to create document', {
        httpStatus: status,
        code: 'constraint_failure',
      })
      Object.defineProperty(error, 'stack', { value: 'ConstraintFailureError: Failed to create document' })
      return error
    }
    expect(classify(cut(400))).toMatchObject({ status: 500, rule: 'carrier:dependency:4xx' })
    // With stacks turned off, no stack has a frame: nothing is said.
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    try {
      expect(classify(cut(400)).status).toBe(400)
    } finally {
      Error.stackTraceLimit = limit
    }
    // The application's own error has the frame that threw it; a status where frameworks read one
    // (`statusCode`) is not read so.
    expect(classify(named('ConstraintFailureError', 'x', { httpStatus: 400, code: 'c' })).status).toBe(400)
    const framework = named('HttpError', 'Not Found', { statusCode: 404 })
    Object.defineProperty(framework, 'stack', { value: 'HttpError: Not Found' })
    expect(classify(framework).status).toBe(404)
  })

  it("reads the name beside a dependency's status that no registry names (440)", () => {
    const timedOut = sdkMade(named('QueryTimeoutError', 'Query exceeded the time limit', { httpStatus: 440 }))
    expect(classify(timedOut)).toMatchObject({ status: 504, retryable: true })
    const other = sdkMade(named('QueryRuntimeError', 'Query failed', { httpStatus: 440 }))
    expect(classify(other).status).toBe(500)
  })

  it("takes a number beside a SQLSTATE for an engine's error number, not a status", () => {
    const engine = named('SqlError', 'user is forced to change password', { code: 414, sqlState: 'HY000' })
    expect(classify(engine).status).toBe(500)
    expect(classify(named('ServiceError', 'no such order', { code: 404 })).status).toBe(404)
  })

  it('reads issues a validator lists in its message, one a line at a path from the root', () => {
    class TypeAssertionError extends Error {}
    const listed = new TypeAssertionError(
      'Type mismatch\n\n- .email: Expected to match the pattern (got "x")\n- .tags[1]: Expected a string (got 2)',
    )
    expect(classify(listed)).toMatchObject({
      status: 422,
      rule: 'validation:shape',
      details: [{ path: 'email' }, { path: 'tags.1' }],
    })
    // A list of other things names no path from a root; one line lists nothing.
    class MultiError extends Error {}
    expect(classify(new MultiError('Two failures:\n- db: connection lost\n- cache: gone')).status).toBe(502)
    expect(classify(new MultiError('Two failures:\n- the db\n- the cache')).status).toBe(500)
    expect(classify(new TypeAssertionError('- .email: Expected a string')).status).toBe(500)
  })

  it("reads a validation middleware's issues keyed by field, and a validator's failure record", () => {
    const keyed = named('ValidationError', 'Validation Failed', {
      statusCode: 400,
      details: [{ sku: '"sku" must be a string', quantity: '"quantity" must be a number' }],
    })
    expect(classify(keyed)).toMatchObject({
      status: 422,
      details: [{ path: 'sku' }, { path: 'quantity' }],
    })
    const messages = named('ValidationError', 'Validation Failed', {
      statusCode: 400,
      details: [{ message: 'too short' }],
    })
    expect(classify(messages).status).toBe(400)
    const record = named('ValidationError', 'Expected { id: number }, but was incompatible', {
      failure: {
        message: 'Expected { id: number }, but was incompatible',
        code: 'CONTENT_INCORRECT',
        details: {
          id: { message: 'Constraint failed: must be positive', code: 'CONSTRAINT_FAILED' },
          email: { message: 'Expected string, but was missing', code: 'PROPERTY_MISSING' },
        },
      },
    })
    expect(classify(record)).toMatchObject({ status: 422, details: [{ path: 'id' }, { path: 'email' }] })
    // Records of other things, kept under an issue key by any error, are no issues.
    const others = named('ValidationError', 'x', { errors: { db: { message: 'down' } } })
    expect(classify(others).status).toBe(500)
  })

  it('reads a few more words of a dependency that cannot take the call, or did not answer in time', () => {
    const cases: [unknown, number][] = [
      [
        new Error(
          'Could not connect to any host: [ db:30015 - No initialization reply received within 0 sec ]',
        ),
        504,
      ],
      [new Error("no responders: 'inventory.reserve'"), 503],
      [new Error('None of the pools have an opened connection and failed to open a new one.'), 503],
      [new Error('Max allowed requests reached'), 503],
      [new Error('Waiting for too long in queue'), 503],
      [new Error("Can't modify data on a read-only instance - box.cfg.read_only is true"), 503],
      ['failed_connect_to_store', 503],
      [Object.assign(new Error('x'), { code: 'CONNECTION_FAILED' }), 503],
      [named('UnexpectedMessageError', 'unexpected message type 33'), 502],
      [new Error('Unexpected status code while fetching documents from the database: 503'), 503],
      [new Error('Unexpected status code while fetching documents from the database: 500'), 502],
      [new Error('Unexpected status code while inserting a document: 403'), 500],
    ]
    for (const [error, status] of cases) expect(classify(error).status, String(error)).toBe(status)
    // The same words about other things.
    expect(classify(new Error('Max allowed requests per page is 100')).status).toBe(500)
    expect(classify(new Error('The field is read only')).status).toBe(500)
    expect(classify(named('InvalidMessageError', 'message body must be a string')).status).toBe(500)
    expect(classify(Object.assign(new Error('x'), { code: 'CONNECTOR_CONFIG' })).status).toBe(500)
  })

  it('keeps the wait a message tells beside a used-up quota as its Retry-After', () => {
    const error = named('BotError', "Call to 'sendMessage' failed! (429: Too Many Requests: retry after 7)")
    expect(classify(error)).toMatchObject({ status: 503, retryAfter: 7 })
    expect(classify(new Error('Rate limited. Please retry after 30 seconds.')).retryAfter).toBe(30)
    expect(classify(new Error('Too many requests: retry after 2 minutes')).retryAfter).toBeUndefined()
    expect(classify(new Error('Too many requests: retry after 1.5')).retryAfter).toBeUndefined()
  })

  it("reads a format parser's words for a request of another media type as 415", () => {
    const other = named('MultipartParseError', 'Request is not a multipart request')
    expect(classify(other)).toMatchObject({ status: 415, rule: 'request-parsing:media-type' })
    const malformed = named('MultipartParseError', 'Invalid Content-Type header: missing boundary')
    expect(classify(malformed).status).toBe(400)
  })
})

describe("an answer's envelope, causes under other names, an idempotency conflict", () => {
  it("reads an API's envelope thrown as parsed, with its status, by the upstream policy", () => {
    const envelope = (errorCode: number) => ({
      success: false,
      error: 'Rate limit exceeded, please retry later',
      errorCode,
      error_info: 'Please check the API docs',
    })
    expect(classify(envelope(429))).toMatchObject({ status: 503, retryable: true })
    expect(classify(envelope(500)).status).toBe(502)
    expect(classify(envelope(401)).status).toBe(500)
    expect(classify({ ok: false, error_code: 503, description: 'Service Unavailable' }).status).toBe(503)
    // The application's own plain object, with no envelope, keeps the status it chose.
    expect(classify({ status: 404, message: 'no such order' }).status).toBe(404)
    class Outcome {
      success = false
      errorCode = 429
    }
    expect(classify(new Outcome()).status).toBe(500)
  })

  it('follows an error kept as `__cause__` or `exception`', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    const wrapped = Object.assign(named('PaymentsConnectionError', 'fetch failed'), { __cause__: refused })
    expect(classify(wrapped)).toMatchObject({ status: 503, retryable: true })
    class ClientResult {
      exception = refused
    }
    expect(classify(new ClientResult()).status).toBe(503)
    // Data under `exception` is no error.
    expect(classify(Object.assign(new Error('x'), { exception: { code: 'ECONNREFUSED' } })).status).toBe(500)
  })

  it("reads a dependency's 409 that says an idempotency key was reused as a conflict (409)", () => {
    const reused = sdkMade(
      named('MPIdempotencyError', 'Idempotency key already used with a different payload', { status: 409 }),
    )
    expect(classify(reused)).toMatchObject({ status: 409, rule: 'status:dependency:idempotency' })
    const other = sdkMade(named('ApiError', 'The resource was modified', { status: 409 }))
    expect(classify(other).status).toBe(500)
  })
})

describe("a client's record of an exchange, and a status line with the API's errors", () => {
  it('reads a status beside the exception an exchange ended in, on a value that is no error', () => {
    class ExchangeResult {
      statusCode?: number
      exception?: unknown
      wasSuccessful() {
        return this.statusCode !== undefined && this.statusCode < 300
      }
    }
    const answered = (statusCode: number, exception: unknown) =>
      Object.assign(new ExchangeResult(), { statusCode, exception })
    const body = { generalErrors: [{ code: '[invalid]', message: 'The API key is not valid' }] }
    expect(classify(answered(401, body))).toMatchObject({ status: 500, rule: 'outbound:4xx' })
    expect(classify(answered(429, body))).toMatchObject({ status: 503, retryable: true })
    expect(classify(answered(500, body)).status).toBe(502)
    // A framework's answer thrown for our client carries what to say, not an exception.
    class AnswerForUs {
      constructor(
        readonly status: number,
        readonly body: unknown,
      ) {}
    }
    expect(classify(new AnswerForUs(404, { message: 'Not found' })).status).toBe(404)
    expect(classify({ statusCode: 403, message: 'no access to this order' }).status).toBe(403)
    // An error of ours that keeps another error as its `exception` keeps its own status.
    const ours = Object.assign(new Error('order 7 is not yours'), { statusCode: 403, exception: body })
    expect(classify(ours).status).toBe(403)
  })

  it("reads a status whose message is only its reason phrase, beside an API's errors, as an answer we got", () => {
    const apiErrors = (status: number, reason: string) =>
      Object.assign(named('MailApiError', reason), {
        statusCode: status,
        errors: [{ message: 'Rate limit exceeded', code: `1${status}`, description: 'Rate limit exceeded' }],
      })
    expect(classify(apiErrors(429, 'Too Many Requests'))).toMatchObject({ status: 503, retryable: true })
    // The wait a client kept of the answer's Retry-After, where it dropped the headers.
    const waited = Object.assign(apiErrors(429, 'Too Many Requests'), { retryAfter: 7 })
    expect(classify(waited).headers['retry-after']).toBe('7')
    expect(classify(apiErrors(401, 'Unauthorized')).status).toBe(500)
    expect(classify(apiErrors(422, 'Unprocessable Entity')).status).toBe(500)
    expect(classify(apiErrors(500, 'Internal Server Error')).status).toBe(502)
    // An auth middleware's 401 says only "Unauthorized", with no API's errors: ours.
    expect(classify(Object.assign(named('UnauthorizedError', 'Unauthorized'), { status: 401 })).status).toBe(
      401,
    )
    // Words of their own beside the errors: the application's answer.
    const own = Object.assign(new Error('Payment declined'), {
      statusCode: 402,
      errors: [{ message: 'card expired' }],
    })
    expect(classify(own).status).toBe(402)
    // A validator's issues with their paths under a reason phrase: validation, ours.
    const issues = Object.assign(new Error('Unprocessable Entity'), {
      statusCode: 422,
      errors: [{ path: ['email'], message: 'Invalid email' }],
    })
    expect(classify(issues).status).toBe(422)
    // Errors of our own gathered under a reason phrase are no API's answer.
    const gathered = Object.assign(new Error('Bad Request'), { statusCode: 400, errors: [new Error('a')] })
    expect(classify(gathered).status).toBe(400)
  })
})

describe("a gRPC status in a wrapper's words, a multipart parser's, a reply that broke the protocol", () => {
  it("reads a gRPC client's words for a received status, kept without its code, by the gRPC table", () => {
    const said = (name: string, message: string) => classify(named(name, message))
    expect(
      said('GRPCDeadlineExceededError', '4 DEADLINE_EXCEEDED: Deadline exceeded after 0.300s'),
    ).toMatchObject({
      status: 504,
      rule: 'rpc:received:DEADLINE_EXCEEDED',
    })
    expect(said('StoreUnavailableError', '14 UNAVAILABLE: No connection established')).toMatchObject({
      status: 503,
      retryable: true,
    })
    expect(said('GRPCInternalError', '13 INTERNAL: corrupt cluster').status).toBe(502)
    // A status that blames our call is ours to fix, not the client's.
    expect(said('GRPCNotFoundError', '5 NOT_FOUND: key not found').status).toBe(500)
    // A number that is not the name's gRPC code, and words with a code of their own beside them.
    expect(classify(new Error('4 NOT_FOUND: order 7')).rule).toBe('fallback')
    const coded = Object.assign(new Error('14 UNAVAILABLE: try later'), { code: 'E_OURS' })
    expect(classify(coded).rule).not.toMatch(/^rpc:/)
  })

  it("reads a multipart parser's words for a malformed body, without an upload middleware's marks, as 400", () => {
    for (const message of [
      'Unexpected end of form',
      'Unexpected end of multipart data',
      'Malformed part header',
    ]) {
      expect(classify(new Error(message))).toMatchObject({ status: 400, rule: 'request-parsing:multipart' })
    }
    expect(classify(Object.assign(new Error('Unexpected end of form'), { storageErrors: [] })).rule).toBe(
      'request-parsing:multer:malformed',
    )
    // Only the parser's whole words: the same words in a longer message say something else.
    expect(classify(new Error('Unexpected end of form data in the export file')).status).toBe(500)
  })

  it("reads a parser's words for a reply that broke the protocol as a bad reply (502)", () => {
    const parser = named('ParserError', 'Protocol error, got "H" as reply type byte. Please report this.')
    expect(classify(parser)).toMatchObject({ status: 502, rule: 'transient:protocol', retryable: true })
    // A protocol error that names no reply may be ours, about what we were about to send.
    expect(classify(new Error('Protocol error: header name must be a string')).status).toBe(500)
  })
})

describe("a line protocol's transient reply", () => {
  it('reads a 4yz reply kept as a numeric code beside the words it came with as unavailable (503)', () => {
    const reply = (code: number, message: string) => Object.assign(named('FTPError', message), { code })
    expect(classify(reply(421, '421 Too many users logged in, try again later'))).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'transient:reply',
    })
    expect(classify(reply(452, '452 Insufficient storage space in system')).status).toBe(503)
    expect(classify(reply(451, '451-Local error in processing\n451 Try again')).status).toBe(503)
    // A permanent reply (5yz) is about our command or account: 500.
    expect(classify(reply(530, '530 Login incorrect.')).status).toBe(500)
    // A number the message does not begin with is a status a framework carries, not a reply.
    expect(classify(reply(429, 'Slow down')).status).toBe(429)
    expect(classify(reply(421, '4210 records skipped')).rule).not.toBe('transient:reply')
  })
})

describe("an SDK's report that keeps the API's list of errors", () => {
  it("reads a status beside a code of its own and the API's errors, made by a package after waiting, as a report", () => {
    const report = (props: Record<string, unknown>) =>
      classify(
        sdkMade(Object.assign(named('Error', 'Invalid API key provided'), { statusCode: 401, ...props })),
      )
    expect(report({ code: 'APIKEY.INACTIVE', errors: [] })).toMatchObject({
      status: 500,
      rule: 'status:dependency:4xx',
    })
    expect(
      report({ code: 'RATE_LIMITED', errors: [{ message: 'slow down', code: 'RATE' }], statusCode: 429 })
        .status,
    ).toBe(503)
    // The same code without the API's errors: an auth middleware's 401 for our answer, as made after an await.
    expect(report({ code: 'APIKEY.INACTIVE' }).status).toBe(401)
    // A validator's issues (with paths) are no API's errors.
    expect(report({ code: 'BAD_KEY', errors: [{ path: ['key'], message: 'too short' }] }).status).not.toBe(
      500,
    )
  })
})

describe("an upstream's status after a response called invalid", () => {
  it('reads "Invalid response: 500" as the upstream\'s status, by the upstream policy', () => {
    expect(classify(new Error('Invalid response: 500'))).toMatchObject({ status: 502, retryable: true })
    expect(classify(new Error('Unexpected response 503')).status).toBe(503)
    expect(classify(new Error('Invalid response: 401')).status).toBe(500)
    // A number that is no status, after the same words.
    expect(classify(new Error('Invalid response: 3 fields missing')).rule).toBe('fallback')
  })
})

describe("a validator's issues kept by path under `fields`", () => {
  it('reads them when the class says validation, beside the 400 the framework carries, as 422', () => {
    const fields = {
      'body.email': { message: 'not an email', value: 'nope' },
      'body.age': { message: 'min 18', value: 12 },
    }
    const failed = Object.assign(named('ValidateError', ''), { status: 400, fields })
    const got = classify(failed)
    expect(got).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' })
    expect(got.details?.map((issue) => issue.path)).toEqual(['body.email', 'body.age'])
    // The values a row held, under `fields` of an error that says nothing of validation: no issues.
    const unique = Object.assign(named('UniqueViolationError', 'duplicate'), {
      status: 409,
      fields: { email: 'a@b.c' },
    })
    expect(classify(unique).status).toBe(409)
    // A cache's invalidation is no validation.
    expect(
      classify(Object.assign(named('CacheInvalidateError', 'stale'), { status: 400, fields })).status,
    ).toBe(400)
  })
})

describe("an API's error body, thrown as it was parsed", () => {
  it("reads a plain object with a status and the API's error object as the upstream's answer", () => {
    const body = (statusCode: number) => ({
      statusCode,
      error: { code: 'BAD_REQUEST_ERROR', description: 'Order amount less than minimum amount allowed' },
    })
    expect(classify(body(400))).toMatchObject({ status: 500, rule: 'outbound:4xx' })
    expect(classify(body(401)).headers).toEqual({})
    expect(classify(body(429))).toMatchObject({ status: 503, retryable: true })
    expect(classify(body(500))).toMatchObject({ status: 502, retryable: true })
    expect(
      classify({ status: 404, error: { type: 'invalid_request', message: 'No such order' } }).status,
    ).toBe(500)
    // A framework's answer names its error in words; an app's own object carries what to say.
    expect(classify({ statusCode: 404, error: 'Not Found', message: 'no such order' }).status).toBe(404)
    expect(classify({ status: 409, message: 'email taken' }).status).toBe(409)
    // An error object of a class (an Error kept under `error`) is no API's body.
    expect(
      classify({ statusCode: 404, error: named('LookupError', 'no such order', { code: 'E' }) }).status,
    ).toBe(404)
  })
})

describe("a pool's wait that timed out", () => {
  it('reads it as the pool used up (503), not a slow dependency', () => {
    for (const message of [
      'Timed out waiting for connection from pool.',
      'Timeout acquiring a connection. The pool is probably full.',
    ]) {
      expect(classify(new Error(message)), message).toMatchObject({
        status: 503,
        rule: 'transient:exhausted',
      })
    }
    const coded = Object.assign(new Error('Timed out'), { code: 'CONNECTION_POOL:QUEUE_TIMEOUT' })
    expect(classify(coded)).toMatchObject({ status: 503, retryable: true })
    // A query, a connection or a pool's task that timed out is a slow dependency.
    expect(classify(new Error('Query read timeout')).status).toBe(504)
    expect(
      classify(new Error('Connection acquisition timed out in 60000 ms. Pool status: Active conn count = 0'))
        .status,
    ).toBe(504)
    expect(classify(new Error('Task in promise pool timed out after 100ms')).status).toBe(504)
    expect(classify(Object.assign(new Error('x'), { code: 'QUERY_TIMEOUT' })).status).toBe(504)
  })
})

describe('an unexpected response, received', () => {
  it('reads "Received unexpected response from the server" as an answer that was not what was due', () => {
    expect(classify(named('ApiError', 'Received unexpected response from the server'))).toMatchObject({
      status: 502,
      rule: 'transient:bad-reply',
    })
    expect(classify(new Error('Received unexpected response; see the logs')).status).toBe(500)
  })
})

describe("a signed request's failed check, in a class name", () => {
  it('reads InvalidSignatureError as the incoming request failing its check (401)', () => {
    const forged = named(
      'InvalidSignatureError',
      'The signature header secret does not match your webhook secret!',
    )
    expect(classify(forged).status).toBe(401)
    // …but not a key of ours the words name.
    expect(classify(named('InvalidSignatureKeyError', 'bad key in config')).status).toBe(500)
  })
})

describe('more of the SQL engines’ constraint words', () => {
  it("reads SQL Server's and embedded engines' wordings by what they say", () => {
    const said = (message: string) => classify(new Error(message))
    expect(said('Cannot insert record, because it already exists in primary key index').status).toBe(409)
    expect(said('Cannot insert record, because it already exists in unique index').status).toBe(409)
    expect(said('Foreign key "9" not found in table "teams"').status).toBe(409)
    expect(
      said('The INSERT statement conflicted with the FOREIGN KEY constraint "FK_users_teams".').status,
    ).toBe(409)
    expect(said('Wrong NULL value in NOT NULL column email').status).toBe(422)
    expect(
      said(
        "Cannot insert the value NULL into column 'email', table 'app.dbo.users'; column does not allow nulls.",
      ).status,
    ).toBe(422)
    expect(said('Violation of CHECK constraint ').status).toBe(422)
    expect(said('The UPDATE statement conflicted with the CHECK constraint "CK_age".').status).toBe(422)
    // The same words about something else.
    expect(said('Foreign key must be a string').status).toBe(500)
    expect(said('Primary key missing in config').status).toBe(500)
  })
})

describe("a query builder's not-found error", () => {
  it('reads a NotFound class made by a package, with the SQL it ran or words of a missing record, as 404', () => {
    // Made by a package after waiting, as a driver makes it (on our own path the class name decides).
    const made = (message: string, props: Record<string, unknown> = {}) =>
      classify(sdkMade(named('NotFoundError', message, props)))
    expect(made('Resource not found.', { sql: 'SELECT * FROM users WHERE id = $1' })).toMatchObject({
      status: 404,
      rule: 'sql-message:no-row',
    })
    expect(made('Record is not found').status).toBe(404)
    // The class by its constructor's name, its `name` left as `Error`.
    const unnamed = sdkMade(named('NotFoundError', 'Record is not found'))
    unnamed.name = 'Error'
    expect(classify(unnamed).status).toBe(404)
    // A not-found class with neither is anybody's (an SDK's for an upstream's 404); the words alone
    // say no class.
    expect(made('Resource not found.').status).toBe(500)
    expect(classify(sdkMade(new Error('Record not found'))).status).toBe(500)
  })
})

describe("another library's DataError", () => {
  it("is not the platform's: no DOMException, none kept as `inner`", () => {
    expect(classify(named('DataError', "Can't find dataPath: /users/42", { id: 5 })).status).toBe(500)
    const wrapped = named('DataError', 'Data provided to an operation does not meet requirements.', {
      inner: new DOMException('Data provided to an operation does not meet requirements.', 'DataError'),
    })
    expect(classify(wrapped).status).toBe(400)
  })
})

describe('a request that took longer than its time, and a class that says no more than a signature', () => {
  it('reads "took longer than 250ms" as too slow (504)', () => {
    expect(classify(new Error('Request took longer than 250ms'))).toMatchObject({
      status: 504,
      retryable: true,
    })
    expect(classify(new Error('The upload took longer than 30 seconds')).status).toBe(504)
    // A comparison that is no time.
    expect(classify(new Error('The name took longer than expected to validate')).status).toBe(500)
  })

  it('reads a class named SignatureError as a signed request that failed its check (401)', () => {
    expect(classify(named('SignatureError', 'body hash does not match')).status).toBe(401)
    // A longer name about our own key stays ours.
    expect(classify(named('SignatureKeyError', 'no signing key configured')).status).toBe(500)
  })
})

describe("a dependency's answer that could not be read, a server out of rotation, a queue or pool used up", () => {
  const said = (message: string) => classify(new Error(message))

  it('reads malformed JSON in a response or an event stream as a bad answer (502)', () => {
    expect(said('Malformed JSON data in polling response')).toMatchObject({ status: 502, retryable: true })
    expect(said('Malformed JSON data in event stream').status).toBe(502)
    // The client's own body is the request's.
    expect(said('Invalid JSON in request body').status).toBe(500)
  })

  it("reads a server's reply quoted after its words as a bad answer, unless it quotes a status", () => {
    expect(said('Unknown response from the cache server: "MOVED 10.0.0.7:11211"').status).toBe(502)
    expect(said('Unexpected response from server: 401').status).toBe(500)
  })

  it('reads a server taken out of rotation, a queue over its limit, every worker busy as unavailable (503)', () => {
    expect(said('Server at 127.0.0.1:32767 not available')).toMatchObject({ status: 503, retryable: true })
    expect(classify('over queue limit').status).toBe(503)
    expect(said('No task queue available and all Workers are busy').status).toBe(503)
    // Not a server, not a limit of a queue.
    expect(said('The feature is not available').status).toBe(500)
    expect(said('over the character limit').status).toBe(500)
  })
})

describe("a client's timeout called an abort, an API's error number in a parsed body, a JSON-RPC peer's code", () => {
  const said = (message: string) => classify(new Error(message))

  it('reads an ECONNABORTED that says it timed out as too slow (504), another abort as a reset (502)', () => {
    const config = { url: 'https://api.example.com/v3/send', timeout: 250 }
    const timedOut = Object.assign(
      new Error('Unsuccessful: Error Code: "ECONNABORTED" Message: "timeout of 250ms exceeded"'),
      {
        code: 'ECONNABORTED',
        config,
        response: null,
      },
    )
    expect(classify(timedOut)).toMatchObject({ status: 504, rule: 'outbound:ECONNABORTED:timeout' })
    const aborted = Object.assign(new Error('Request aborted'), {
      code: 'ECONNABORTED',
      config,
      response: null,
    })
    expect(classify(aborted).status).toBe(502)
    expect(classify(Object.assign(new Error('socket timed out'), { code: 'ECONNABORTED' })).status).toBe(504)
  })

  it("reads a parsed body's own error number beside its status as the upstream's answer", () => {
    for (const [status, want] of [
      [401, 500],
      [404, 500],
      [429, 503],
      [500, 502],
    ] as const) {
      const body = {
        statusCode: status,
        errorCode: 1002,
        message: 'Your Access Token is invalid.',
        refId: 'x9bd7',
      }
      expect(classify(body).status, String(status)).toBe(want)
    }
    expect(classify({ status: 404, error_code: 4040, message: 'No such sheet' }).status).toBe(500)
    // An application's own answer: no number, or the status itself, or an error class of its own.
    expect(classify({ statusCode: 404, message: 'No such order' }).status).toBe(404)
    expect(classify({ statusCode: 404, errorCode: 404, message: 'No such order' }).status).toBe(404)
    expect(classify(named('AppError', 'No such order', { statusCode: 404, errorCode: 1006 })).status).toBe(
      404,
    )
  })

  it("reads a JSON-RPC peer's internal or server error as its failure (502), a call it refused as ours (500)", () => {
    const rpc = (code: number, message: string) =>
      Object.assign(new Error(message), { code, data: undefined })
    expect(classify(rpc(-32603, 'Internal error'))).toMatchObject({
      status: 502,
      rule: 'rpc:json-rpc:server-error',
    })
    expect(classify(rpc(-32000, "Cannot read properties of undefined (reading 'cents')")).status).toBe(502)
    expect(classify(rpc(-32601, 'Method not found'))).toMatchObject({
      status: 500,
      rule: 'rpc:json-rpc:bad-call',
    })
    expect(classify(rpc(-32100, 'something else')).status).toBe(500)
    expect(classify(rpc(-32005, 'limit exceeded'))).toMatchObject({ status: 503, retryable: true })
  })

  it('reads a status at the start of a message, before its reason phrase in quotes, as the upstream policy', () => {
    expect(said('503 "Unavailable"; Request ID: "abcdef123456"')).toMatchObject({
      status: 503,
      retryable: true,
    })
    expect(said('500 "Internal Server Error"; Request ID: "abcdef123456"').status).toBe(502)
    expect(said('403 "Forbidden"').status).toBe(500)
    // A number that is no status line.
    expect(said('500 "widgets" were not shipped').status).toBe(500)
  })

  it('reads an answer of a form or content type the client cannot read as a bad answer (502)', () => {
    expect(said('Bad response format')).toMatchObject({ status: 502, retryable: true })
    expect(said('Unsupported response content-type').status).toBe(502)
    expect(said('Unsupported response content-type requested: text/csv').status).toBe(500)
  })

  it("reads an API's request limit in a code, and a signature in words, by what they say", () => {
    const limited = named('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', {
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
    })
    expect(classify(limited)).toMatchObject({ status: 503, retryable: true })
    expect(classify(named('FILE_SIZE_LIMIT_EXCEEDED', 'The file is too big.')).status).toBe(500)
    expect(said('Signatures not match.').status).toBe(401)
    expect(said('Signature does not match').status).toBe(401)
    expect(said('The signature matches').status).toBe(500)
  })

  it("does not read an SDK's expired token as the request's (its words are about our credentials)", () => {
    expect(
      classify(named('VendorSdkError', 'Developer token has expired. Please provide a new one.')).status,
    ).toBe(500)
    expect(classify(named('SessionError', 'Token has expired')).status).toBe(401)
  })
})

describe("an answer's envelope in words, an answer kept out of sight, a 2xx the client rejected", () => {
  const said = (message: string) => classify(new Error(message))

  it("reads a parsed body that says `status: 'error'` beside the answer's status as the upstream's", () => {
    const body = (httpStatus: number) => ({
      status: 'error',
      errorType: 'bad_data',
      httpStatus,
      error: 'parse error',
    })
    expect(classify(body(400)).status).toBe(500)
    expect(classify(body(500))).toMatchObject({ status: 502, retryable: true })
    // The word alone is no call's answer: an application's own object stays as it was.
    expect(classify({ status: 'error', message: 'No such order' }).status).toBe(500)
  })

  it("reads a plain object's hidden record of the answer (its status and the upstream's headers)", () => {
    const rejected = (statusCode: number, headers: Record<string, string>) =>
      Object.defineProperty({ message: 'We could not do that', help: '' }, '$ResponseMetadata', {
        value: { statusCode, headers },
        enumerable: false,
      })
    const headers = { 'content-type': 'application/json', date: 'Mon, 07 Dec 2026 20:39:24 GMT' }
    expect(classify(rejected(429, { ...headers, 'retry-after': '7' }))).toMatchObject({
      status: 503,
      retryAfter: 7,
    })
    expect(classify(rejected(500, headers)).status).toBe(502)
    // A status with no upstream's headers says nothing of a call.
    expect(classify(rejected(404, { 'x-app': '1' })).status).toBe(500)
  })

  it('reads a 2xx the client received and rejected as an answer that could not be used (502)', () => {
    const check = Object.assign(new Error('Validation error: Required at "taskIdentifier"'), {
      issues: [{ path: ['taskIdentifier'], message: 'Required', code: 'invalid_type' }],
    })
    const error = Object.assign(new Error('200 Validation error', { cause: check }), {
      status: 200,
      headers: { 'content-type': 'application/json', date: 'Mon, 07 Dec 2026 20:39:24 GMT' },
      rawBody: { id: 'run_1234' },
    })
    expect(classify(error)).toMatchObject({ status: 502, rule: 'outbound:2xx' })
  })

  it("reads an abort whose kind says it timed out, a query over its time or queue, a status before `=` or ':'", () => {
    const aborted = { status: 'error', errorType: 'timeout_error', error: 'x', code: 'ECONNABORTED' }
    expect(classify(aborted).status).toBe(504)
    expect(said('Query exceeded maximum time limit of 30.00s')).toMatchObject({
      status: 504,
      retryable: true,
    })
    expect(said('Too many queued queries for "global.adhoc"')).toMatchObject({ status: 503, retryable: true })
    expect(said('The upload exceeded maximum file size').status).toBe(500)
    expect(said('HTTP request failed, statusCode=500, error=').status).toBe(502)
    expect(said('HTTP request failed, status_code=503').status).toBe(503)
    expect(classify(named('VendorApiError', '401: invalid signature')).status).toBe(500)
    expect(classify(named('VendorApiError', '429: rate limit exceeded')).status).toBe(503)
    // The same words with no status before them stay a verifier's, on an error that is no API client's.
    expect(said('invalid signature').status).toBe(401)
  })
})

describe("a token endpoint's error as parsed, a status line's words, a verifier's claims, a host not found", () => {
  const said = (message: string) => classify(new Error(message))

  it("reads a plain object with an OAuth 2.0 error code beside its status as the token endpoint's answer", () => {
    const answer = (status: number, error: string) => ({ error, status, statusText: 'x' })
    expect(classify(answer(401, 'invalid_client'))).toMatchObject({ status: 500, rule: 'outbound:4xx' })
    expect(classify(answer(400, 'invalid_grant')).status).toBe(500)
    expect(classify(answer(429, 'slow_down'))).toMatchObject({ status: 503, retryable: true })
    expect(classify(answer(500, 'server_error'))).toMatchObject({ status: 502, retryable: true })
    // An application's own object, with its own words, or a framework's status text: its status.
    expect(classify({ error: 'no such order', status: 404 }).status).toBe(404)
    expect(classify({ status: 400, statusText: 'Bad input' }).status).toBe(400)
  })

  it("reads a parsed body that keeps its status under `data`, beside its code and words, as the upstream's", () => {
    const body = (code: string, status: number) => ({ code, message: 'x', data: { status } })
    expect(classify(body('internal_server_error', 500))).toMatchObject({ status: 502, retryable: true })
    expect(classify(body('rest_forbidden', 403)).status).toBe(500)
    // Data of the application's own, with no code of an API's: not an answer.
    expect(classify({ message: 'x', data: { status: 500 } }).status).toBe(500)
  })

  it("reads a message that is only an error status's reason phrase, made by a dependency after waiting", () => {
    expect(classify(madeInPackage(new Error('Internal Server Error')))).toMatchObject({
      status: 502,
      rule: 'outbound:5xx',
    })
    expect(classify(madeInPackage(new Error('Too Many Requests')))).toMatchObject({
      status: 503,
      retryable: true,
    })
    expect(classify(madeInPackage(new Error('Not Found'))).status).toBe(500)
    // The application's own: not a status line.
    expect(classify(madeInPackage(new Error('Internal Server Error'), true)).status).toBe(500)
    expect(said('Internal Server Error').status).toBe(500)
  })

  it("lets a status line inside a token library's parse error decide (the key service answered)", () => {
    const keys = madeInPackage(named('KeySetError', 'Internal Server Error'))
    const wrapper = named('JwsParseError', 'Error while resolving signing key for kid "key-1"', {
      innerError: keys,
    })
    expect(classify(wrapper)).toMatchObject({ status: 502, retryable: true })
    // The parse error alone is the token's.
    expect(classify(named('JwsParseError', 'Jws cannot be parsed')).status).toBe(401)
  })

  it("reads the upstream's headers kept as `responseHeader`", () => {
    const error = madeInPackage(
      named('VendorApiRateLimitExceededError', 'Request failed with status code 429', {
        statusCode: 429,
        responseHeader: { 'retry-after': '7', 'content-type': 'application/json' },
      }),
    )
    expect(classify(error)).toMatchObject({ status: 503, retryAfter: 7 })
  })

  it('reads a token or an assertion made for another audience or by another issuer as the request’s (401)', () => {
    expect(
      said('audience claim api://default does not match expected audience: api://payments'),
    ).toMatchObject({
      status: 401,
      rule: 'auth:claim-mismatch',
    })
    expect(said('SAML assertion audience mismatch. Expected: urn:sp Received: urn:other').status).toBe(401)
    expect(said('Grant validation failed. Reason: invalid token (wrong ISS)').status).toBe(401)
    expect(said('Grant validation failed. Reason: invalid token (expired)').status).toBe(401)
    // A certificate's issuer, an audience of another kind, an SDK's words: not a verifier's.
    expect(said('unable to get local issuer certificate').status).toBe(500)
    expect(said('The audience of this campaign does not match the segment').status).toBe(500)
    expect(classify(named('VendorSdkError', 'invalid audience')).status).toBe(500)
  })

  it('reads an overloaded server and a response that is not JSON by their words', () => {
    expect(said('You are placing too much load on the server.')).toMatchObject({
      status: 503,
      retryable: true,
    })
    expect(said('response body is not valid JSON (operation="bodyJson")')).toMatchObject({
      status: 502,
      retryable: true,
    })
    expect(said('the request body is not valid JSON').status).toBe(500)
  })

  it('answers a host name not found with 502, retryable (a service not yet registered comes back)', () => {
    const nxdomain = Object.assign(new Error('getaddrinfo ENOTFOUND api.example.invalid'), {
      errno: -3008,
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: 'api.example.invalid',
    })
    expect(classify(new TypeError('fetch failed', { cause: nxdomain }))).toMatchObject({
      status: 502,
      retryable: true,
    })
  })
})

describe("SQLite's words in a replicated store's result and its WASM build, a concurrency class, a store's query", () => {
  it("reads SQLite's own JavaScript API: the extended code's number as `resultCode`, its name first in the message", () => {
    const wasm = (resultCode: number, message: string) => named('SQLite3Error', message, { resultCode })
    expect(
      classify(
        wasm(
          2067,
          'SQLITE_CONSTRAINT_UNIQUE: sqlite3 result code 2067: UNIQUE constraint failed: users.email',
        ),
      ),
    ).toMatchObject({ status: 409, rule: 'sqlite:SQLITE_CONSTRAINT_UNIQUE' })
    expect(classify(wasm(787, 'SQLITE_CONSTRAINT_FOREIGNKEY: sqlite3 result code 787: x')).status).toBe(409)
    expect(classify(wasm(275, 'SQLITE_CONSTRAINT_CHECK: sqlite3 result code 275: x')).status).toBe(422)
    expect(
      classify(wasm(3091, 'SQLITE_CONSTRAINT_DATATYPE: sqlite3 result code 3091: cannot store TEXT value')),
    ).toMatchObject({ status: 400, rule: 'sqlite:SQLITE_CONSTRAINT_DATATYPE' })
    // The message's leading code alone says as much; a plain `Error`'s `resultCode` is nobody's.
    expect(classify(named('SQLite3Error', 'SQLITE_CONSTRAINT_UNIQUE: x')).status).toBe(409)
    expect(classify(Object.assign(new Error('no such object'), { resultCode: 2067 })).status).toBe(500)
  })

  it("reads SQLite's constraint words wherever they sit, beside a code that only repeats the class's name", () => {
    const result = (message: string) => named('StoreResultError', message, { code: 'StoreResultError' })
    expect(classify(result('UNIQUE constraint failed: users.email')).status).toBe(409)
    expect(classify(result('FOREIGN KEY constraint failed')).status).toBe(409)
    expect(classify(result('NOT NULL constraint failed: users.name')).status).toBe(422)
    // A code of its own (not the class's name) is left to its driver's family.
    expect(
      classify(named('StoreResultError', 'UNIQUE constraint failed: x', { code: 'E_STORE' })).status,
    ).toBe(500)
  })

  it('reads a class named for concurrency and nothing after it as an optimistic-concurrency conflict (409)', () => {
    expect(
      classify(named('ConcurrencyException', 'Document orders/1 has another change vector')),
    ).toMatchObject({
      status: 409,
      rule: 'orm:optimistic-lock',
    })
    expect(classify(named('DbUpdateConcurrencyException', 'x')).status).toBe(409)
    // A limiter's class with more words after: not a conflict.
    expect(classify(named('ConcurrencyLimitError', 'x')).status).toBe(500)
  })

  it("does not read a store's `InvalidQueryException` as the request's malformed query string", () => {
    expect(classify(named('InvalidQueryException', "Expected end of query but got: 'wher'")).status).toBe(500)
    expect(classify(named('InvalidHeaderError', 'bad header')).status).toBe(400)
  })
})
