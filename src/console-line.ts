import { get, getString, messageOf, nameOf } from './internal/safe.js'
import { sanitizeText } from './internal/text.js'
import type { LogReport } from './log.js'

const MAX_LINE_TEXT = 300
const MAX_CAUSES = 3

/**
 * One readable line per error for `log: console`: status, code, method and path, rule, request id
 * and the error's first line; for a 5xx, its stack and causes follow. A structured logger gets the
 * report itself; a console prints objects over dozens of lines (a validation error's regex, a
 * driver's `detail` with the user's data).
 */
export function consoleLine(report: LogReport): string {
  const { method, url } = report.req
  const parts = [`http-triage: ${report.status} ${report.code}`]
  if (method !== undefined || url !== undefined) parts.push(sanitizeText(`${method ?? ''} ${url ?? ''}`, 200))
  parts.push(`rule=${report.rule}`, `request_id=${report.request_id}`)
  if (report.duration_ms !== undefined) parts.push(`duration_ms=${report.duration_ms}`)
  if (report.headers_sent) parts.push('headers_sent')
  parts.push(`- ${firstLine(report.err)}`)
  const line = parts.join(' ')
  if (report.status < 500) return line
  return line + stackOf(report.err) + causesOf(report.err)
}

/** `Name: first line of the message`, made safe for one log line. */
function firstLine(value: unknown): string {
  if (typeof value === 'string')
    return sanitizeText(JSON.stringify(value.slice(0, MAX_LINE_TEXT)), MAX_LINE_TEXT)
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value)
  const name = nameOf(value) ?? 'Error'
  const message = messageOf(value)
  if (message === undefined) return sanitizeText(name, 100)
  const newline = message.search(/[\r\n]/)
  return sanitizeText(`${name}: ${newline === -1 ? message : message.slice(0, newline)}`, MAX_LINE_TEXT)
}

/** The stack's frames (what follows the message), as the stack has them. */
function stackOf(value: unknown): string {
  const stack = getString(value, 'stack')
  if (stack === undefined) return ''
  const frames = stack.indexOf('\n    at ')
  return frames === -1 ? '' : stack.slice(frames, frames + 8192)
}

function causesOf(value: unknown): string {
  let out = ''
  let current = get(value, 'cause')
  for (let i = 0; i < MAX_CAUSES && current !== undefined; i++) {
    out += `\n  [cause] ${firstLine(current)}`
    current = get(current, 'cause')
  }
  return out
}
