import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Socket } from 'node:net'
import gremlin from 'gremlin'
import { WebSocketServer } from 'ws'
import type { Collect, HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort } from './support/local.js'

const library = 'gremlin'
const mimeType = 'application/vnd.gremlin-v3.0+json'
const emptyMap = { '@type': 'g:Map', '@value': [] }

/** A scripted Gremlin Server: answers each request with the status the script names. */
interface Status {
  readonly code: number
  readonly message: string
}

async function gremlinServer(): Promise<{
  port: number
  next(status: Status | 'upgrade-503' | 'drop'): void
  close(): Promise<void>
}> {
  let current: Status | 'upgrade-503' | 'drop' = { code: 500, message: 'x' }
  const sockets = new Set<Socket>()
  const server: Server = createServer((_req, res) => {
    res.writeHead(404)
    res.end()
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const wss = new WebSocketServer({ noServer: true })
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (current === 'upgrade-503') {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\ncontent-length: 29\r\nconnection: close\r\n\r\nGremlin Server is starting up',
      )
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data: Buffer) => {
        const now = current
        if (now === 'drop') {
          ws.terminate()
          return
        }
        if (typeof now === 'string') return
        const text = data.subarray(1 + data[0]!).toString('utf8')
        const request = JSON.parse(text) as { requestId: { '@value': string } | string }
        const requestId =
          typeof request.requestId === 'string' ? request.requestId : request.requestId['@value']
        ws.send(
          JSON.stringify({
            requestId,
            status: { code: now.code, message: now.message, attributes: emptyMap },
            result: { data: null, meta: emptyMap },
          }),
        )
      })
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as { port: number }).port,
    next(status) {
      current = status
    },
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export const collect: Collect = async () => {
  const server = await gremlinServer()
  const cases: HeldOutCase[] = []
  const connections: gremlin.driver.DriverRemoteConnection[] = []
  const connect = (port: number) => {
    const connection = new gremlin.driver.DriverRemoteConnection(`ws://127.0.0.1:${port}/gremlin`, {
      mimeType,
    })
    connection.addListener('socketError', () => {})
    connections.push(connection)
    return gremlin.process.AnonymousTraversalSource.traversal().withRemote(connection)
  }
  // A handler that looks a person up by the id in the URL.
  const findPerson = (port: number, id: string) =>
    connect(port).V().has('person', 'id', id).valueMap().toList()
  const scripted = async (status: Status | 'upgrade-503' | 'drop') => {
    server.next(status)
    return rejectionOf(() => findPerson(server.port, 'p-17'))
  }
  try {
    cases.push({
      library,
      what: 'traversal against a closed port: the WebSocket open fails with ECONNREFUSED',
      why: 'dependency unavailable: refused',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(async () => findPerson(await closedPort(), 'p-17')),
    })
    cases.push({
      library,
      what: 'Gremlin Server answers the WebSocket upgrade with HTTP 503 (starting up): Error "Unexpected server response code 503"',
      why: 'upstream 503 → dependency unavailable',
      upstreamStatus: 503,
      expect: { status: 503, retryable: true },
      error: await scripted('upgrade-503'),
    })
    cases.push({
      library,
      what: 'Gremlin Server answers status 598 (SERVER_TIMEOUT, evaluationTimeout exceeded): ResponseError statusCode 598',
      why: 'dependency too slow: the server timed our traversal out',
      expect: { status: 504, retryable: true },
      error: await scripted({
        code: 598,
        message:
          'A timeout occurred during traversal evaluation of [RequestMessage{...}] - consider increasing the limit given to evaluationTimeout',
      }),
    })
    cases.push({
      library,
      what: 'Gremlin Server answers status 596 (SERVER_ERROR_TEMPORARY, a lock held by another transaction): ResponseError statusCode 596',
      why: 'contention that a retry fixes → dependency unavailable',
      expect: { status: 503, retryable: true },
      error: await scripted({
        code: 596,
        message: 'Local lock contention: the vertex is locked by another transaction, retry the request',
      }),
    })
    cases.push({
      library,
      what: 'Gremlin Server answers status 597 (SERVER_ERROR_EVALUATION) for our traversal: ResponseError "No signature of method"',
      why: 'our own bad query → everything else',
      expect: { status: 500 },
      error: await scripted({
        code: 597,
        message:
          'No signature of method: org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.DefaultGraphTraversal.hasx() is applicable',
      }),
    })
    cases.push({
      library,
      what: 'Gremlin Server answers status 401 (UNAUTHORIZED) to our connection: ResponseError statusCode 401',
      why: 'a dependency rejecting our credentials → 500',
      expect: { status: 500 },
      error: await scripted({ code: 401, message: 'Username and/or password are incorrect' }),
    })
    cases.push({
      library,
      what: 'Gremlin Server answers status 499 (INVALID_REQUEST_ARGUMENTS) to the request we built: ResponseError statusCode 499',
      why: 'our server sent the dependency a bad request → 500',
      expect: { status: 500 },
      error: await scripted({
        code: 499,
        message: 'The message is not properly formatted: unsupported op [bytecode]',
      }),
    })
    cases.push({
      library,
      what: 'Gremlin Server answers status 500 (SERVER_ERROR, graph backend failure): ResponseError statusCode 500',
      why: 'dependency answered 5xx → upstream answered badly',
      expect: { status: 502, retryable: true },
      error: await scripted({
        code: 500,
        message: 'Could not commit transaction due to exception during persistence',
      }),
    })
    return cases
  } finally {
    for (const connection of connections) await connection.close().catch(() => {})
    await server.close()
  }
}
