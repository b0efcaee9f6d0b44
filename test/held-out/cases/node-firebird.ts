import Firebird from 'node-firebird'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { closedPort, closingServer, tcpServer } from './support/local.js'

const library = 'node-firebird'

// node-firebird has no connect or query timeout of its own: against a server that never answers,
// attach waits for ever, so there is no timeout case here.
const options = (port: number): Firebird.Options => ({
  host: '127.0.0.1',
  port,
  database: '/var/lib/firebird/data/shop.fdb',
  user: 'SYSDBA',
  password: 'masterkey',
})

const attach = (o: Firebird.Options) =>
  new Promise<Firebird.Database>((resolve, reject) =>
    Firebird.attach(o, (err, db) => (err ? reject(err) : resolve(db))),
  )

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  const closing = await closingServer()
  // A port that speaks HTTP, not the Firebird wire protocol (a misconfigured port).
  const http = await tcpServer((socket) =>
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'),
  )
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'Firebird.attach to a closed port (the net Error ECONNREFUSED, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => attach(options(refusedPort))),
    })
    const pool = Firebird.pool(2, options(refusedPort))
    cases.push({
      library,
      what: 'pool.get on a pool whose server refuses (the net Error ECONNREFUSED, passed to the callback)',
      why: 'dependency unavailable: the database refused, 503',
      expect: REFUSED,
      error: await rejectionOf(
        () => new Promise((resolve, reject) => pool.get((err, db) => (err ? reject(err) : resolve(db)))),
      ),
    })
    pool.destroy()
    cases.push({
      library,
      what: 'attach to a server that accepts and closes at once (plain Error "Connection to Firebird server was lost.", no code)',
      why: 'the database connection closed mid-handshake: reset, 502',
      expect: RESET,
      error: await rejectionOf(() => attach(options(closing.port))),
    })
    cases.push({
      library,
      what: 'attach to a port that answers HTTP and closes (plain Error "Connection to Firebird server was lost.", no code)',
      why: 'a reply that is not the protocol, then the connection closed: 502',
      expect: RESET,
      error: await rejectionOf(() => attach(options(http.port))),
    })
    return cases
  } finally {
    await closing.close()
    await http.close()
  }
}
