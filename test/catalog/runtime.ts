import { catalog, type Example, errorWith } from './example.js'

// Deno and Bun cannot run inside vitest, so their errors are lookalikes copied from the runtimes'
// sources, with the messages they give.

/**
 * A `Deno.errors.*` error as Deno builds it: a subclass of Error that sets only `name`
 * (denoland/deno runtime/js/01_errors.js; `NotCapable`, `BadResource` and `Interrupted` from
 * denoland/deno_core core/01_core.js). Deno 2 adds a Node-style `code` to most errors that come
 * from the OS; these have none, as in older Deno versions and where Deno sets none.
 */
function denoError(name: string, message: string): Error {
  const DenoError = class extends Error {
    constructor(text: string) {
      super(text)
      this.name = name
    }
  }
  return new DenoError(message)
}

/**
 * Bun's fetch failure before Bun adopted Node's codes: a SystemError whose `code` is the Zig
 * error name, with `errno: 0` and the URL in `path` (oven-sh/bun src/bun.js/webcore/fetch/FetchTasklet.zig).
 */
function bunFetchError(code: string, message: string): Error {
  return errorWith(message, { code, errno: 0, path: 'http://127.0.0.1:4000/orders' })
}

/** [name, message, status, retryable] of a `Deno.errors.*` error, in the policy's order. */
const DENO = [
  ['ConnectionRefused', 'Connection refused (os error 111)', 503, true],
  ['NetworkUnreachable', 'Network is unreachable (os error 101)', 503, true],
  ['ConnectionReset', 'Connection reset by peer (os error 104)', 502, true],
  ['ConnectionAborted', 'Software caused connection abort (os error 103)', 502, true],
  ['NotConnected', 'Transport endpoint is not connected (os error 107)', 502, true],
  ['BrokenPipe', 'Broken pipe (os error 32)', 502, true],
  ['UnexpectedEof', 'unexpected end of file', 502, true],
  ['WriteZero', 'failed to write whole buffer', 502, true],
  ['TimedOut', 'Connection timed out (os error 110)', 504, true],
  ['Busy', 'Device or resource busy (os error 16)', 503, true],
  ['WouldBlock', 'Resource temporarily unavailable (os error 11)', 503, true],
  ['Interrupted', 'operation canceled', 503, true],
  // Our own process: a missing file, a sandbox permission, a bad resource id … never 404, 403 or 501.
  ['NotFound', "No such file or directory (os error 2): readfile '/app/config.json'", 500, false],
  ['PermissionDenied', "Permission denied (os error 13): open '/var/log/app.log'", 500, false],
  ['NotCapable', 'Requires read access to "/etc/hostname", run again with the --allow-read flag', 500, false],
  ['NotSupported', 'Operation not supported (os error 95)', 500, false],
  ['AlreadyExists', "File exists (os error 17): mkdir '/app/cache'", 500, false],
  ['IsADirectory', "Is a directory (os error 21): readfile '/app'", 500, false],
  ['NotADirectory', "Not a directory (os error 20): readdir '/app/config.json'", 500, false],
  ['FilesystemLoop', "Too many levels of symbolic links (os error 40): stat '/app/loop'", 500, false],
  ['AddrInUse', 'Address already in use (os error 98)', 500, false],
  ['AddrNotAvailable', 'Cannot assign requested address (os error 99)', 500, false],
  ['BadResource', 'Bad resource ID', 500, false],
  ['InvalidData', 'stream did not contain valid UTF-8', 500, false],
  ['Http', 'connection closed before message completed', 500, false],
] as const

/** [code, message, status, retryable] of an older Bun's fetch error. */
const BUN = [
  ['ConnectionRefused', 'Unable to connect. Is the computer able to access the url?', 503, true],
  ['FailedToOpenSocket', 'Was there a typo in the url or port?', 503, true],
  [
    'ConnectionClosed',
    'The socket connection was closed unexpectedly. For more information, pass `verbose: true` in the second argument to fetch()',
    502,
    true,
  ],
  // Bun 1.4.5 (test/runtimes), fetch of a loopback port that answers an SSH greeting.
  [
    'Malformed_HTTP_Response',
    'Malformed_HTTP_Response fetching "http://127.0.0.1:39643/". For more information, pass `verbose: true` in the second argument to fetch()',
    502,
    true,
  ],
  [
    'TooManyRedirects',
    'The response redirected too many times. For more information, pass `verbose: true` in the second argument to fetch()',
    502,
    false,
  ],
  ['RedirectURLInvalid', 'Redirect URL in Location header is invalid.', 502, false],
] as const

type Row = readonly [name: string, message: string, status: number, retryable: boolean]

const denoExample = ([name, message, status, retryable]: Row): Example => ({
  error: `Deno \`Deno.errors.${name}\` without a Node-style \`code\``,
  make: () => denoError(name, message),
  rule: `runtime:deno:${name}`,
  status,
  ...(status === 500 ? {} : { retryable }),
})

const bunExample = ([code, message, status, retryable]: Row): Example => ({
  error: `Bun fetch error with \`code: '${code}'\``,
  make: () => bunFetchError(code, message),
  rule: `runtime:bun:${code}`,
  status,
  retryable,
})

export default catalog('runtime', [
  ...DENO.map(denoExample),
  {
    error: 'Deno `NotFound` from `Deno.resolveDns` ("no record found for …")',
    // hickory-dns's NXDOMAIN, as Deno.resolveDns rejects with it (no code).
    make: () =>
      denoError(
        'NotFound',
        'no record found for Query { name: Name("nx.example.invalid."), query_type: A, query_class: IN }',
      ),
    rule: 'runtime:deno:NotFound:dns',
    status: 502,
    retryable: true,
  },
  {
    error: 'Deno `InvalidData` from TLS ("invalid peer certificate …")',
    // rustls, as Deno.connectTls and fetch reject with it.
    make: () => denoError('InvalidData', 'invalid peer certificate: UnknownIssuer'),
    rule: 'runtime:deno:InvalidData:tls',
    status: 502,
    retryable: false,
  },
  ...BUN.map(bunExample),
  {
    error: "the Web platform's `ConstraintError` (IndexedDB: a key or a unique index's value that exists)",
    // The runtime's own DOMException, as an IndexedDB store rejects a write with it.
    make: () => new DOMException('Key already exists in the object store.', 'ConstraintError'),
    rule: 'runtime:web:ConstraintError',
    status: 409,
  },
  {
    error: "the Web platform's `DataError` (IndexedDB: a value that is no valid key)",
    // The runtime's own DOMException, as an IndexedDB store rejects a key with it.
    make: () => new DOMException('Data provided to an operation does not meet requirements.', 'DataError'),
    rule: 'runtime:web:DataError',
    status: 400,
  },
])
