import { fetchWithRetry } from './client-retry.js'

/** What an http-triage server sends on error (RFC 9457 Problem Details). */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string // stable: branch on this, not on `detail`
  request_id: string // quote this in a support ticket
  errors?: { path: string; message: string; code: string }[] // validation issues (422)
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail} (request ${problem.request_id})`)
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetchWithRetry(url)
  if (response.ok) return (await response.json()) as T
  const type = response.headers.get('content-type') ?? ''
  if (type.startsWith('application/problem+json')) throw new ApiError((await response.json()) as Problem)
  throw new Error(`${response.status} ${response.statusText}`) // not from the API (a proxy, a CDN …)
}
