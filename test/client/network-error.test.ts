import { createServer, type Server } from 'node:http'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isTransientNetworkError } from '../../src/client/network-error.js'
import { classify } from '../../src/index.js'
import { SYSTEM_CODES } from '../../src/internal/system-codes.js'
import { rejectionOf } from '../support/caught.js'
import { closedPort as findClosedPort, listen } from '../support/loopback.js'

// The client retries a network failure when the classifier would call it a retryable 502, 503 or
// 504: both read the same tables and words (internal/network-fault.ts, internal/system-codes.ts).

/** What the server side answers: a transient failure of a dependency. */
function classifierSaysTransient(error: unknown): boolean {
  const c = classify(error)
  return c.retryable && c.status >= 502 && c.status <= 504
}

const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause })
const systemError = (code: string, message = `connect ${code} 10.0.0.5:443`) =>
  Object.assign(new Error(message), { code, syscall: 'connect' })

let server: Server
let garbage: NetServer
let base = ''
let garbageUrl = ''
let closedPort = 0
const sockets = new Set<Socket>()

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return
    if (req.url === '/drop') return void req.socket.destroy()
    res.end('ok')
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  base = `http://127.0.0.1:${await listen(server)}`
  garbage = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.end('garbage\r\n\r\n')
  })
  garbageUrl = `http://127.0.0.1:${await listen(garbage)}/`
  closedPort = await findClosedPort()
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  server.closeAllConnections()
  await Promise.all([
    new Promise((resolve) => server.close(resolve)),
    new Promise((resolve) => garbage.close(resolve)),
  ])
})

/** What a call rejects with (the shared helper takes a function: the call starts inside it). */
const rejection = (call: Promise<unknown>): Promise<unknown> => rejectionOf(() => call)

