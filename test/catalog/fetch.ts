import { createServer, type Server } from 'node:http'
import { createServer as createNetServer, type Server as NetServer } from 'node:net'
import type { Writable } from 'node:stream'
import { setTimeout as delay } from 'node:timers/promises'
import { Agent, Client, request, stream } from 'undici'
import { rejectionOf } from '../support/caught.js'
import { listen } from '../support/loopback.js'
import { catalog, type Example } from './example.js'

// Loopback upstreams, started by the first example that needs them: an HTTP server (/hang never
// answers, /stall sends half a body and waits, /drop drops the connection before answering,
// /big-header answers a 4 kB header, /redirect answers 302, anything else 1 kB of text), and raw
// TCP servers that answer fixed bytes: one that is not HTTP, one that promises 100 bytes, sends 7
// and closes.
const servers: (Server | NetServer)[] = []
const agents: Agent[] = []
let http: Promise<string> | undefined

function upstream(): Promise<string> {
  http ??= (async () => {
    const server = createServer((req, res) => {
      req.resume()
      if (req.url === '/hang') return
      if (req.url === '/drop') return void req.socket.destroy()
      if (req.url === '/stall') return void res.writeHead(200, { 'content-length': '100' }).write('partial')
      if (req.url === '/big-header') return void res.setHeader('x-big', 'a'.repeat(4000)).end('ok')
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/elsewhere' }).end()
      if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end()
      res.end('a'.repeat(1000))
    })
    servers.push(server)
    return `http://127.0.0.1:${await listen(server)}`
  })()
  return http
}

/** A TCP server on 127.0.0.1 that answers every connection with `bytes`, then closes it. */
async function rawUpstream(bytes: string): Promise<string> {
  const server = createNetServer((socket) => {
    socket.on('error', () => {})
    socket.once('data', () => socket.end(bytes))
  })
  servers.push(server)
  return `http://127.0.0.1:${await listen(server)}/`
}

function agent(options: Agent.Options): Agent {
  const created = new Agent(options)
  agents.push(created)
  return created
}

// undici's connect, headers and body timers tick about once a second (lib/util/timers.js): the
// three timeouts run together, started by the first example that needs one.
let timeouts: Promise<readonly [unknown, unknown, unknown]> | undefined

function undiciTimeouts(): Promise<readonly [unknown, unknown, unknown]> {
  timeouts ??= (async () => {
    const base = await upstream()
    // A lookup that never answers holds the socket in "connecting" until the connect timeout.
    const connecting = agent({ connect: { timeout: 20, lookup: () => undefined } })
    return Promise.all([
      rejectionOf(() => request('http://upstream.test/', { dispatcher: connecting })),
      rejectionOf(() => request(`${base}/hang`, { dispatcher: agent({ headersTimeout: 20 }) })),
      rejectionOf(async () => {
        const response = await request(`${base}/stall`, { dispatcher: agent({ bodyTimeout: 20 }) })
        await response.body.text()
      }),
    ])
  })()
  return timeouts
}

