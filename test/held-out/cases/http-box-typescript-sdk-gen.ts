import { BoxCcgAuth, BoxClient, BoxDeveloperTokenAuth, CcgConfig } from 'box-typescript-sdk-gen'
import { BaseUrls } from 'box-typescript-sdk-gen/networking/baseUrls.generated'
import { NetworkSession } from 'box-typescript-sdk-gen/networking/network.generated'
import { BoxRetryStrategy } from 'box-typescript-sdk-gen/networking/retries.generated'
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

const library = 'box-typescript-sdk-gen'

const FILE = '1617554169109'

/** Box's error body. */
const boxError = (status: number, code: string, message: string) => ({
  type: 'error',
  status,
  code,
  message,
  help_url: 'http://developers.box.com/docs/#errors',
  request_id: 'abcdef123456',
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const session = (
    url: string,
    retryStrategy = new BoxRetryStrategy({ maxAttempts: 1, maxRetriesOnException: 0 }),
  ) =>
    new NetworkSession({
      baseUrls: new BaseUrls({ baseUrl: url, uploadUrl: url, oauth2Url: `${url}/oauth2` }),
      retryStrategy,
    })
  const auth = new BoxDeveloperTokenAuth({ token: 'not-a-real-box-developer-token' })
  const client = new BoxClient({ auth, networkSession: session(`${up.url}/2.0`) })
  const getFile = (c = client) => c.files.getFileById(FILE)
  const cases: HeldOutCase[] = []
  // The ESM build (lib-esm, what `import` loads) declares requestInfo, responseInfo, timestamp and error as class
  // fields, which reset to undefined what the base constructor assigned: a BoxApiError keeps only its message
  // ("<status> <message>; Request ID: …") and its name, and its toString() and util.inspect throw a TypeError.
  const add = caseAdder(library, cases, '; retries off (maxAttempts 1) unless said; ESM build')
  try {
    up.reply({ status: 404, body: boxError(404, 'not_found', 'Not Found') })
    add(
      "API answered 404 not_found for the file id; the BoxApiError's requestInfo and responseInfo are undefined",
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getFile()),
      404,
    )

    up.reply({
      status: 409,
      body: {
        ...boxError(409, 'item_name_in_use', 'Item with the same name already exists'),
        context_info: { conflicts: [{ type: 'folder', id: '12345', name: 'Invoices 2026' }] },
      },
    })
    add(
      'API answered 409 item_name_in_use when our server created a folder whose name exists',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => client.folders.createFolder({ name: 'Invoices 2026', parent: { id: '0' } })),
      409,
    )

    up.reply({
      status: 403,
      body: boxError(
        403,
        'access_denied_insufficient_permissions',
        'Access denied - insufficient permission',
      ),
    })
    add(
      'API answered 403 access_denied_insufficient_permissions for the file',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getFile()),
      403,
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="Service", error="invalid_token"' },
      body: '',
    })
    const defaultRetries = new BoxClient({
      auth,
      networkSession: session(`${up.url}/2.0`, new BoxRetryStrategy({})),
    })
    add(
      'API answered 401 invalid_token to our developer token; with the default retry strategy the SDK tries to ' +
        'refresh it and throws its own BoxSdkError "Developer token has expired"',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => getFile(defaultRetries)),
      401,
    )

    up.reply({
      status: 400,
      body: { error: 'invalid_client', error_description: 'The client credentials are invalid' },
    })
    const ccg = new BoxClient({
      auth: new BoxCcgAuth({
        config: new CcgConfig({
          clientId: 'not-a-client-id',
          clientSecret: 'not-a-secret',
          enterpriseId: '899905961',
        }),
      }),
      networkSession: session(up.url),
    })
    add(
      'the token endpoint answered 400 invalid_client to our client-credentials grant',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getFile(ccg)),
      400,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: boxError(429, 'rate_limit_exceeded', 'Request rate limit exceeded'),
    })
    add(
      'API answered 429 rate_limit_exceeded with Retry-After: 7, which the error loses with its responseInfo',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => getFile()),
      429,
    )

    up.reply({ status: 500, body: boxError(500, 'internal_server_error', 'Internal Server Error') })
    add(
      'API answered 500 internal_server_error',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getFile()),
      500,
    )

    up.reply({ status: 503, headers: RETRY_AFTER, body: boxError(503, 'unavailable', 'Unavailable') })
    add(
      'API answered 503 unavailable with Retry-After: 7, which the error loses with its responseInfo',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => getFile()),
      503,
    )

    const refused = new BoxClient({
      auth,
      networkSession: session(`http://127.0.0.1:${await closedPort()}/2.0`),
    })
    add(
      'connection refused by a closed loopback port: the SDK swallows the fetch error and throws a BoxApiError ' +
        'for status 0, message "0 undefined; Request ID: undefined"',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getFile(refused)),
    )

    return cases
  } finally {
    await up.close()
  }
}
