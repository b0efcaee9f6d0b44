import { ConvexHttpClient } from 'convex/browser'
import { anyApi } from 'convex/server'
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

const library = 'convex'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const connect = (url: string) => {
    const c = new ConvexHttpClient(url, { skipConvexDeploymentUrlCheck: true, logger: false })
    c.setAuth('not-a-real-jwt')
    return c
  }
  const client = connect(up.url)
  const list = (c = client) => c.query(anyApi.messages!.list!, { channel: 'general' })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { code: 'Unauthenticated', message: 'Could not verify OIDC token claim' },
    })
    add(
      'Convex deployment answered 401 to the auth token our server set (plain Error of the response text)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => list()),
      401,
    )

    up.reply({ status: 404, body: { code: 'NoSuchDeployment', message: 'Deployment not found' } })
    add(
      'Convex answered 404 for a deployment URL that does not exist (plain Error of the response text)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => list()),
      404,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { code: 'Overloaded', message: 'Deployment is overloaded' },
    })
    add(
      'Convex answered 503 with Retry-After: 7 (plain Error of the response text, header lost)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => list()),
      503,
    )

    up.reply({
      status: 560,
      body: {
        status: 'error',
        errorMessage:
          "[Request ID: 4b1c] Server Error\nUncaught TypeError: Cannot read properties of undefined (reading 'author')",
        logLines: [],
      },
    })
    add(
      'the query function failed on the deployment (status 560, UDF failed) (plain Error of errorMessage)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => list()),
      560,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Captive portal</body></html>',
    })
    add(
      "Convex URL answered 200 with an HTML page instead of JSON (the client's JSON parse fails)",
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => list()),
    )

    up.reply('reset')
    add(
      'Convex deployment reset the connection (the raw fetch failure)',
      WHY.reset,
      RESET,
      await rejectionOf(() => list()),
    )

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port (the raw fetch failure)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => list(refused)),
    )

    add(
      'mutation args our code built hold a Map, which is not a Convex value: the client throws before sending',
      'an event payload our code built wrong: 500',
      { status: 500 },
      await rejectionOf(() =>
        client.mutation(anyApi.messages!.send!, { body: 'hi', meta: new Map([['a', 1]]) }),
      ),
    )

    add(
      'the client built with a deployment URL that is not a URL (CONVEX_URL misconfigured)',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new ConvexHttpClient('happy-animal-123.convex.cloud')),
    )
    return cases
  } finally {
    await up.close()
  }
}
