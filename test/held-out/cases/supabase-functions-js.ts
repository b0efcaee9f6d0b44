/**
 * @supabase/functions-js (Supabase Edge Functions client): a route of ours calls
 * `functions.invoke('send-invoice', { body })` on a loopback fake of `<project>/functions/v1`.
 * `invoke` resolves `{ data, error }`; the route throws `error` as supabase-js apps do, and that
 * error is what is collected (FunctionsHttpError with the Response as `context`, FunctionsFetchError
 * with the fetch error as `context`, or the parse error itself).
 */
import { FunctionsClient } from '@supabase/functions-js'
import type { HeldOutCase } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runMatrix } from './support/saas-matrix.js'

const library = '@supabase/functions-js'

function functions(base: string): FunctionsClient {
  return new FunctionsClient(`${base}/functions/v1`, {
    headers: { Authorization: 'Bearer service-role-key', apikey: 'anon-key' },
  })
}

/** What our route does: invoke, and throw the returned error. */
function send(client: FunctionsClient, timeout?: number): () => Promise<unknown> {
  return async () => {
    const { data, error } = await client.invoke('send-invoice', {
      body: { invoiceId: 'inv_0042', email: 'ada@example.com' },
      ...(timeout !== undefined ? { timeout } : {}),
    })
    if (error) throw error
    return data
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const ok = functions(up.url)
    const down = functions(`http://127.0.0.1:${port}`)
    return await runMatrix({
      library,
      up,
      call: send(ok),
      refused: send(down),
      timeout: send(ok, 250),
      body: (_status, message) => ({ error: message }),
      conflict: [409, 'Invoice inv_0042 was already sent'],
      keepsRetryAfter: { 429: true, 503: true },
      settings:
        'invoke resolves { error } and the route throws it; no retries; invoke({ timeout: 250 }) where set',
    })
  } finally {
    await up.close()
  }
}
