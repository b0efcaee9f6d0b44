/**
 * @liveblocks/node (Liveblocks' server SDK for its REST API): a document route of ours loads the
 * collaborative room's metadata with `liveblocks.getRoom(roomId)` against a loopback fake of
 * api.liveblocks.io (`baseUrl`). The SDK never retries and has no timeout of its own (a call takes
 * a `signal`). Non-2xx answers reject with `LiveblocksError` (`status`, `message`, `details` from
 * the body's `suggestion` and `docs`; no headers, no URL); transport failures with fetch's errors.
 */
import { Liveblocks } from '@liveblocks/node'
import { type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'
import { describe } from './support/saas-matrix.js'

const library = '@liveblocks/node'
const secret = 'sk_prod_NotARealSecret0123456789abcdef'
const room = 'doc-8f14e45f'

/** Liveblocks' error body: `{ error, message, suggestion, docs }`. */
function lbError(error: string, message: string, suggestion: string) {
  return { error, message, suggestion, docs: 'https://liveblocks.io/docs/api-reference/rest-api-endpoints' }
}

const settings = 'the SDK never retries; a 250 ms AbortSignal.timeout passed as the call signal where set'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  const liveblocks = new Liveblocks({ secret, baseUrl: up.url })
  const load = () => liveblocks.getRoom(room)
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="liveblocks"' },
      body: lbError('INVALID_SECRET_KEY', 'Invalid secret key', 'Check the secret key in your dashboard'),
    })
    let error = await rejectionOf(load)
    cases.push({
      library,
      what: `upstream answered 401 INVALID_SECRET_KEY to our secret key (${describe(error)}); ${settings}`,
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error,
    })

    up.reply({
      status: 404,
      body: lbError('ROOM_NOT_FOUND', `Room with id "${room}" was not found`, 'Create the room first'),
    })
    error = await rejectionOf(load)
    cases.push({
      library,
      what: `upstream answered 404 ROOM_NOT_FOUND: the room id our database stores does not exist there (${describe(error)}); ${settings}`,
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error,
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: lbError('TOO_MANY_REQUESTS', 'Too many requests', 'Slow down your requests'),
    })
    error = await rejectionOf(load)
    cases.push({
      library,
      what: `upstream answered 429 with Retry-After: 7, which the error drops (${describe(error)}); ${settings}`,
      why: `${WHY.upstream429}; the value is lost in the error`,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error,
    })

    up.reply('hang')
    error = await rejectionOf(() => liveblocks.getRoom(room, { signal: AbortSignal.timeout(250) }))
    cases.push({
      library,
      what: `a 250 ms AbortSignal.timeout fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    const offline = new Liveblocks({ secret, baseUrl: `http://127.0.0.1:${port}` })
    error = await rejectionOf(() => offline.getRoom(room))
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our misconfiguration: the public key (pk_…) deployed where the secret key belongs.
    error = await rejectionOf(
      () => new Liveblocks({ secret: 'pk_prod_NotARealPublicKey0123', baseUrl: up.url }),
    )
    cases.push({
      library,
      what: `the client was built with a public key instead of a secret key (${describe(error)})`,
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}
