/**
 * contentful-management (Contentful's Content Management API SDK, plain client over axios and
 * contentful-sdk-core): an editorial route of ours loads an entry with `cma.entry.get({ entryId })`
 * from a loopback fake of the API (`host`, `insecure: true`). The SDK's error handler rethrows a
 * fresh `Error` whose `name` is the API's `sys.id` (or "<status> <statusText>") and whose `message`
 * is a JSON dump of status, request and details; transport errors pass through as axios errors.
 */
import { createClient } from 'contentful-management'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = 'contentful-management'

const ERROR_IDS: Record<number, string> = {
  400: 'BadRequest',
  401: 'AccessTokenInvalid',
  404: 'NotFound',
  409: 'VersionMismatch',
  429: 'RateLimitExceeded',
  500: 'ServerError',
  503: 'ServiceUnavailable',
}

function cma(host: string, timeout = 30_000) {
  return createClient(
    {
      accessToken: 'CFPAT-0123456789abcdef',
      host,
      insecure: true,
      retryOnError: false,
      timeout,
      logHandler: () => {},
    },
    { type: 'plain', defaults: { spaceId: 'yadj1kx9rmg0', environmentId: 'master' } },
  )
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const get = (client: ReturnType<typeof cma>) => () =>
      client.entry.get({ entryId: '5KsDBWseXY6QegucYAoacS' })
    const cases = await runMatrix({
      library,
      up,
      call: get(cma(`127.0.0.1:${up.port}`)),
      refused: get(cma(`127.0.0.1:${port}`)),
      timeout: get(cma(`127.0.0.1:${up.port}`, 250)),
      body: (status, message) => ({
        sys: { type: 'Error', id: ERROR_IDS[status] ?? 'Unknown' },
        message,
        requestId: 'c0ffee00-1234-4abc-9def-0123456789ab',
        ...(status === 409 ? { details: { version: 7 } } : {}),
      }),
      conflict: [409, 'The version you sent does not match the current version of the entry'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'retryOnError false; timeout 250 ms where set',
      // axios parses JSON silently: the page comes back as the entry (a string), no error.
      skipHtml: true,
    })
    // Our misconfiguration: the access token was read from an unset environment variable.
    const error = await rejectionOf(() =>
      createClient({
        accessToken: process.env.AC_HELDOUT_UNSET_CONTENTFUL_TOKEN as string,
        host: `127.0.0.1:${up.port}`,
      }),
    )
    cases.push({
      library,
      what: `createClient with an undefined accessToken (unset environment variable) threw at setup (${describe(error)})`,
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}
