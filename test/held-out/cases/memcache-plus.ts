import MemcachePlus from 'memcache-plus'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, hangingServer } from './support/local.js'

const library = 'memcache-plus'

/** A client of one loopback memcached, without reconnects and with its net errors kept, not logged. */
function client(port: number, netErrors: unknown[], queue = true) {
  return new MemcachePlus({
    hosts: [`127.0.0.1:${port}`],
    queue,
    reconnect: false,
    netTimeout: 200,
    onNetError: (error: unknown) => netErrors.push(error),
  })
}

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  const hanging = await hangingServer()
  const netErrors: unknown[] = []
  const cases: HeldOutCase[] = []
  const slow = client(hanging.port, netErrors)
  // With its default queue, a command waits for a connection for ever when the server refuses and
  // reconnect is off; with queue: false it is rejected at once.
  const down = client(refusedPort, netErrors, false)
  try {
    cases.push({
      library,
      what: 'get against a memcached that accepts and never answers (bluebird TimeoutError "operation timed out", constructor SubError, from netTimeout 200)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => slow.get('cart:1')),
    })
    // Let the refused connect attempt happen first (onNetError receives the ECONNREFUSED).
    for (let i = 0; i < 50 && netErrors.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10))
    cases.push({
      library,
      what: 'get after the only memcached refused, queue off (plain Error "Connection is not ready, either not connected yet or disconnected", no code; the ECONNREFUSED went to onNetError only)',
      why: 'dependency unavailable: the cache refused, 503',
      expect: REFUSED,
      error: await rejectionOf(() => down.get('cart:1')),
    })
    return cases
  } finally {
    slow.disconnect()
    down.disconnect()
    await hanging.close()
  }
}
