import Memcached from 'memcached'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort } from './support/local.js'
import { type MemcacheScript, memcacheServer } from './support/memcache-text.js'

const library = 'memcached'

/** Fast-failing client settings, as a server would set them to keep a request from waiting on the cache. */
const OPTIONS: Memcached.options = {
  retries: 0,
  timeout: 300,
  failures: 0,
  retry: 60_000,
  idle: 1_000,
  remove: true,
}

function get(client: Memcached, key: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    client.get(key, (error, data) => (error ? reject(error) : resolve(data))),
  )
}

function set(client: Memcached, key: string, value: unknown): Promise<boolean> {
  return new Promise((resolve, reject) =>
    client.set(key, value, 60, (error, ok) => (error ? reject(error) : resolve(ok))),
  )
}

// A memcached cache in front of our handlers, reached with the `memcached` client (node-memcached)
// over the memcached text protocol against a scripted server on 127.0.0.1. (The client has no
// timeout for a command once connected: a server that never answers leaves the callback pending.)
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  let reply: MemcacheScript = () => 'END\r\n'
  const server = await memcacheServer(() => reply)
  const clients: Memcached[] = []
  const client = (port: number, options: Memcached.options = OPTIONS): Memcached => {
    const made = new Memcached(`127.0.0.1:${port}`, options)
    clients.push(made)
    return made
  }
  try {
    const port = await closedPort()
    const refused = client(port)
    add(
      'GET against a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => get(refused, 'user:1')),
    )
    add(
      'the next GET, once the client has marked the refusing server dead',
      'dependency unavailable (cache server marked dead): 503',
      REFUSED,
      await rejectionOf(() => get(refused, 'user:1')),
    )
    reply = () => 'ERROR\r\n'
    add(
      'SET answered ERROR (the server does not know the command)',
      'the cache server rejected our command (its 4xx): 500',
      { status: 500 },
      await rejectionOf(() => set(client(server.port), 'user:1', 'x')),
    )
    reply = () => 'CLIENT_ERROR bad data chunk\r\n'
    add(
      'SET answered CLIENT_ERROR bad data chunk',
      'the cache server rejected our command (its 4xx): 500',
      { status: 500 },
      await rejectionOf(() => set(client(server.port), 'user:1', 'x')),
    )
    reply = () => 'NOT_STORED\r\n'
    add(
      'SET answered NOT_STORED',
      'the cache refused our write: our own call, 500',
      { status: 500 },
      await rejectionOf(() => set(client(server.port), 'user:1', 'x')),
    )
    // The client buffers lines it cannot parse at all; one that starts like a reply it knows is rejected.
    reply = () => 'ENDPOINT 10.0.0.7:11211 moved\r\n'
    add(
      'GET answered a line that is not the memcached protocol ("ENDPOINT 10.0.0.7:11211 moved")',
      'garbage reply from the cache server: 502',
      RESET,
      await rejectionOf(() => get(client(server.port), 'user:1')),
    )
    reply = () => 'END\r\n'
    add(
      'GET with a key built from a search term with a space, refused by the client before sending',
      'our own bug (a key we built badly): 500',
      { status: 500 },
      await rejectionOf(() => get(client(server.port), 'search:red shoes')),
    )
    add(
      'SET of a value larger than maxValue (1 MiB), refused by the client before sending',
      'our own bug (caching an oversized value): 500',
      { status: 500 },
      await rejectionOf(() => set(client(server.port), 'report:1', 'x'.repeat(1_100_000))),
    )
    reply = () => null
    // maxQueueSize is an option of the client that @types/memcached does not list.
    const queued = client(server.port, { ...OPTIONS, maxQueueSize: 1 } as Memcached.options)
    const first = get(queued, 'a').catch(() => undefined)
    add(
      'second GET while one is in flight on a client with maxQueueSize 1 (the callback gets a string)',
      'dependency saturated (client queue full): 503',
      { status: 503, retryable: true },
      await rejectionOf(() => get(queued, 'b')),
    )
    void first
  } finally {
    for (const made of clients) made.end()
    await server.close()
  }
  return cases
}
