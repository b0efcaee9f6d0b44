import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { createClient } from 'graphql-ws'
import { useServer } from 'graphql-ws/use/ws'
import WebSocket, { WebSocketServer } from 'ws'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, UPSTREAM_4XX, UPSTREAM_5XX, WHY } from './support/http-expect.js'
import { closedPort } from './support/local.js'

// The schema is built with the copy of graphql that graphql-ws's server loads (Node's CommonJS
// one): a test runner that resolves `import 'graphql'` to its ES module build would give the
// server a schema "from another module or realm", and an internal error instead of the
// validation error this file collects.
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql')

const library = 'graphql-ws'

// A loopback GraphQL-over-WebSocket upstream (graphql-ws's own server on ws), whose onConnect
// decides per token what happens, and graphql-ws's client (no retries) talking to it.
export const collect: Collect = async () => {
  const schema = buildSchema('type Query { product(id: ID!): String }')
  const rootValue = { product: ({ id }: { id: string }) => `product ${id}` }
  const http = createServer((_req, res) => res.writeHead(404).end())
  const sockets = new Set<Socket>()
  http.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  const wss = new WebSocketServer({ server: http, path: '/graphql' })
  const disposable = useServer(
    {
      schema,
      roots: { query: rootValue },
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.token
        if (token === 'revoked') return false
        if (token === 'crash') throw new Error('session store unavailable')
        if (token === 'slow') await sleep(600)
        if (token === 'drop') ctx.extra.socket.terminate()
        return true
      },
    },
    wss,
  )
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const port = (http.address() as AddressInfo).port

  const first = async (
    token: string,
    query = '{ product(id: "1") }',
    url = `ws://127.0.0.1:${port}/graphql`,
  ) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { token },
      connectionAckWaitTimeout: 250,
    })
    try {
      return await rejectionOf(async () => {
        const it = client.iterate({ query })
        await it.next()
        await it.return?.()
      })
    } finally {
      await client.dispose()
    }
  }

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'the GraphQL WebSocket upstream refused our token in onConnect: close event 4403 Forbidden',
      why: 'upstream said 403 to our credentials: 500, status never passed through',
      expect: UPSTREAM_4XX,
      error: await first('revoked'),
    })
    cases.push({
      library,
      what: 'the upstream rejected the query we sent (validation): an `error` message, errors[] array',
      why: 'upstream said 4xx to us (its validation of our query): 500, not our 422',
      expect: UPSTREAM_4XX,
      error: await first('good', '{ product(id: "1") { title } }'),
    })
    // graphql-ws's server logs the failure with console.error: kept off stderr for this one call.
    const log = console.error
    console.error = () => {}
    let crashed: unknown
    try {
      crashed = await first('crash')
    } finally {
      console.error = log
    }
    cases.push({
      library,
      what: 'the upstream failed in its onConnect: close event 4500 with its error message as reason',
      why: 'upstream answered badly (its internal server error): 502',
      expect: UPSTREAM_5XX,
      error: crashed,
    })
    cases.push({
      library,
      what: 'the upstream never acknowledged the connection: client closed it with 4504 after 250 ms',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await first('slow'),
    })
    cases.push({
      library,
      what: 'the upstream terminated the socket after the upgrade: close event 1006',
      why: 'connection closed abnormally by the upstream: 502',
      expect: RESET,
      error: await first('drop'),
    })
    cases.push({
      library,
      what: 'the upstream answered our upgrade to a wrong path (our config) with HTTP 400: ErrorEvent',
      why: 'upstream said 4xx to us: 500 (our misconfiguration)',
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await first('good', '{ product(id: "1") }', `ws://127.0.0.1:${port}/graphq`),
    })
    const closed = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await first('good', '{ product(id: "1") }', `ws://127.0.0.1:${closed}/graphql`),
    })
    return cases
  } finally {
    await disposable.dispose()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
    for (const s of sockets) s.destroy()
    await new Promise<void>((resolve) => http.close(() => resolve()))
  }
}
