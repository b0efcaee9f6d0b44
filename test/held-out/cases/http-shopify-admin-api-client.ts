import { createAdminApiClient } from '@shopify/admin-api-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@shopify/admin-api-client'

const STORE = 'acme-outdoor.myshopify.com'
const QUERY = 'query ProductTitle($id: ID!) { product(id: $id) { title } }'

// The client always calls https://<store>; its documented `customFetchApi` hook is given a fetch that
// sends the store's requests to the loopback upstream instead. HTTP error statuses never throw
// (request() returns them in `errors`, fetch() returns the Response): only network failures of
// fetch() and the client's own checks do.
export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = (origin: string) =>
    createAdminApiClient({
      storeDomain: STORE,
      apiVersion: '2026-01',
      accessToken: 'shpat_00000000000000000000000000000000',
      logger: () => {},
      customFetchApi: (url: string, init?: RequestInit) =>
        fetch(url.replace(`https://${STORE}`, origin), init),
    })
  const shop = client(up.url)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; retries 0 (the default)')
  try {
    add(
      'the client was created without an access token (environment variable unset); the factory throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        createAdminApiClient({ storeDomain: STORE, apiVersion: '2026-01', accessToken: '' }),
      ),
    )
    add(
      'the client was created with an empty store domain; the factory throws "a valid store domain must be provided" (cause: a bare Error)',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        createAdminApiClient({ storeDomain: '', apiVersion: '2026-01', accessToken: 'shpat_x' }),
      ),
    )
    add(
      'the client was created with retries 5 (the limit is 3); the factory throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        createAdminApiClient({
          storeDomain: STORE,
          apiVersion: '2026-01',
          accessToken: 'shpat_x',
          retries: 5,
        }),
      ),
    )
    add(
      'request() was given an operation with @defer; the client throws "use requestStream() instead" before sending',
      'our call broke the client contract (plain Error): 500',
      { status: 500 },
      await rejectionOf(() => shop.request('query { shop { name ... @defer { description } } }')),
    )

    up.reply('hang')
    add(
      'fetch() with AbortSignal.timeout(250) on a store endpoint that never answers; the client rethrows a new Error with only the message "GraphQL Client: The operation was aborted due to timeout"',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() =>
        shop.fetch(QUERY, { variables: { id: 'gid://shopify/Product/1' }, signal: AbortSignal.timeout(250) }),
      ),
    )

    up.reply('reset')
    add(
      'the store endpoint reset the connection (TCP RST); fetch() rethrows a new Error "GraphQL Client: fetch failed", the cause dropped',
      WHY.reset,
      RESET,
      await rejectionOf(() => shop.fetch(QUERY, { variables: { id: 'gid://shopify/Product/1' } })),
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port; fetch() rethrows a new Error "GraphQL Client: fetch failed", the cause dropped',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.fetch(QUERY, { variables: { id: 'gid://shopify/Product/1' } })),
    )
    return cases
  } finally {
    await up.close()
  }
}
