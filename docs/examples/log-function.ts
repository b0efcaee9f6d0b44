import type { LogReport } from 'http-triage'
import { errorHandler } from 'http-triage/fetch'

export const seen: string[] = []

export const onError = errorHandler({
  log: (report: LogReport, level, message) => {
    // report: { err, req: { method, url }, res: { statusCode }, status, code, rule, retryable, request_id, classification }
    seen.push(
      `${level} ${message} ${report.status} ${report.code} rule=${report.rule} id=${report.request_id}`,
    )
  },
})