describe('isTransientNetworkError judges as the classifier does', () => {
  it('real fetch failures on this Node', async () => {
    const cases: [string, unknown, boolean][] = [
      ['refused', await rejection(fetch(`http://127.0.0.1:${closedPort}/`)), true],
      ['refused, several addresses', await rejection(fetch(`http://localhost:${closedPort}/`)), true],
      ['dropped before the answer (UND_ERR_SOCKET)', await rejection(fetch(`${base}/drop`)), true],
      [
        'a runtime timeout',
        await rejection(fetch(`${base}/hang`, { signal: AbortSignal.timeout(30) })),
        true,
      ],
      ['no HTTP at all', await rejection(fetch(garbageUrl)), true],
      ['bad port (our request)', await rejection(fetch('http://127.0.0.1:1/')), false],
      ['unknown scheme', await rejection(fetch('ftp://127.0.0.1/')), false],
    ]
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    cases.push(['an abort', await rejection(fetch(`${base}/hang`, { signal: controller.signal })), false])
    for (const [name, error, transient] of cases) {
      expect([name, isTransientNetworkError(error)]).toEqual([name, transient])
      expect([name, classifierSaysTransient(error)]).toEqual([name, transient])
    }
  })

  it('every system code of the table, as the cause of `fetch failed`', () => {
    const codes = Object.keys(SYSTEM_CODES)
    expect(codes.length).toBeGreaterThan(30)
    const transient: string[] = []
    for (const code of codes) {
      const error = fetchFailed(Object.assign(new Error(`${code} happened`), { code }))
      expect([code, isTransientNetworkError(error)]).toEqual([code, classifierSaysTransient(error)])
      if (isTransientNetworkError(error)) transient.push(code)
    }
    expect(transient).toEqual(
      expect.arrayContaining(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND']),
    )
    expect(transient).not.toContain('CERT_HAS_EXPIRED')
    expect(transient).not.toContain('ENOENT')
  })

  it('what other runtimes and clients throw', () => {
    const cases: [string, unknown][] = [
      // Bun: `fetch` to a closed port (bun 1.x).
      [
        'bun refused',
        Object.assign(new Error('Unable to connect. Is the computer able to access the url?'), {
          code: 'ConnectionRefused',
          path: 'http://127.0.0.1:9/',
          errno: 0,
        }),
      ],
      // Bun's other fetch codes (shapes as in test/catalog/runtime.ts).
      ...[
        ['FailedToOpenSocket', 'Was there a typo in the url or port?'],
        ['ConnectionClosed', 'The socket connection was closed.'],
        ['Malformed_HTTP_Response', 'Malformed_HTTP_Response fetching "http://127.0.0.1:9/".'],
        ['TooManyRedirects', 'The response redirected too many times.'],
      ].map(([code, message]): [string, unknown] => [
        `bun ${code}`,
        Object.assign(new Error(message), { code, path: 'http://127.0.0.1:9/', errno: 0 }),
      ]),
      // Deno 2: no code, the message says it.
      [
        'deno refused',
        new TypeError(
          'error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111)',
        ),
      ],
      [
        'deno dns',
        new TypeError(
          'error sending request for url (http://x.invalid/): client error (Connect): dns error: failed to lookup address information: Name or service not known',
        ),
      ],
      // workerd: a lost connection carries its own flags.
      ['workerd', Object.assign(new Error('Network connection lost.'), { remote: true, retryable: true })],
      [
        'undici headers timeout',
        fetchFailed(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })),
      ],
      [
        'undici closed',
        fetchFailed(Object.assign(new Error('The client is destroyed'), { code: 'UND_ERR_DESTROYED' })),
      ],
      [
        'undici invalid arg',
        fetchFailed(Object.assign(new Error('invalid method'), { code: 'UND_ERR_INVALID_ARG' })),
      ],
      [
        'undici overflow',
        fetchFailed(Object.assign(new Error('Headers Overflow'), { code: 'UND_ERR_HEADERS_OVERFLOW' })),
      ],
      // Node 24's undici: an upstream that speaks no HTTP, an HTTPParserError without a code.
      [
        'undici parser error, no code',
        fetchFailed(
          Object.assign(
            new Error('Response does not match the HTTP/1.1 protocol (Expected HTTP/, RTSP/ or ICE/)'),
            { name: 'HTTPParserError' },
          ),
        ),
      ],
      ['gRPC-style code', Object.assign(new Error('deadline'), { code: 'DEADLINE_EXCEEDED' })],
      ['a code that names a refusal', Object.assign(new Error('no'), { code: 'CONNECTION_REFUSED' })],
      ['a class name', Object.assign(new Error('slow'), { name: 'RequestTimeoutError' })],
      ['socket hang up', new Error('socket hang up')],
      ['a quoted system code', new Error('read ECONNRESET')],
      ['a quoted DNS miss', new Error('getaddrinfo ENOTFOUND api.example.com')],
      ['bad credentials', new Error('password authentication failed for user "app"')],
      ['wrapped twice', new Error('load failed', { cause: fetchFailed(systemError('ECONNRESET')) })],
      ['nothing known', new Error('boom')],
      ['a string', 'boom'],
      ['null', null],
    ]
    for (const [name, error] of cases) {
      expect([name, isTransientNetworkError(error)]).toEqual([name, classifierSaysTransient(error)])
    }
  })

  it('one difference on purpose: a `fetch failed` whose cause says nothing known is not retried', () => {
    // The server's classifier calls it a 502 (something upstream went wrong); a client does not
    // repeat a request for a reason it cannot name.
    const error = fetchFailed(Object.assign(new Error('something odd'), { code: 'EODD' }))
    expect(classifierSaysTransient(error)).toBe(true)
    expect(isTransientNetworkError(error)).toBe(false)
  })

  it('another: a rejected string is read by the classifier only', () => {
    // `fetch` never rejects with a string; the classifier reads a thrown string's words as a
    // message's (an SDK's `throw 'connect ECONNREFUSED …'`), and the client keeps its bytes.
    expect(classifierSaysTransient('connect ECONNREFUSED 127.0.0.1:9')).toBe(true)
    expect(isTransientNetworkError('connect ECONNREFUSED 127.0.0.1:9')).toBe(false)
  })

  it('survives hostile values and cause cycles', () => {
    const cyclic = new Error('a')
    Object.assign(cyclic, { cause: cyclic })
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
      },
    )
    const revocable = Proxy.revocable({}, {})
    revocable.revoke()
    for (const value of [cyclic, throwing, revocable.proxy, Object.create(null), () => {}]) {
      expect(isTransientNetworkError(value)).toBe(false)
    }
  })
})
