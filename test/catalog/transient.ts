import { catalog, type Example, errorWith } from './example.js'

// The transient family reads what an error says (a code, a class name, the first words of its
// message) whoever threw it. Its examples are the shapes of clients that no family names; real
// ones, thrown live by such clients, are measured by the held-out set (test/held-out/), which a
// catalog must not name, so that its score stays a measure of errors no rule was written against.

const unavailable = (error: string, rule: string, make: () => unknown): Example => ({
  error,
  make,
  rule,
  status: 503,
  retryable: true,
})

const timedOut = (error: string, make: () => unknown): Example => ({
  error,
  make,
  rule: 'transient:timeout',
  status: 504,
  retryable: true,
})

/** A client's own error class: `class <name> extends Error`, its code and properties set in the constructor. */
function clientError(name: string, message: string, props: Record<string, unknown> = {}): Error {
  const Class = { [name]: class extends Error {} }[name] as new (message: string) => Error
  const error = Object.assign(new Class(message), props)
  error.name = name
  return error
}

export default catalog('transient', [
  // A mail or queue client that sets its own `code` and keeps the system one in `originalCode`.
  unavailable(
    '`originalCode` / string `errno` with a system code, e.g. `ECONNREFUSED`',
    'transient:ECONNREFUSED',
    () => errorWith('Connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }),
  ),
  unavailable('a string `code` that says refused, e.g. `CONNECTION_REFUSED`', 'transient:refused', () =>
    clientError('BrokerError', 'CONNECTION_REFUSED', { code: 'CONNECTION_REFUSED' }),
  ),
  timedOut('a string `code` that says timeout, e.g. `TIMEOUT`, `DEADLINE_EXCEEDED`', () =>
    clientError('BrokerError', 'TIMEOUT', { code: 'TIMEOUT' }),
  ),
  unavailable(
    'a string `code` that says unavailable, e.g. `ServiceUnavailable`',
    'transient:unavailable',
    () =>
      clientError('GraphStoreError', 'Could not perform discovery. No routing servers available.', {
        code: 'ServiceUnavailable',
      }),
  ),
  timedOut("a client's `type` that says timeout, e.g. `request-timeout`", () =>
    clientError('FetchError', 'network timeout at: https://api.example.com/v1', {
      code: 'FETCH_ERROR',
      type: 'request-timeout',
    }),
  ),
  unavailable('a message "failed to connect to …"', 'transient:unavailable', () =>
    clientError('StoreConnectionError', 'Failed to connect to the vector store'),
  ),
  timedOut('a class name `…TimeoutError`, `…TimedOutError`', () =>
    clientError('OperationTimedOutError', 'The host 127.0.0.1:9042 did not reply before timeout 12000 ms', {
      host: '127.0.0.1:9042',
    }),
  ),
  // An FTP or SMTP client that reports the server's reply as it came: its number as `code`.
  unavailable(
    "a line protocol's transient reply (4yz) kept as a numeric `code`, e.g. FTP's `421 Too many users`",
    'transient:reply',
    () => clientError('FTPError', '421 Too many users logged in, try again later', { code: 421 }),
  ),
  unavailable('a class name `NoHostAvailableError`, `…UnavailableError`', 'transient:unavailable', () =>
    clientError('NoHostAvailableError', 'All host(s) tried for query failed', { innerErrors: {} }),
  ),
  timedOut(
    'a message "read timeout", "… timed out"',
    () => new Error('socket timed out waiting on response.'),
  ),
  unavailable(
    'a message that says a queue\'s size limit was reached ("Max queue size of 100 reached")',
    'transient:exhausted',
    () => new Error('Max queue size of 100 reached'),
  ),
  unavailable(
    'a class name of a circuit breaker or a bulkhead that turned a call away, e.g. `OpenCircuitError`, `BulkheadOverloadError`',
    'transient:shed',
    () => clientError('BulkheadOverloadError', 'Bulkhead is full; the call was not made'),
  ),
  unavailable(
    'a message "… lock … timed out" (a lock wait)',
    'transient:lock-wait',
    () => new Error('Acquiring the lock timed out after 10 ms'),
  ),
  unavailable(
    'a message that says a transaction lost to a concurrent one ("write-write conflict", "aborted by conflict")',
    'transient:contention',
    () => new Error('Transaction has been aborted by conflict'),
  ),
  unavailable('a message "Connection refused …"', 'transient:refused', () =>
    errorWith('Connection refused: Server unavailable', { code: 3 }),
  ),
  {
    error: 'a message "socket hang up", "connection closed unexpectedly"',
    make: () => errorWith('Connection closed unexpectedly', { code: 'ECONNECTION' }),
    rule: 'transient:reset',
    status: 502,
    retryable: true,
  },
  unavailable('a message "pool is full", "too many connections"', 'transient:exhausted', () =>
    clientError('PoolError', 'The pool is full: too many connections waiting'),
  ),
  unavailable(
    'a wait for a connection from a pool that timed out ("Timed out waiting for connection from pool"), or `code` `…POOL…TIMEOUT`',
    'transient:exhausted',
    () => errorWith('Timed out waiting for connection from pool.', { code: 'CONNECTION_POOL:QUEUE_TIMEOUT' }),
  ),
  unavailable(
    'a message "rate limit exceeded", "too many requests" (a quota used up)',
    'transient:exhausted',
    () => clientError('KvError', 'ERR requests limit exceeded for this database'),
  ),
  timedOut('a message `AbortSignal.timeout()` gives, kept without its `TimeoutError`', async () => {
    const signal = AbortSignal.timeout(1)
    await new Promise((resolve) => signal.addEventListener('abort', resolve))
    return clientError('MailerError', (signal.reason as Error).message, { statusCode: 0 })
  }),
  {
    error: 'a message that says a fetch failed, kept by an SDK without its cause ("fetch failed")',
    make: () => clientError('CrmError', 'fetch failed', { statusCode: undefined }),
    rule: 'transient:fetch-failed',
    status: 502,
    retryable: true,
  },
  {
    error: 'a class named for a rate limit or a used-up quota, with the wait its client was told',
    make: () => clientError('WebAPIRateLimitedError', 'A rate-limit has been reached', { retryAfter: 7 }),
    rule: 'transient:exhausted',
    status: 503,
    retryable: true,
    headers: ['retry-after'],
  },
  {
    error: 'a message that says a client gave up retrying ("max retries exceeded")',
    make: () => clientError('VectorStoreError', 'You have exceeded the max configured retries (3).'),
    rule: 'transient:retries-exhausted',
    status: 502,
    retryable: true,
  },
  // A client (or a wrapper) that reports the upstream's status only in its message: the status
  // follows the upstream policy, never passed through.
  unavailable(
    'a message that reports an upstream 503 or 429, e.g. "Request failed with status code 503"',
    'transient:upstream:503',
    () => new Error('Request failed with status code 503'),
  ),
  {
    error: 'a message that reports another upstream 5xx, e.g. "HTTP status: 500"',
    make: () => new Error('Upstream call failed: HTTP status: 500'),
    rule: 'transient:upstream:5xx',
    status: 502,
    retryable: true,
  },
  {
    error: 'a message that says an answer could not be read ("Unable to parse JSON response …")',
    make: () =>
      clientError('RequestError', "Unable to parse JSON response from server: Unexpected token '<'"),
    rule: 'transient:bad-reply',
    status: 502,
    retryable: true,
  },
  {
    error: 'a message that quotes an upstream status line, e.g. "502 Bad Gateway"',
    make: () => new Error('Unable to parse response body: <html><h1>502 Bad Gateway</h1></html>'),
    rule: 'transient:upstream:5xx',
    status: 502,
    retryable: true,
  },
  unavailable(
    'a proxy\'s words for an upstream it could not reach, quoted by a client: "no healthy upstream", "upstream connect error …"',
    'transient:unavailable',
    () => clientError('RPCClientError', `Unexpected token 'o', "no healthy upstream" is not valid JSON`),
  ),
  {
    error:
      "a peer that broke its protocol or speaks another: a `…ProtocolError`, or an HTTP status line where another protocol's reply was due",
    make: () => clientError('ProtocolError', 'Invalid frame header: 0x48545450'),
    rule: 'transient:protocol',
    status: 502,
    retryable: true,
  },
  {
    error:
      'an upstream that kept redirecting until the client gave up: "too many redirects", "redirect count exceeded"',
    // What a client that follows redirects itself says when its limit runs out on a loop.
    make: () => new Error('too many redirects'),
    rule: 'transient:redirects',
    status: 502,
    retryable: false,
  },
  {
    error: 'a message that reports an upstream 4xx, e.g. "Response code 401"',
    make: () => new Error('Response code 401 (Unauthorized)'),
    rule: 'transient:upstream:4xx',
    status: 500,
  },
])
