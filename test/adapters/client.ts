import type { LogReport } from '../../src/index.js'
import type { ResponderOptions } from '../../src/respond.js'

/** A response as a client sees it: `body` is the parsed JSON, if the text is JSON. */
export async function get(url: string, init?: RequestInit) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) })
  const text = await response.text()
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, text, body }
}

/** Whether a GET's body arrived whole (`complete`) or the response broke off (`failed`). */
export function outcome(url: string): Promise<'complete' | 'failed'> {
  return fetch(url, { signal: AbortSignal.timeout(5000) })
    .then((response) => response.text())
    .then(
      () => 'complete' as const,
      () => 'failed' as const,
    )
}

/** Options whose log collects the reports. */
export function collect(): { reports: LogReport[]; options: ResponderOptions } {
  const reports: LogReport[] = []
  return { reports, options: { log: (report: LogReport) => void reports.push(report) } }
}
