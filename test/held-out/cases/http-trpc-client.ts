import { createTRPCUntypedClient, httpLink } from '@trpc/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_408,
  UPSTREAM_429,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@trpc/client'

/** A tRPC v11 error envelope as a tRPC server sends it (no transformer). */
function trpcError(message: string, code: number, name: string, httpStatus: number, extra: object = {}) {
  return { error: { message, code, data: { code: name, httpStatus, path: 'user.byId', ...extra } } }
}

// tRPC's untyped client (httpLink, no batching, no retries) calling another service's tRPC API:
// a scripted loopback upstream answering as a tRPC server would.
export const collect: Collect = async () => {
  const up = await startUpstream()
  const clientFor = (url: string) => createTRPCUntypedClient({ links: [httpLink({ url })] })
  const client = clientFor(`${up.url}/trpc`)
  const byId = (signal?: AbortSignal) => client.query('user.byId', { id: 'u_1' }, signal ? { signal } : {})
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="users"' },
      body: trpcError('Missing or invalid service token', -32001, 'UNAUTHORIZED', 401),
    })
    cases.push({
      library,
      what: 'the tRPC upstream answered 401 UNAUTHORIZED to our service token',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => byId()),
    })

    up.reply({ status: 404, body: trpcError('User u_1 not found', -32004, 'NOT_FOUND', 404) })
    cases.push({
      library,
      what: 'the tRPC upstream answered 404 NOT_FOUND for the user we asked for',
      why: 'upstream said 4xx to us: 500, never passed through (outbound evidence beats the RPC code)',
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => byId()),
    })

    up.reply({
      status: 400,
      body: trpcError('Invalid input', -32600, 'BAD_REQUEST', 400, {
        zodError: { formErrors: [], fieldErrors: { id: ['Invalid uuid'] } },
      }),
    })
    cases.push({
      library,
      what: 'the tRPC upstream answered 400 BAD_REQUEST with zod field errors for the input we sent',
      why: 'upstream said 4xx to us (its validation of our input): 500, not our 422',
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => byId()),
    })

    up.reply({ status: 408, body: trpcError('Query timed out', -32008, 'TIMEOUT', 408) })
    cases.push({
      library,
      what: 'the tRPC upstream answered 408 TIMEOUT',
      why: WHY.upstream408,
      upstreamStatus: 408,
      expect: UPSTREAM_408,
      error: await rejectionOf(() => byId()),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: trpcError('Rate limit exceeded', -32029, 'TOO_MANY_REQUESTS', 429),
    })
    cases.push({
      library,
      what: 'the tRPC upstream answered 429 TOO_MANY_REQUESTS with Retry-After: 7',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => byId()),
    })

    up.reply({ status: 500, body: trpcError('Internal server error', -32603, 'INTERNAL_SERVER_ERROR', 500) })
    cases.push({
      library,
      what: 'the tRPC upstream answered 500 INTERNAL_SERVER_ERROR',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => byId()),
    })

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/plain' },
      body: 'no healthy upstream',
    })
    cases.push({
      library,
      what: 'a gateway in front of the tRPC upstream answered 503 (text body) with Retry-After: 7',
      why: 'upstream 503: dependency unavailable (the error keeps neither status nor Retry-After)',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(() => byId()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'a 250 ms AbortSignal.timeout passed as the query signal fired',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => byId(AbortSignal.timeout(250))),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        clientFor(`http://127.0.0.1:${port}/trpc`).query('user.byId', { id: 'u_1' }),
      ),
    })
    return cases
  } finally {
    await up.close()
  }
}
