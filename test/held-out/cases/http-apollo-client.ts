import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@apollo/client'

const PRODUCT = gql`
  query Product($id: ID!) {
    product(id: $id) {
      id
      title
    }
  }
`

function clientFor(uri: string) {
  // A new client (and cache) for each call, so nothing is answered from the cache.
  return new ApolloClient({
    link: new HttpLink({ uri, headers: { authorization: 'Bearer test-not-a-token' } }),
    cache: new InMemoryCache(),
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const product = (signal?: AbortSignal) =>
    clientFor(`${up.url}/graphql`).query({
      query: PRODUCT,
      variables: { id: 'gid://shop/Product/1' },
      fetchPolicy: 'no-cache',
      context: { fetchOptions: signal ? { signal } : {} },
    })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="storefront"' },
      body: { errors: [{ message: 'Invalid access token', extensions: { code: 'UNAUTHENTICATED' } }] },
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered HTTP 401 (application/json, errors[]) to our token',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => product()),
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
      what: 'GraphQL upstream answered HTTP 200 with errors[].extensions.code UNAUTHENTICATED',
      why: 'an outbound call failed on our credentials: 500 (outbound evidence beats the code’s status)',
      upstreamStatus: 200,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => product()),
    })

    up.reply({
      status: 400,
      headers: { 'content-type': 'application/graphql-response+json' },
      body: JSON.stringify({
        errors: [
          {
            message: 'Cannot query field "title" on type "Product".',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      }),
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered 400 application/graphql-response+json GRAPHQL_VALIDATION_FAILED to our query',
      why: 'upstream said 4xx to us (its validation of our query): 500, not our 422',
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => product()),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] },
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered 429 THROTTLED with Retry-After: 7',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => product()),
    })

    up.reply({
      status: 500,
      body: { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered 500 INTERNAL_SERVER_ERROR (JSON errors[])',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => product()),
    })

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/plain' },
      body: 'upstream connect error or disconnect/reset before headers',
    })
    cases.push({
      library,
      what: 'a gateway answered 503 with Retry-After: 7 and a text body',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => product()),
    })

    up.reply({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '<html>maintenance</html>',
    })
    cases.push({
      library,
      what: 'GraphQL upstream answered 200 with an HTML body labelled application/json (unparseable)',
      why: 'upstream answered badly (a reply that is not the protocol): 502',
      upstreamStatus: 200,
      expect: RESET,
      error: await rejectionOf(() => product()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'a 250 ms AbortSignal.timeout passed in context.fetchOptions.signal fired',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => product(AbortSignal.timeout(250))),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the GraphQL upstream reset the connection after the request arrived',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(() => product()),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        clientFor(`http://127.0.0.1:${port}/graphql`).query({
          query: PRODUCT,
          variables: { id: '1' },
          fetchPolicy: 'no-cache',
        }),
      ),
    })
    return cases
  } finally {
    await up.close()
  }
}
