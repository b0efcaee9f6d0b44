import { family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'
import { meaningOf, messageMeaningOf, transientOfName } from '../internal/transient.js'
import { UNAVAILABLE } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

/**
 * Timeouts, refusals and resets recognised by meaning, for errors no family knows: a system code
 * in `originalCode` or a string `errno` (mail and HTTP clients), the words of a string `code`
 * (`CONNECTION_REFUSED`, `TIMEOUT`, `ServiceUnavailable`), of a class name (`…TimeoutError`,
 * `NoHostAvailableError`), or of the first few hundred characters of a message ("read timeout",
 * "connect ECONNREFUSED 10.0.0.5:5432", "socket hang up"), and a line protocol's transient reply.
 * A message's word is weak: a cause that says more decides.
 */
export const transientRule = family({
  name: 'transient',
  // A code (its words, or a system code), a code kept aside, or a name whose words say a fault; a
  // message's words may be anyone's, so the late reader reads every value.
  triggers: {
    present: ['code'],
    keys: ['originalCode', 'errno', 'type'],
    nameTest: (name) => transientOfName(name) !== undefined,
    lateAlways: true,
  },
  read: (value) => meaningOf(value, 'transient') ?? transientReply(value),
  // A message's words are read last, and only if nothing in the chain says more.
  late: (value) => messageMeaningOf(value, 'transient'),
})

const TRANSIENT_REPLY: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:reply' })

/**
 * A line protocol's reply that its client reports as it came (FTP's, SMTP's, NNTP's: the numeric
 * `code` is the number the message begins with, `421 Too many users`): its 4yz replies are
 * transient negative completions (RFC 959 §4.2, RFC 5321 §4.2.1), a server that cannot take the
 * command now: 503. Its 5yz replies are permanent, about our command or account: the fallback's 500.
 */
function transientReply(value: Probe): Verdict | undefined {
  const code = value.get('code')
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 400 || code > 499) return undefined
  const message = value.message?.trimStart()
  if (message === undefined || !message.startsWith(String(code))) return undefined
  const next = message.charCodeAt(3)
  return Number.isNaN(next) || next === 32 || next === 45 ? TRANSIENT_REPLY : undefined
}
