import { Client } from 'plivo'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'plivo'

const AUTH_ID = 'MAXXXXXXXXXXXXXXXXXX'
const SRC = '+14155550100'
const DST = '+14155550123'

export const collect: Collect = async () => {
  // The client falls back to these when its arguments are empty; keep the run independent of the shell.
  delete process.env.PLIVO_AUTH_ID
  delete process.env.PLIVO_AUTH_TOKEN
  const up = await startUpstream()
  // `options.url` is the account's API root (https://api.plivo.com/v1/Account/<authId> by default).
  const client = (url: string, timeout?: number) =>
    new Client(AUTH_ID, 'not-a-real-auth-token', {
      url: `${url}/v1/Account/${AUTH_ID}`,
      ...(timeout === undefined ? {} : { timeout }),
    })
  const plivo = client(up.url)
  const sms = (c = plivo) => c.messages.create(SRC, DST, 'Your code is 123456')
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; axios under the hood, no retries for messages')
  try {
    up.reply({
      status: 401,
      headers: { 'content-type': 'text/html' },
      body: 'Could not verify your access level for that URL.\nYou have to login with proper credentials',
    })
    add(
      'Messages API answered 401 (text body) to our auth id and token (its AuthenticationError, ' +
        'compiled so that the instance is a plain Error with status)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => sms()),
      401,
    )

    up.reply({
      status: 400,
      body: { api_id: '5d0b6c3e-0000-11ef-8b3a-0242ac110002', error: 'dst parameter not valid' },
    })
    add(
      'Messages API answered 400 "dst parameter not valid" (a plain Error with status and apiID)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => sms()),
      400,
    )

    up.reply({
      status: 404,
      body: { api_id: '5d0b6c3e-0000-11ef-8b3a-0242ac110003', error: 'not found' },
    })
    add(
      'Messages API answered 404 "not found" for a message uuid our server stored',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => plivo.messages.get('db3ce55a-7f1d-11e1-8ea7-1231380bc196')),
      404,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { api_id: '5d0b6c3e-0000-11ef-8b3a-0242ac110004', error: 'too many requests' },
    })
    add(
      "Messages API answered 429 with Retry-After: 7; 429 is not in the client's table, so it rejects with a " +
        'plain Error built from the AxiosError (message only, no response kept)',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => sms()),
      429,
    )

    up.reply({
      status: 500,
      body: { api_id: '5d0b6c3e-0000-11ef-8b3a-0242ac110005', error: 'internal error' },
    })
    add('Messages API answered 500', WHY.upstream5xx, UPSTREAM_5XX, await rejectionOf(() => sms()), 500)

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { api_id: '5d0b6c3e-0000-11ef-8b3a-0242ac110006', error: 'service unavailable' },
    })
    add(
      'Messages API answered 503 with Retry-After: 7; not in the table either: a plain Error whose message is the ' +
        'stringified AxiosError',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => sms()),
      503,
    )

    up.reply('hang')
    add(
      "the client's own 250 ms timeout (options.timeout) fired; the client rejects with the AxiosError's stack, " +
        'a bare string',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => sms(client(up.url, 250))),
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      "connection refused by a closed loopback port; the client rejects with the AxiosError's stack, a bare string",
      WHY.refused,
      REFUSED,
      await rejectionOf(() => sms(refused)),
    )

    add(
      'the client was built without an auth token (environment variable unset); the constructor throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new Client(AUTH_ID, '')),
    )

    add(
      'messages.create called with neither a sender number nor a powerpack uuid (our sender setting is empty); ' +
        'the SDK rejects before any request',
      'misconfiguration of ours (SDK argument check): 500',
      { status: 500 },
      await rejectionOf(() => plivo.messages.create('', DST, 'Your code is 123456')),
    )
    return cases
  } finally {
    await up.close()
  }
}
