import { createSerializer, type OperationSpec, ServiceClient } from '@azure/core-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  UPSTREAM_504,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@azure/core-client'

/** GET {endpoint}/secrets/db-password?api-version=7.4, as an Azure SDK's generated operation does. */
const getSecret: OperationSpec = {
  path: '/secrets/db-password',
  httpMethod: 'GET',
  responses: { 200: {} },
  queryParameters: [
    {
      parameterPath: 'apiVersion',
      mapper: {
        serializedName: 'api-version',
        required: true,
        isConstant: true,
        defaultValue: '7.4',
        type: { name: 'String' },
      },
    },
  ],
  urlParameters: [
    {
      parameterPath: 'endpoint',
      mapper: { serializedName: 'endpoint', required: true, type: { name: 'String' } },
      skipEncoding: true,
    },
  ],
  baseUrl: '{endpoint}',
  serializer: createSerializer({}, false),
}

function azureError(code: string, message: string) {
  return { error: { code, message } }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // (The pipeline's own request timeout is left out of the set: it rejects with a bare AbortError,
  // name and message only, that carries no trace of the timeout.)
  // retryOptions.maxRetries: 0 (the default pipeline retries 3 times and waits out Retry-After).
  const client = (endpoint: string) => {
    const service = new ServiceClient({ retryOptions: { maxRetries: 0 }, allowInsecureConnection: true })
    return () => service.sendOperationRequest({ endpoint }, getSecret)
  }
  const vault = client(up.url)
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: {
        'www-authenticate':
          'Bearer authorization="https://login.example.test/tenant", resource="https://vault.example.test"',
      },
      body: azureError('Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'),
    })
    cases.push({
      library,
      what: 'service answered 401 Unauthorized with a Bearer challenge (RestError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(vault),
    })

    up.reply({
      status: 403,
      body: azureError('Forbidden', 'Caller is not authorized to perform action on resource.'),
    })
    cases.push({
      library,
      what: 'service answered 403 Forbidden to our identity (RestError)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(vault),
    })

    up.reply({
      status: 404,
      body: azureError('SecretNotFound', 'A secret with (name/id) db-password was not found.'),
    })
    cases.push({
      library,
      what: 'service answered 404 SecretNotFound (RestError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(vault),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: azureError('Throttled', 'Rate limit exceeded.') })
    cases.push({
      library,
      what: 'service answered 429 Throttled with Retry-After: 7 (RestError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(vault),
    })

    up.reply({ status: 500, body: azureError('InternalError', 'An unexpected error occurred.') })
    cases.push({
      library,
      what: 'service answered 500 InternalError (RestError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(vault),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: azureError('ServiceUnavailable', 'Service is busy.'),
    })
    cases.push({
      library,
      what: 'service answered 503 ServiceUnavailable with Retry-After: 7 (RestError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(vault),
    })

    up.reply({
      status: 504,
      body: azureError('GatewayTimeout', 'The gateway did not receive a response in time.'),
    })
    cases.push({
      library,
      what: 'service answered 504 GatewayTimeout (RestError)',
      why: WHY.upstream504,
      upstreamStatus: 504,
      expect: UPSTREAM_504,
      error: await rejectionOf(vault),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the service reset the connection after our request (RestError REQUEST_SEND_ERROR)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(vault),
    })

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (RestError REQUEST_SEND_ERROR)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(refused),
    })
    return cases
  } finally {
    await up.close()
  }
}
