import { createClient } from 'smartsheet'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'smartsheet'

const SHEET = 4583173393803140

/** Smartsheet's error body: `{ errorCode, message, refId }`. */
const body = (errorCode: number, message: string) => ({ errorCode, message, refId: '1x9bd7qlc5k2w' })

export const collect: Collect = async () => {
  const up = await startUpstream()
  // Retries off: a negative backoff ends the SDK's retry loop for its retryable codes (4001–4004) at once.
  const connect = (baseUrl: string) =>
    createClient({ accessToken: 'not-a-real-smartsheet-token', baseUrl, calcRetryBackoff: () => -1 })
  const client = connect(`${up.url}/2.0/`)
  const getSheet = (c = client): Promise<unknown> => c.sheets.getSheet({ id: SHEET })
  const addRows = (): Promise<unknown> =>
    client.sheets.addRows({
      sheetId: SHEET,
      body: [{ toBottom: true, cells: [{ columnId: 1, value: 'x' }] }],
    })
  const cases: HeldOutCase[] = []
  // The SDK rejects with a plain object { statusCode, errorCode, message, refId }: headers and body are omitted.
  const add = caseAdder(
    library,
    cases,
    '; the SDK rejects with a plain { statusCode, errorCode, message, refId }',
  )
  const addOwn = caseAdder(library, cases)
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: body(1002, 'Your Access Token is invalid.'),
    })
    add(
      'API answered 401 errorCode 1002 "Your Access Token is invalid." to our token',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => getSheet()),
      401,
    )

    up.reply({ status: 403, body: body(1004, 'You are not authorized to perform this action.') })
    add(
      'API answered 403 errorCode 1004 "You are not authorized to perform this action." for the sheet',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getSheet()),
      403,
    )

    up.reply({ status: 404, body: body(1006, 'Not Found') })
    add(
      'API answered 404 errorCode 1006 "Not Found" for the sheet id our server is configured with',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getSheet()),
      404,
    )

    up.reply({
      status: 400,
      body: {
        ...body(1036, 'The columnId 1 is invalid.'),
        detail: { index: 0, rowId: null },
      },
    })
    add(
      'API answered 400 errorCode 1036 "The columnId 1 is invalid." to the rows we added',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => addRows()),
      400,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: body(4003, 'Rate limit exceeded.'),
    })
    add(
      'API answered 429 errorCode 4003 "Rate limit exceeded." with Retry-After: 7, which the rejected object drops',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => getSheet()),
      429,
    )

    up.reply({ status: 500, body: body(4000, 'An unexpected error has occurred.') })
    add(
      'API answered 500 errorCode 4000 "An unexpected error has occurred."',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getSheet()),
      500,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: body(
        4001,
        'Smartsheet.com is currently offline for system maintenance. Please check back again shortly.',
      ),
    })
    add(
      'API answered 503 errorCode 4001 "offline for system maintenance" with Retry-After: 7, which the object drops',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => getSheet()),
      503,
    )

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n',
    })
    add(
      'the load balancer answered 502 with an HTML page; the object carries the page as its message',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getSheet()),
      502,
    )

    const refused = connect(`http://127.0.0.1:${await closedPort()}/2.0/`)
    addOwn(
      'connection refused by a closed loopback port: the SDK reads .status of the missing response, ' +
        'and omits headers ' +
        'and body from that TypeError with underscore, so it rejects with an empty plain object {}',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getSheet(refused)),
    )

    addOwn(
      'the client was created with logLevel "warning" from the environment, not a winston level; createClient throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        createClient({ accessToken: 'x', baseUrl: `${up.url}/2.0/`, logLevel: 'warning' as 'warn' }),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}
