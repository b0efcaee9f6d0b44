/** The longest delay accepted from an error or an upstream, one day: anything longer is a bug. */
export const MAX_RETRY_AFTER = 86_400

/** Normalises a number of seconds: a non-negative whole number, capped at a day. */
export function toRetryAfterSeconds(seconds: unknown): number | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined
  return Math.min(MAX_RETRY_AFTER, Math.ceil(seconds))
}

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)'
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)'
const TIME = '\\d\\d:\\d\\d:\\d\\d'
// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient accepts.
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d\\d ${MONTH} \\d{4} ${TIME} GMT|${DAY}[a-z]{3,6}, \\d\\d-${MONTH}-\\d\\d ${TIME} GMT|${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4})$`,
)

/**
 * Parses a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date, which becomes
 * the seconds from `now`; capped at a day. A number is taken as seconds. Anything else (`-1`,
 * `1e+308`, `Infinity`, `0x10`, `5 X: y`) is no delay.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') return toRetryAfterSeconds(value)
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return undefined
  const text = value.trim()
  if (/^\d{1,16}$/.test(text)) return toRetryAfterSeconds(Number(text))
  if (!HTTP_DATE.test(text)) return undefined
  // asctime has no zone: it is GMT too.
  const date = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`)
  if (Number.isNaN(date)) return undefined
  return toRetryAfterSeconds(Math.max(0, (date - now) / 1000))
}
