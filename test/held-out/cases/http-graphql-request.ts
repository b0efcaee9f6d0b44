import { GraphQLClient, gql } from 'graphql-request'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'graphql-request'

const PRODUCT = gql`
  query Product($id: ID!) {
    product(id: $id) {
      id
      title
    }
  }
`

export const collect: Collect = async () => {
  const up = await startUpstream()
  // graphql-request has no retries.
  const client = new GraphQLClient(`${up.url}/graphql`, {
    headers: { authorization: 'Bearer test-not-a-token' },
  })
  const product = () => client.request(PRODUCT, { id: 'gid://shop/Product/1' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="storefront"' },
      body: {
        errors: [{ message: 'Invalid API key or access token', extensions: { code: 'UNAUTHORIZED' } }],
      },
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered HTTP 401 to our token (ClientError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(product),
    })

    up.reply({
      status: 200,
      body: {
        data: null,
        errors: [
          { message: 'Not authenticated', path: ['product'], extensions: { code: 'UNAUTHENTICATED' } },
        ],
      },
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered HTTP 200 with errors[].extensions.code UNAUTHENTICATED (ClientError)',
      why: 'an outbound call failed on our credentials: 500 (outbound evidence beats the code’s status)',
      upstreamStatus: 200,
      expect: UPSTREAM_401,
      error: await rejectionOf(product),
    })

    up.reply({
      status: 400,
      body: {
        errors: [
          {
            message: 'Cannot query field "title" on type "Product".',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered 400 GRAPHQL_VALIDATION_FAILED to the query we sent (ClientError)',
      why: 'upstream said 4xx to us (its validation of our query): 500, not our 422',
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(product),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] },
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered 429 THROTTLED with Retry-After: 7 (ClientError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(product),
    })

    up.reply({
      status: 500,
      body: { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered 500 INTERNAL_SERVER_ERROR (ClientError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(product),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: 'upstream connect error or disconnect/reset before headers',
    })
    cases.push({
      library,
      what: 'a gateway answered 503 with Retry-After: 7 and a text body (ClientError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(product),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'a 250 ms AbortSignal.timeout passed as the request signal fired',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() =>
        client.request({
          document: PRODUCT,
          variables: { id: 'gid://shop/Product/1' },
          signal: AbortSignal.timeout(250),
        }),
      ),
    })

    const refused = new GraphQLClient(`http://127.0.0.1:${await closedPort()}/graphql`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.request(PRODUCT, { id: '1' })),
    })
    return cases
  } finally {
    await up.close()
  }
}
