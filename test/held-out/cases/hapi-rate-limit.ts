import { Engine as CatboxMemory } from '@hapi/catbox-memory'
import Hapi from '@hapi/hapi'
import rateLimit from 'hapi-rate-limit'
import type { Collect, HeldOutCase } from '../case.js'
import { caseAdder } from './support/http-matrix.js'

const library = 'hapi-rate-limit'

// A hapi 21 API with hapi-rate-limit (per-client limit by X-Forwarded-For, per-route limits). The
// plugin answers a client over its limit with Boom.tooManyRequests('Rate limit exceeded') and puts
// X-RateLimit-* headers on it, but no Retry-After: the error keeps no wait.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const server = Hapi.server({ host: '127.0.0.1', port: 0 })
  await server.register({
    plugin: rateLimit,
    options: { userLimit: 3, pathLimit: false, userPathLimit: false, trustProxy: true },
  })
  const caught: unknown[] = []
  server.ext('onPreResponse', (request, h) => {
    if ('isBoom' in request.response && request.response.isBoom) {
      caught.push(request.response)
      return h.response().code(599)
    }
    return h.continue
  })
  const ok = { handler: () => ({ ok: true }) }
  server.route({ method: 'GET', path: '/items', ...ok })
  server.route({
    method: 'GET',
    path: '/export',
    options: { plugins: { 'hapi-rate-limit': { pathLimit: 2 } } },
    ...ok,
  })
  server.route({
    method: 'POST',
    path: '/login',
    options: { plugins: { 'hapi-rate-limit': { userPathLimit: 1 } } },
    ...ok,
  })
  await server.start()
  const rejection = async (method: string, path: string, client: string) => {
    const before = caught.length
    const res = await fetch(`${server.info.uri}${path}`, { method, headers: { 'x-forwarded-for': client } })
    await res.arrayBuffer()
    if (caught.length !== before + 1) throw new Error(`no error for ${method} ${path} (${res.status})`)
    return caught[before]
  }
  const send = async (method: string, path: string, client: string) => {
    await (
      await fetch(`${server.info.uri}${path}`, { method, headers: { 'x-forwarded-for': client } })
    ).arrayBuffer()
  }
  try {
    for (let i = 0; i < 3; i++) await send('GET', '/items', '203.0.113.10')
    add(
      'fourth request of one client against userLimit 3 (Boom 429 "Rate limit exceeded", X-RateLimit-User* headers)',
      'our rate limiter rejecting the client: 429 (no wait kept in the error)',
      { status: 429 },
      await rejection('GET', '/items', '203.0.113.10'),
    )
    await send('GET', '/export', '203.0.113.21')
    await send('GET', '/export', '203.0.113.22')
    add(
      'third GET /export from a third client against the route pathLimit 2 (Boom 429, X-RateLimit-Path* headers)',
      'our rate limiter rejecting the client: 429 (no wait kept in the error)',
      { status: 429 },
      await rejection('GET', '/export', '203.0.113.23'),
    )
    await send('POST', '/login', '203.0.113.31')
    add(
      'second POST /login of one client against the route userPathLimit 1 (Boom 429, X-RateLimit-UserPath* headers)',
      'our rate limiter rejecting the client: 429 (no wait kept in the error)',
      { status: 429 },
      await rejection('POST', '/login', '203.0.113.31'),
    )
  } finally {
    await server.stop()
  }
  // The limiter's counters in a server cache too small to hold them: the store's write fails.
  const broken = Hapi.server({
    host: '127.0.0.1',
    port: 0,
    cache: [{ name: 'tiny', provider: { constructor: CatboxMemory, options: { maxByteSize: 8 } } }],
  })
  await broken.register({
    plugin: rateLimit,
    options: { userLimit: 100, pathLimit: false, userPathLimit: false, userCache: { cache: 'tiny' } },
  })
  broken.ext('onPreResponse', (request, h) => {
    if ('isBoom' in request.response && request.response.isBoom) {
      caught.push(request.response)
      return h.response().code(599)
    }
    return h.continue
  })
  broken.route({ method: 'GET', path: '/items', ...ok })
  await broken.start()
  try {
    const before = caught.length
    await (await fetch(`${broken.info.uri}/items`)).arrayBuffer()
    if (caught.length !== before + 1) throw new Error('no error from the broken store')
    add(
      "GET /items when the limiter's counter store (a catbox-memory cache of maxByteSize 8) cannot take the write",
      'our misconfiguration (an in-process store too small), wrapped by hapi as a 500: 500',
      { status: 500 },
      caught[before],
    )
  } finally {
    await broken.stop()
  }
  // Options read from an environment variable as a string the plugin's schema refuses.
  const misconfigured = Hapi.server({ host: '127.0.0.1', port: 0 })
  let invalid: unknown
  try {
    await misconfigured.register({ plugin: rateLimit, options: { userLimit: '100/minute' } })
  } catch (error) {
    invalid = error
  }
  add(
    'register with userLimit "100/minute" read from an environment variable (the plugin validates its options)',
    'our misconfiguration at startup, not the client: 500',
    { status: 500 },
    invalid,
  )
  return cases
}
