import { load } from 'cloud-config-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'cloud-config-client'

/** The config server's (Spring Boot) error body. */
function springError(status: number, error: string, message: string, path: string) {
  return { timestamp: '2026-12-07T15:00:00.000+00:00', status, error, message, path }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client has no retries and no timeout of its own (a silent server would hang it: left out).
  const fetchConfig = (endpoint = up.url, label = 'main') =>
    load({ endpoint, name: 'billing-service', profiles: ['production'], label })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Realm"' },
      body: springError(401, 'Unauthorized', '', '/billing-service/production/main'),
    })
    add(
      'config server answered 401 to our basic-auth credentials; the client rejects with a plain Error "Invalid response: 401"',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => fetchConfig()),
      401,
    )

    up.reply({
      status: 404,
      body: springError(
        404,
        'Not Found',
        'No such label: release-2026-12',
        '/billing-service/production/release-2026-12',
      ),
    })
    add(
      'config server answered 404 "No such label" for the git label our server is configured with (plain Error "Invalid response: 404")',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => fetchConfig(up.url, 'release-2026-12')),
      404,
    )

    up.reply({
      status: 500,
      body: springError(
        500,
        'Internal Server Error',
        'Cannot clone or checkout repository: https://git.internal/config-repo.git',
        '/billing-service/production/main',
      ),
    })
    add(
      'config server answered 500 "Cannot clone or checkout repository" (plain Error "Invalid response: 500")',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => fetchConfig()),
      500,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: springError(503, 'Service Unavailable', '', '/billing-service/production/main'),
    })
    add(
      'config server answered 503 with Retry-After: 7, which the plain Error drops',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => fetchConfig()),
      503,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!DOCTYPE html><html><head><title>Please sign in</title></head><body><form action="/login"></form></body></html>',
    })
    add(
      'config server answered 200 with its HTML sign-in page; the client rejects with the SyntaxError of its JSON.parse',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => fetchConfig()),
    )

    up.reply({ status: 200, body: { name: 'billing-service', profiles: ['production'], label: 'main' } })
    add(
      'config server answered 200 with JSON that lacks propertySources; the client throws a TypeError reading it',
      'upstream answered badly (not the expected document): 502',
      RESET,
      await rejectionOf(() => fetchConfig()),
    )

    const closed = `http://127.0.0.1:${await closedPort()}`
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => fetchConfig(closed)),
    )

    add(
      'config server endpoint configured as "config-server:8888" (no scheme); the request cannot be made',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => fetchConfig('config-server:8888')),
    )
    return cases
  } finally {
    await up.close()
  }
}
