import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { WebSocket } from 'undici'
import { catalog, type Example } from './example.js'

// WebSocket close codes (RFC 6455 §7.4.1, IANA's WebSocket Close Code Number Registry) and what the
// policy answers for each, written out here: the catalog must not take its codes from the rule it
// checks. Each is the real `CloseEvent` of undici's WebSocket client (Node's own), whose loopback
// server closed the connection with that code, as a client over WebSocket rejects with it.

/** [code, what, status, rule, retryable] */
const CLOSES = [
  [1001, 'going away', 502, 'websocket:closed', true],
  [1011, 'an internal error of the peer', 502, 'websocket:closed', true],
  [1008, 'policy violation: the peer refused what we sent', 500, 'websocket:rejected', false],
  [1013, 'try again later', 503, 'websocket:try-again-later', true],
  [3008, 'timeout (the registry’s 3008)', 504, 'websocket:timeout', true],
  [
    4403,
    'an application code mirroring HTTP 403 (GraphQL over WebSocket’s Forbidden)',
    500,
    'websocket:4xx',
    false,
  ],
  [4500, 'an application code mirroring HTTP 500', 502, 'websocket:5xx', true],
  [4504, 'an application code mirroring HTTP 504', 504, 'websocket:504', true],
  [4000, 'an application code that mirrors no HTTP status', 502, 'websocket:closed', true],
] as const

/** RFC 6455 §1.3: the key that proves the server read the handshake. */
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

let server: Server | undefined
let started: Promise<string> | undefined

/**
 * A loopback WebSocket server (RFC 6455 handshake and one close frame, written out) that closes
 * every connection with the code its path names (`/4500`).
 */
function upstream(): Promise<string> {
  started ??= new Promise((resolve) => {
    const http = createServer((_req, res) => res.writeHead(426).end())
    http.on('upgrade', (req, socket) => {
      const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${GUID}`).digest('base64')
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
      )
      // A close frame (FIN, opcode 8) whose payload is the code, unmasked as a server sends it.
      const code = Number(req.url?.slice(1))
      socket.end(Buffer.from([0x88, 2, code >> 8, code & 0xff]))
    })
    server = http
    http.listen(0, '127.0.0.1', () => {
      const address = http.address()
      resolve(typeof address === 'object' && address ? `ws://127.0.0.1:${address.port}` : '')
    })
  })
  return started
}

/** The `CloseEvent` the client gets when the server closes with `code`. */
async function closeEvent(code: number): Promise<unknown> {
  const client = new WebSocket(`${await upstream()}/${code}`)
  return new Promise((resolve) => {
    client.onclose = (event) => resolve(event)
  })
}

function example([code, what, status, rule, retryable]: (typeof CLOSES)[number]): Example {
  return {
    error: `a WebSocket \`CloseEvent\` ${code}, ${what}`,
    make: () => closeEvent(code),
    rule,
    status,
    retryable,
  }
}

function close(): void {
  server?.closeAllConnections()
  server?.close()
}

export default catalog('websocket', CLOSES.map(example), close)
