import { describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'

// Deno and Bun cannot run inside this test process, so their errors are lookalikes copied from
// the runtimes' sources.

/**
 * `Deno.errors.*`: denoland/deno runtime/js/01_errors.js (NotCapable, BadResource and Interrupted
 * from denoland/deno_core core/01_core.js). Each class sets only `name`; Deno 2 adds a Node-style
 * `code` on most errors it maps from an OS error (observed on Deno 2.9, see the error catalog §12).
 */
function denoError(name: string, message: string, code?: string): Error {
  const DenoError = class extends Error {
    constructor(msg: string) {
      super(msg)
      this.name = name
    }
  }
  const error = new DenoError(message)
  if (code !== undefined) Object.assign(error, { code })
  return error
}

/**
 * Bun's fetch failure: a SystemError with the code on the error itself and no `cause`
 * (oven-sh/bun src/bun.js/webcore/fetch/FetchTasklet.zig `onReject`): Bun ≤ 1.3 uses the Zig
 * error name as the code, later versions Node's (`ECONNREFUSED`), with `errno: 0` and `path`.
 */
function bunFetchError(code: string, message: string, extra: Record<string, unknown> = {}): TypeError {
  return Object.assign(new TypeError(message), { code, errno: 0, path: 'http://127.0.0.1:4000/', ...extra })
}

describe('Deno.errors', () => {
  it('leaves errors that carry a Node-style code to the node-system rule', () => {
    const refused = denoError('ConnectionRefused', 'Connection refused (os error 111)', 'ECONNREFUSED')
    expect(classify(refused)).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
    const missing = denoError(
      'NotFound',
      "No such file or directory (os error 2): readfile '/app/x.json'",
      'ENOENT',
    )
    expect(classify(missing)).toMatchObject({ status: 500, rule: 'node-system:ENOENT' })
    const timedOut = denoError('TimedOut', 'Connection timed out (os error 110)', 'ETIMEDOUT')
    expect(classify(timedOut)).toMatchObject({ status: 504, rule: 'node-system:ETIMEDOUT' })
  })

  it('answers NotCapable (a missing --allow-* flag, no code) with 500, never 403', () => {
    const error = denoError(
      'NotCapable',
      'Requires read access to "/etc/hostname", run again with the --allow-read flag',
    )
    expect(classify(error)).toMatchObject({
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      rule: 'runtime:deno:NotCapable',
    })
    expect(classify(denoError('PermissionDenied', 'Permission denied (os error 13)'))).toMatchObject({
      status: 500,
      rule: 'runtime:deno:PermissionDenied',
    })
  })

  it('answers NotSupported with 500, not 501', () => {
    const c = classify(denoError('NotSupported', 'Operation not supported (os error 95)'))
    expect(c).toMatchObject({ status: 500, rule: 'runtime:deno:NotSupported' })
  })

  it('answers connection failures without a code by their class', () => {
    expect(classify(denoError('ConnectionRefused', 'Connection refused (os error 111)'))).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'runtime:deno:ConnectionRefused',
    })
    expect(classify(denoError('ConnectionReset', 'Connection reset by peer (os error 104)'))).toMatchObject({
      status: 502,
      rule: 'runtime:deno:ConnectionReset',
    })
    expect(classify(denoError('BrokenPipe', 'Broken pipe (os error 32)')).status).toBe(502)
    expect(classify(denoError('TimedOut', 'Connection timed out (os error 110)'))).toMatchObject({
      status: 504,
      rule: 'runtime:deno:TimedOut',
    })
    expect(classify(denoError('NetworkUnreachable', 'Network is unreachable (os error 101)')).status).toBe(
      503,
    )
  })

  it('answers a DNS NotFound from Deno.resolveDns (no code) with 502, a file NotFound with 500', () => {
    const dns = denoError(
      'NotFound',
      'no record found for Query { name: Name("nx.example.test."), query_type: A, query_class: IN }',
    )
    expect(classify(dns)).toMatchObject({ status: 502, retryable: true, rule: 'runtime:deno:NotFound:dns' })
    expect(classify(denoError('NotFound', 'entity not found'))).toMatchObject({
      status: 500,
      rule: 'runtime:deno:NotFound',
    })
  })

  it('answers contention (Busy) with a retryable 503 and our own faults with 500', () => {
    expect(classify(denoError('Busy', 'Resource busy (os error 16)'))).toMatchObject({
      status: 503,
      retryable: true,
    })
    for (const name of ['AddrInUse', 'AlreadyExists', 'BadResource', 'Http', 'IsADirectory']) {
      expect(classify(denoError(name, 'x'))).toMatchObject({ status: 500, rule: `runtime:deno:${name}` })
    }
  })

  it('reads Deno’s fetch failure, whose cause has only a message', () => {
    const cause = new Error(
      'error sending request for url (http://127.0.0.1:4000/): client error (Connect): tcp connect error: Connection refused (os error 111)',
    )
    const error = new TypeError('fetch failed', { cause })
    expect(classify(error)).toMatchObject({ status: 503, rule: 'fetch:deno:ECONNREFUSED' })
  })

  it('does not take a status-carrying error for a Deno error', () => {
    const error = Object.assign(denoError('NotFound', 'No such widget'), { status: 404, expose: true })
    expect(classify(error)).toMatchObject({ status: 404 })
  })
})

