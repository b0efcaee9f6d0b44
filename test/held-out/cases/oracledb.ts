import oracledb from 'oracledb'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, closingServer, hangingServer, tcpServer } from './support/local.js'

/** A TNS REFUSE packet, as an Oracle listener sends it, carrying the listener's error number. */
function refusePacket(listenerError: number): Buffer {
  const data = Buffer.from(
    `(DESCRIPTION=(TMP=)(VSNNUM=385875968)(ERR=${listenerError})` +
      `(ERROR_STACK=(ERROR=(CODE=${listenerError})(EMFI=4))))`,
    'ascii',
  )
  const head = Buffer.alloc(12)
  head.writeUInt16BE(head.length + data.length, 0)
  head.writeUInt8(4, 4)
  head.writeUInt8(1, 8)
  head.writeUInt16BE(data.length, 10)
  return Buffer.concat([head, data])
}

/** A listener that answers the first CONNECT packet with a REFUSE. */
function refusingListener(listenerError: number) {
  return tcpServer((socket) => socket.once('data', () => socket.end(refusePacket(listenerError))))
}

export const collect: Collect = async () => {
  const hanging = await hangingServer()
  const closing = await closingServer()
  // ORA-12516: the listener has no handler left, as when the database reached its process limit.
  const busy = await refusingListener(12516)
  // ORA-12514: the listener does not know the service name our connect string asks for.
  const unknownService = await refusingListener(12514)
  const at = (port: number) => `127.0.0.1:${port}/FREEPDB1`
  const credentials = { user: 'app', password: 'app-password' }
  const pool = await oracledb.createPool({
    ...credentials,
    connectString: at(hanging.port),
    poolMin: 0,
    poolMax: 1,
    queueTimeout: 300,
    connectTimeout: 1,
  })
  try {
    const refusedPort = await closedPort()
    return [
      {
        library: 'oracledb',
        what: 'connect to a closed port: NJS-503 connection could not be established',
        why: 'dependency unavailable: database refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() =>
          oracledb.getConnection({ ...credentials, connectString: at(refusedPort) }),
        ),
      },
      {
        library: 'oracledb',
        what: 'the database accepts TCP and never answers: NJS-510 connectTimeout exceeded',
        why: 'dependency too slow: connect timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() =>
          oracledb.getConnection({ ...credentials, connectString: at(hanging.port), connectTimeout: 1 }),
        ),
      },
      {
        library: 'oracledb',
        what: 'the database closes the connection at once: NJS-500 closed or broken (NJS-521 end-of-file)',
        why: 'connection closed by the database mid-exchange: reset, 502',
        expect: { status: 502, retryable: true },
        error: await rejectionOf(() =>
          oracledb.getConnection({ ...credentials, connectString: at(closing.port) }),
        ),
      },
      {
        library: 'oracledb',
        what: 'the listener refuses with ORA-12516 (no handler left): NJS-511 connection refused',
        why: 'dependency unavailable: too many connections',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() =>
          oracledb.getConnection({ ...credentials, connectString: at(busy.port) }),
        ),
      },
      {
        library: 'oracledb',
        what: 'the listener does not know our service name (ORA-12514): NJS-518',
        why: 'our own connection config rejected by the database (as pg 3D000): 500',
        expect: { status: 500 },
        error: await rejectionOf(() =>
          oracledb.getConnection({ ...credentials, connectString: at(unknownService.port) }),
        ),
      },
      {
        library: 'oracledb',
        what: 'pool.getConnection while the database never answers: NJS-040 queueTimeout exceeded',
        why: 'dependency too slow: pool acquire timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => pool.getConnection()),
      },
    ]
  } finally {
    await pool.close(0)
    await unknownService.close()
    await busy.close()
    await closing.close()
    await hanging.close()
  }
}
