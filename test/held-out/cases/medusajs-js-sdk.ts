// @medusajs/js-sdk (commerce) against a scripted loopback Medusa admin API (`baseUrl`). Non-2xx
// answers become its FetchError (message, statusText, status); transport errors pass through as
// fetch's own. No retries, no timeout of its own: the timeout case passes AbortSignal.timeout(250)
// to `sdk.client.fetch`.
import medusaModule from '@medusajs/js-sdk'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@medusajs/js-sdk'
// Typed as CommonJS (`exports.default`); at run time the class is the default export or its `.default`.
const Medusa = ((medusaModule as unknown as { default?: unknown }).default ??
  medusaModule) as typeof medusaModule.default
const apiKey = 'sk_loopback_medusa'
const product = { title: 'Loopback mug', options: [{ title: 'Size', values: ['M'] }] }

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const sdk = new Medusa({ baseUrl: up.url, apiKey })
    const refusedSdk = new Medusa({ baseUrl: `http://127.0.0.1:${port}`, apiKey })
    const cases = await runMatrix({
      library,
      up,
      call: () => sdk.admin.product.create(product),
      refused: () => refusedSdk.admin.product.create(product),
      timeout: () =>
        sdk.client.fetch('/admin/products', {
          method: 'POST',
          body: product,
          signal: AbortSignal.timeout(250),
        }),
      timeoutNote: 'an AbortSignal.timeout(250) passed to sdk.client.fetch',
      body: (_status, message) => ({ type: 'invalid_data', message }),
      conflict: [409, 'Product with handle: loopback-mug, already exists.'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'POST /admin/products, no retries',
      skip: ['reset', 502, 403],
    })
    // Our own misconfiguration: the base URL env var was empty.
    const badUrl = await rejectionOf(() => new Medusa({ baseUrl: '', apiKey }).admin.product.list())
    cases.push({
      library,
      what: `client built with an empty baseUrl (unset env var): ${describe(badUrl)}`,
      why: 'our server misconfigured: 500',
      expect: { status: 500 },
      error: badUrl,
    })
    // Our own misconfiguration: browser-only token storage chosen on the server.
    const storage = await rejectionOf(() =>
      new Medusa({
        baseUrl: up.url,
        auth: { type: 'jwt', jwtTokenStorageMethod: 'local' },
        // The SDK logs the message with console.error before throwing; keep stderr clean.
        logger: { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} },
      }).store.product.list(),
    )
    cases.push({
      library,
      what: `client configured with jwtTokenStorageMethod "local" on Node: ${describe(storage)}`,
      why: 'our server misconfigured: 500',
      expect: { status: 500 },
      error: storage,
    })
    return cases
  } finally {
    await up.close()
  }
}