/** undici's codes, as each is thrown by a real call (or is the cause of a "fetch failed"). */
const UNDICI: readonly (Omit<Example, 'error' | 'rule'> & { code: string })[] = [
  {
    code: 'UND_ERR_CONNECT_TIMEOUT',
    make: async () => (await undiciTimeouts())[0],
    status: 504,
    retryable: true,
  },
  {
    code: 'UND_ERR_HEADERS_TIMEOUT',
    make: async () => (await undiciTimeouts())[1],
    status: 504,
    retryable: true,
  },
  {
    code: 'UND_ERR_BODY_TIMEOUT',
    make: async () => (await undiciTimeouts())[2],
    status: 504,
    retryable: true,
  },
  {
    code: 'UND_ERR_SOCKET',
    make: async () => rejectionOf(async () => request(`${await upstream()}/drop`)),
    status: 502,
    retryable: true,
  },
  {
    code: 'UND_ERR_HEADERS_OVERFLOW',
    make: async () =>
      rejectionOf(async () =>
        request(`${await upstream()}/big-header`, { dispatcher: agent({ maxHeaderSize: 1000 }) }),
      ),
    status: 502,
    retryable: false,
  },
  {
    code: 'UND_ERR_RES_EXCEEDED_MAX_SIZE',
    make: async () =>
      rejectionOf(async () => {
        const response = await request(await upstream(), { dispatcher: agent({ maxResponseSize: 10 }) })
        await response.body.text()
      }),
    status: 502,
    retryable: false,
  },
  {
    code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
    make: async () => {
      const url = await rawUpstream(
        'HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 100\r\n\r\npartial',
      )
      return rejectionOf(async () => {
        const response = await request(url)
        await response.body.text()
      })
    },
    status: 502,
    retryable: true,
  },
  {
    // A request sent while the client is closing.
    code: 'UND_ERR_CLOSED',
    make: async () => {
      const client = new Client(await upstream())
      const closing = client.close()
      const error = await rejectionOf(() => client.request({ path: '/', method: 'GET' }))
      await closing
      return error
    },
    status: 503,
    retryable: true,
  },
  {
    code: 'UND_ERR_DESTROYED',
    make: async () => {
      const client = new Client(await upstream())
      await client.destroy()
      return rejectionOf(() => client.request({ path: '/', method: 'GET' }))
    },
    status: 503,
    retryable: true,
  },
  {
    code: 'UND_ERR_INVALID_ARG',
    make: async () =>
      rejectionOf(async () => request(await upstream(), { headers: { 'content-length': 'abc' } })),
    status: 500,
    retryable: false,
  },
  {
    // The factory of `stream()` must return a Writable.
    code: 'UND_ERR_INVALID_RETURN_VALUE',
    make: async () =>
      rejectionOf(async () => stream(await upstream(), { method: 'GET' }, () => ({}) as Writable)),
    status: 500,
    retryable: false,
  },
  {
    code: 'UND_ERR_NOT_SUPPORTED',
    make: async () =>
      rejectionOf(async () => request(await upstream(), { headers: { expect: '100-continue' } })),
    status: 500,
    retryable: false,
  },
  {
    code: 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
    make: async () =>
      rejectionOf(async () =>
        request(await upstream(), { method: 'POST', body: 'abc', headers: { 'content-length': '10' } }),
      ),
    status: 500,
    retryable: false,
  },
]

// Lookalike: Deno's fetch failure (denoland/deno ext/fetch/26_fetch.js): a TypeError "fetch failed"
// whose cause has only the message of the Rust error, as docs/runtimes.md saw it on deno 2.9.6.
function denoFetchFailure(detail: string): TypeError {
  const cause = new Error(`error sending request for url (http://127.0.0.1:4000/): ${detail}`)
  return new TypeError('fetch failed', { cause })
}

const DENO: readonly { pattern: string; detail: string; rule: string; status: number; retryable: boolean }[] =
  [
    {
      pattern: '/Connection refused|os error 111/i',
      detail: 'client error (Connect): tcp connect error: Connection refused (os error 111)',
      rule: 'fetch:deno:ECONNREFUSED',
      status: 503,
      retryable: true,
    },
    {
      pattern: '/timed out|os error 110/i',
      detail: 'client error (Connect): tcp connect error: Connection timed out (os error 110)',
      rule: 'fetch:deno:ETIMEDOUT',
      status: 504,
      retryable: true,
    },
    {
      pattern: '/dns error|failed to lookup address/i',
      detail:
        'client error (Connect): dns error: failed to lookup address information: Name or service not known',
      rule: 'fetch:deno:dns',
      status: 502,
      retryable: false,
    },
    {
      pattern: '/No route to host|Network is unreachable/i',
      detail: 'client error (Connect): tcp connect error: No route to host (os error 113)',
      rule: 'fetch:deno:EHOSTUNREACH',
      status: 503,
      retryable: true,
    },
  ]

