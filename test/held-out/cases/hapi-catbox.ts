import { connect } from 'node:net'
import { Client, Policy } from '@hapi/catbox'
import { Engine } from '@hapi/catbox-memory'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { hangingServer } from './support/local.js'

const library = '@hapi/catbox'

/** Loads a profile from a backend on 127.0.0.1: resolves with its first bytes, or '' when it hangs up. */
function loadProfile(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('data', (data) => {
      socket.destroy()
      resolve(String(data))
    })
    socket.once('error', reject)
    socket.once('close', () => resolve(''))
  })
}

// A profile endpoint reads through a catbox Policy (catbox-memory engine) whose generateFunc calls a
// profile backend on 127.0.0.1. catbox rejects with Boom errors (isBoom, output.statusCode) and, for
// a bad policy config, with the ValidationError of @hapi/validate (its joi fork).
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const client = new Client<string>(new Engine({ maxByteSize: 1024 }))
  cases.push({
    library,
    what: 'GET /profile/1 before the cache client was started (we forgot await client.start()): Boom 500 "Disconnected"',
    why: 'our bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => new Policy({ expiresIn: 60_000 }, client, 'profiles').get('1')),
  })
  await client.start()
  const backend = await hangingServer()
  try {
    const profiles = new Policy(
      { expiresIn: 60_000, generateTimeout: 100, generateFunc: () => loadProfile(backend.port) },
      client,
      'profiles',
    )
    cases.push({
      library,
      what: 'GET /profile/2: the profile backend accepts the connection and never answers; generateTimeout 100 ms: Boom 503 "Service Unavailable"',
      why: 'dependency too slow; the error carries 503 (Boom), which the carried-status row keeps: 503 retryable (a 504 reading is arguable)',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => profiles.get('2')),
    })
    cases.push({
      library,
      what: 'PUT /profile/3 caching a 5 kB value in a memory cache capped at maxByteSize 1024: Boom 500 "Cache size limit reached"',
      why: 'our cache config too small for our data: misconfiguration, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => profiles.set('3', 'x'.repeat(5000))),
    })
    cases.push({
      library,
      what: 'GET /profile/{id} with the id parsed into an object by our code: Boom 500 "Invalid key"',
      why: 'our bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        new Policy({ expiresIn: 60_000 }, client, 'profiles').get({} as unknown as string),
      ),
    })
    cases.push({
      library,
      what: 'a Policy built with an empty segment name: Boom 500 "Empty string"',
      why: 'our bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => new Policy({ expiresIn: 60_000 }, client, '').get('5')),
    })
    cases.push({
      library,
      what: 'a Policy configured with generateFunc but no generateTimeout: ValidationError (from @hapi/validate, with details) "Invalid cache policy configuration \\"value\\" contains [generateFunc] without its required peers [generateTimeout]"',
      why: "our misconfiguration validated by a joi-style schema, not the client's input: 500",
      expect: { status: 500 },
      error: await rejectionOf(
        () =>
          new Policy(
            { expiresIn: 60_000, generateFunc: async () => 'x' } as unknown as { expiresIn: number },
            client,
            'profiles',
          ),
      ),
    })
  } finally {
    await backend.close()
    await new Promise((resolve) => setImmediate(resolve))
    await client.stop()
  }
  return cases
}
