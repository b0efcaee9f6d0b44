import Vault from 'hashi-vault-js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'hashi-vault-js'

const TOKEN = 'hvs.not-a-real-token'

/** The client logs the whole failed response of a write with console.log: keep the run's output readable. */
async function quiet<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log
  console.log = () => {}
  try {
    return await run()
  } finally {
    console.log = log
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client has no retries; its own timeout is an axios timeout (1 s by default).
  const vault = (baseUrl: string, timeout = 2000) => new Vault({ baseUrl, timeout })
  const client = vault(`${up.url}/v1`)
  const read = (c = client) => c.readKVSecret(TOKEN, 'payments/stripe')
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  try {
    up.reply({ status: 403, body: { errors: ['1 error occurred:\n\t* permission denied\n\n'] } })
    add(
      'Vault answered 403 "permission denied" to a KV v2 read with our token',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => read()),
      403,
    )

    up.reply({ status: 404, body: { errors: [] } })
    add(
      'Vault answered 404 with an empty errors list to a read of a secret path that does not exist',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => read()),
      404,
    )

    up.reply({ status: 400, body: { errors: ['check-and-set parameter did not match the current version'] } })
    add(
      'Vault answered 400 "check-and-set parameter did not match the current version" to a KV v2 write with cas: 3',
      'optimistic-concurrency conflict reported by the store (like DynamoDB ConditionalCheckFailed, which also arrives as 400): 409',
      { status: 409 },
      await quiet(() =>
        rejectionOf(() => client.updateKVSecret(TOKEN, 'payments/stripe', { key: 'sk_test_x' }, 3)),
      ),
      400,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { errors: ['request path "secret/data/payments/stripe": rate limit quota exceeded'] },
    })
    add(
      'Vault answered 429 "rate limit quota exceeded" with Retry-After: 7, which the error keeps in response.headers',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => read()),
      429,
    )

    up.reply({
      status: 500,
      body: { errors: ['1 error occurred:\n\t* failed to read value: context canceled\n\n'] },
    })
    add(
      'Vault answered 500 with its error list',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => read()),
      500,
    )

    up.reply({ status: 503, body: { errors: ['Vault is sealed'] } })
    add(
      'Vault answered 503 "Vault is sealed" (no Retry-After)',
      WHY.upstream503,
      UPSTREAM_503_BARE,
      await rejectionOf(() => read()),
      503,
    )

    up.reply('reset')
    add(
      'Vault connection reset (TCP RST) after the request was read',
      WHY.reset,
      RESET,
      await rejectionOf(() => read()),
    )

    up.reply('hang')
    add(
      "the client's own 250 ms timeout fired on a Vault that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => read(vault(`${up.url}/v1`, 250))),
    )

    const refused = vault(`http://127.0.0.1:${await closedPort()}/v1`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => read(refused)),
    )

    add(
      'our code called readKVSecret with an empty token (the client asserts its parameters)',
      'programmer error / misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => client.readKVSecret('', 'payments/stripe')),
    )
    return cases
  } finally {
    await up.close()
  }
}