export default catalog(
  'fetch',
  [
    ...UNDICI.map(({ code, ...example }) => ({
      error: `undici \`${code}\` (thrown, or the cause of "fetch failed")`,
      rule: `fetch:undici:${code}`,
      ...example,
    })),
    {
      error: 'undici `HTTPParserError` (an upstream that speaks no HTTP)',
      make: async () => {
        const url = await rawUpstream('SSH-2.0-OpenSSH_9.6\r\n\r\n')
        return rejectionOf(() => fetch(url))
      },
      rule: 'fetch:undici:HTTPParserError',
      status: 502,
      retryable: true,
    },
    {
      error: '`TimeoutError` (`AbortSignal.timeout`, p-timeout, Bun `timeout`)',
      make: async () =>
        rejectionOf(async () => fetch(`${await upstream()}/hang`, { signal: AbortSignal.timeout(20) })),
      rule: 'fetch:timeout',
      status: 504,
      retryable: true,
    },
    {
      error: '`AbortError` (`controller.abort()`, Node `ABORT_ERR`, undici `UND_ERR_ABORTED`)',
      make: async () => {
        // Aborted on the request's own path, not by a timer (a timer's abort is a deadline: 504).
        const controller = new AbortController()
        const url = `${await upstream()}/hang`
        setImmediate(() => controller.abort())
        return rejectionOf(async () => fetch(url, { signal: controller.signal }))
      },
      rule: 'fetch:abort',
      status: 499,
      retryable: false,
    },
    {
      // Node's timers/promises reject with an ABORT_ERR whose cause is the signal's TimeoutError.
      error: '`AbortError` whose cause or reason is a `TimeoutError`',
      make: () => rejectionOf(() => delay(1000, undefined, { signal: AbortSignal.timeout(10) })),
      rule: 'fetch:timeout',
      status: 504,
      retryable: true,
    },
    {
      // A client's own timeout: its controller aborted by a timer, the reason made in its callback.
      error: "`AbortError` made in a timer's callback, or whose words say it timed out",
      make: () =>
        new Promise((resolve) =>
          setTimeout(() => {
            const controller = new AbortController()
            controller.abort()
            resolve(controller.signal.reason)
          }, 1),
        ),
      rule: 'fetch:timeout',
      status: 504,
      retryable: true,
    },
    {
      // A streamed upload whose source fails: the cause is the source's own error.
      error: '`TypeError("fetch failed" | "terminated")` with no recognised cause',
      make: async () => {
        const body = new ReadableStream({
          pull: (controller) => controller.error(new Error('disk read failed')),
        })
        return rejectionOf(async () =>
          fetch(await upstream(), { method: 'POST', body, duplex: 'half' } as RequestInit),
        )
      },
      rule: 'fetch:failed',
      status: 502,
      retryable: true,
    },
    {
      error: 'fetch cause "bad port", "unknown scheme", "invalid method" …',
      make: () => rejectionOf(() => fetch('http://127.0.0.1:1/')),
      rule: 'fetch:request',
      status: 500,
      retryable: false,
    },
    {
      error: 'fetch cause "unexpected redirect" (`redirect: "error"`)',
      make: async () => rejectionOf(async () => fetch(`${await upstream()}/redirect`, { redirect: 'error' })),
      rule: 'fetch:redirect',
      status: 502,
      retryable: true,
    },
    {
      error: 'fetch cause "redirect count exceeded" (an upstream that redirects to itself)',
      make: async () => rejectionOf(async () => fetch(`${await upstream()}/loop`)),
      rule: 'fetch:redirect-loop',
      status: 502,
      retryable: false,
    },
    ...DENO.map(({ pattern, detail, ...example }) => ({
      error: `Deno fetch cause "error sending request …" ${pattern}`,
      make: () => denoFetchFailure(detail),
      ...example,
    })),
    {
      error: 'Deno fetch cause "error sending request …", anything else',
      make: () => denoFetchFailure('client error (SendRequest): connection closed before message completed'),
      rule: 'fetch:deno',
      status: 502,
      retryable: true,
    },
    {
      // Lookalike: workerd's fetch to a closed port (cloudflare/workerd), as docs/runtimes.md saw it
      // on workerd 1.20260730: a plain Error with own `retryable: true` and `remote: true`.
      error: 'workerd fetch `Error("Network connection lost.")` (`remote`, `retryable`)',
      make: () => Object.assign(new Error('Network connection lost.'), { retryable: true, remote: true }),
      rule: 'fetch:workerd',
      status: 503,
      retryable: true,
    },
  ],
  async () => {
    await Promise.all(agents.map((created) => created.destroy()))
    for (const server of servers) if ('closeAllConnections' in server) server.closeAllConnections()
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  },
)
