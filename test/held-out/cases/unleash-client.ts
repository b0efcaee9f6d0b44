import { Unleash } from 'unleash-client'
import type { Collect, HeldOutCase } from '../case.js'
import { REFUSED, RESET, UPSTREAM_4XX, UPSTREAM_401, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, type Reply, startUpstream } from './support/http-upstream.js'

const library = 'unleash-client'

// A server evaluating feature toggles with unleash-client, pointed at a scripted Unleash API on
// 127.0.0.1. The client reports a failed fetch of the toggles on its 'error' event (what a server
// that awaits the first sync before serving gets); 404/429/5xx are only warned about and retried.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; refreshInterval 60 s, timeout 1.2 s, metrics off')
  const up = await startUpstream()
  const firstError = (reply: Reply, url = up.url) => {
    up.reply(reply)
    const unleash = new Unleash({
      url: `${url}/api`,
      appName: 'shop-api',
      disableMetrics: true,
      refreshInterval: 60_000,
      timeout: 1_200,
      customHeaders: { Authorization: 'default:production.0a1b2c3d' },
    })
    unleash.on('warn', () => {})
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no error event')), 5_000)
      unleash.on('error', (error: unknown) => {
        clearTimeout(timer)
        resolve(error)
      })
      unleash.on('synchronized', () => {
        clearTimeout(timer)
        reject(new Error('synchronized'))
      })
    }).finally(() => unleash.destroy())
  }
  try {
    add(
      'Unleash API answered 401 to our API token (the client stops refreshing)',
      WHY.upstream401,
      UPSTREAM_401,
      await firstError({
        status: 401,
        headers: { 'www-authenticate': 'Bearer' },
        body: { message: 'bad token' },
      }),
      401,
    )
    add(
      'Unleash API answered 403 to our API token',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await firstError({ status: 403, body: { message: 'forbidden' } }),
      403,
    )
    add(
      'Unleash API answered 200 with an HTML page instead of JSON',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await firstError({
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<html>proxy login</html>',
      }),
    )
    add(
      'Unleash API answered 200 with JSON that is not a toggles payload',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await firstError({ status: 200, body: { features: 'nope' } }),
    )
    add(
      'Unleash API on a closed loopback port',
      WHY.refused,
      REFUSED,
      await firstError({ status: 200 }, `http://127.0.0.1:${await closedPort()}`),
    )
  } finally {
    await up.close()
  }
  return cases
}