describe('Bun', () => {
  it('lets node-system read the code Bun puts directly on its fetch TypeError', () => {
    const refused = bunFetchError(
      'ECONNREFUSED',
      'Unable to connect. Is the computer able to access the url?',
    )
    expect(refused.cause).toBeUndefined()
    expect(classify(refused)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'node-system:ECONNREFUSED',
    })
    const dns = bunFetchError('ENOTFOUND', 'getaddrinfo ENOTFOUND nx.example.test', {
      syscall: 'getaddrinfo',
    })
    expect(classify(dns)).toMatchObject({ status: 502, retryable: true, rule: 'node-system:ENOTFOUND' })
    const reset = bunFetchError('ECONNRESET', 'The socket connection was closed unexpectedly.')
    expect(classify(reset)).toMatchObject({ status: 502, rule: 'node-system:ECONNRESET' })
  })

  it('reads the Zig error names of older Bun versions', () => {
    const refused = Object.assign(new Error('Unable to connect. Is the computer able to access the url?'), {
      code: 'ConnectionRefused',
      errno: 0,
      path: 'http://127.0.0.1:4000/',
    })
    expect(classify(refused)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'runtime:bun:ConnectionRefused',
    })
    expect(classify(bunFetchError('FailedToOpenSocket', 'Was there a typo in the url or port?')).status).toBe(
      503,
    )
    expect(
      classify(bunFetchError('TooManyRedirects', 'The response redirected too many times.')),
    ).toMatchObject({
      status: 502,
      retryable: false,
    })
  })

  it('answers an upstream TLS failure (Bun’s OpenSSL codes) with a non-retryable 502', () => {
    for (const code of ['HOSTNAME_MISMATCH', 'CERT_NOT_YET_VALID', 'UNABLE_TO_GET_ISSUER_CERT']) {
      expect(classify(bunFetchError(code, 'certificate error'))).toMatchObject({
        status: 502,
        retryable: false,
        rule: `node-system:${code}`,
      })
    }
  })

  it('answers Bun’s fetch timeout (DOMException TimeoutError) with 504', () => {
    const error = new DOMException('The operation timed out.', 'TimeoutError')
    expect(classify(error)).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT' })
  })

  it('answers Bun.serve on a busy port (EADDRINUSE, errno 0) with 500', () => {
    const error = Object.assign(new Error('Failed to start server. Is port 3000 in use?'), {
      code: 'EADDRINUSE',
      syscall: 'listen',
      errno: 0,
    })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'node-system:EADDRINUSE' })
  })
})

describe('a name alone is not Deno', () => {
  it("does not take another library's NotFound for a DNS failure", () => {
    class NotFound extends Error {
      override name = 'NotFound'
    }
    expect(classify(new NotFound("No record found for id '42'"))).toMatchObject({ status: 500 })
  })
})
