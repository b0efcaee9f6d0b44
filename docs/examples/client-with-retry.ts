import { ProblemError, withRetry } from 'http-triage/client'

/**
 * `fetch` that retries what is safe to retry, and throws a ProblemError (with the request id to
 * quote to support) for a final 4xx or 5xx.
 */
export const api = withRetry(fetch, {
  throwOnError: true,
  onRetry: ({ attempt, delay, response, error }) =>
    console.warn(`attempt ${attempt} failed (${response?.status ?? String(error)}), retrying in ${delay} ms`),
})

export async function getOrder(id: string): Promise<unknown> {
  return (await api(`https://api.example.com/orders/${encodeURIComponent(id)}`)).json()
}

/** A POST is retried only because its idempotency key lets the server carry it out once. */
export async function placeOrder(order: { sku: string; quantity: number }): Promise<unknown> {
  try {
    const response = await api('https://api.example.com/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(order),
    })
    return await response.json()
  } catch (error) {
    // Branch on the stable code, never on the wording of `detail`.
    if (error instanceof ProblemError && error.code === 'VALIDATION_FAILED') {
      return { invalid: error.problem?.errors ?? [] }
    }
    throw error
  }
}
