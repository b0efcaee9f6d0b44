import { r } from 'rethinkdb-ts'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, hangingServer, tcpServer } from './support/local.js'

const library = 'rethinkdb-ts'

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  const hanging = await hangingServer()
  // Answers the RethinkDB handshake with bytes of another protocol, then closes.
  const wrong = await tcpServer((socket) => {
    socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'))
  })
  const options = { timeout: 0.3, silent: true }
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'r.connect to a closed port (the net ECONNREFUSED error, passed through)',
        why: WHY.refused,
        expect: REFUSED,
        error: await rejectionOf(() => r.connect({ ...options, host: '127.0.0.1', port: refusedPort })),
      },
      {
        library,
        what: 'r.connect to a server that never answers the handshake (ReqlDriverError "Failed to connect to … in less than 0.3s", no code)',
        why: 'dependency too slow: connect timeout, 504',
        expect: TIMED_OUT,
        error: await rejectionOf(() => r.connect({ ...options, host: '127.0.0.1', port: hanging.port })),
      },
      {
        library,
        what: 'r.connect to a server that answers the handshake with HTTP and closes (ReqlDriverError "The connection was closed before the query could be completed")',
        why: 'a reply that is not the protocol, then the connection closed: 502',
        expect: RESET,
        error: await rejectionOf(() => r.connect({ ...options, host: '127.0.0.1', port: wrong.port })),
      },
      {
        library,
        what: 'r.connectPool with waitForHealthy to a closed port (ReqlDriverError "Error initializing master pool", cause ECONNREFUSED)',
        why: 'dependency unavailable: the database refused, 503',
        expect: REFUSED,
        error: await rejectionOf(() =>
          r.connectPool({
            ...options,
            servers: [{ host: '127.0.0.1', port: refusedPort }],
            waitForHealthy: true,
            buffer: 1,
            max: 1,
          }),
        ),
      },
    )
    const pool = await r.connectPool({
      ...options,
      servers: [{ host: '127.0.0.1', port: refusedPort }],
      waitForHealthy: false,
      buffer: 1,
      max: 1,
    })
    try {
      cases.push({
        library,
        what: 'a query on a pool whose only server refuses (ReqlDriverError "None of the pools have an opened connection and failed to open a new one.", no cause)',
        why: 'dependency unavailable: pool has no connection, 503',
        expect: REFUSED,
        error: await rejectionOf(() => r.expr(1).run()),
      })
    } finally {
      await pool.drain()
    }
    return cases
  } finally {
    await hanging.close()
    await wrong.close()
  }
}
