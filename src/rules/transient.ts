import { family } from '../internal/family.js'
import { SYSTEM_CODES } from '../internal/system-codes.js'
import { transientOfCode, transientOfMessage, transientOfName } from '../internal/transient.js'
import type { Verdict } from '../types.js'

/** Names of programmer errors: what their message says is about our code, not a dependency. */
const PROGRAMMER_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError'])
/** A cheap first look: a message without any of these words says nothing about the network. */
const MAYBE =
  /tim|refus|avail|pool|queue|many|max|hang|reset|clos|lost|lock|mutex|sema|host|auth|bad|wrong|invalid/i
/** A system code quoted in the message, in capitals. */
const QUOTED = /\bE[A-Z]{4}/

/**
 * Timeouts, refusals and resets recognised by meaning, for errors no family knows: a system code
 * in `originalCode` or a string `errno` (mail and HTTP clients), the words of a string `code`
 * (`CONNECTION_REFUSED`, `TIMEOUT`, `ServiceUnavailable`), of a class name (`…TimeoutError`,
 * `NoHostAvailableError`), or of the first few hundred characters of a message ("read timeout",
 * "connect ECONNREFUSED 10.0.0.5:5432", "socket hang up"). A message's word is weak: a cause that
 * says more decides.
 */
export const transientRule = family({
  name: 'transient',
  triggers: { always: true },
  catalog: [
    {
      error: '`originalCode` / string `errno` with a system code, e.g. `ECONNREFUSED`',
      verdict: { ...SYSTEM_CODES.ECONNREFUSED, rule: 'transient:ECONNREFUSED' },
    },
    {
      error: 'a string `code` that says refused, e.g. `CONNECTION_REFUSED`',
      verdict: transientOfCode('CONNECTION_REFUSED') as Verdict,
    },
    {
      error: 'a string `code` that says timeout, e.g. `TIMEOUT`, `DEADLINE_EXCEEDED`',
      verdict: transientOfCode('TIMEOUT') as Verdict,
    },
    {
      error: 'a string `code` that says unavailable, e.g. `ServiceUnavailable`',
      verdict: transientOfCode('ServiceUnavailable') as Verdict,
    },
    {
      error: 'a class name `…TimeoutError`, `…TimedOutError`',
      verdict: transientOfName('RequestTimeoutError') as Verdict,
    },
    {
      error: 'a class name `NoHostAvailableError`, `…UnavailableError`',
      verdict: transientOfName('NoHostAvailableError') as Verdict,
    },
    {
      error: 'a message "read timeout", "… timed out"',
      verdict: { ...(transientOfMessage('read timeout') as Verdict), weak: true },
    },
    {
      error: 'a message "… lock … timed out" (a lock wait)',
      verdict: { ...(transientOfMessage('timeout while waiting for lock') as Verdict), weak: true },
    },
    {
      error: 'a message "Connection refused …"',
      verdict: { ...(transientOfMessage('Connection refused') as Verdict), weak: true },
    },
    {
      error: 'a message "socket hang up", "connection closed unexpectedly"',
      verdict: { ...(transientOfMessage('socket hang up') as Verdict), weak: true },
    },
    {
      error: 'a message "pool is full", "too many connections"',
      verdict: { ...(transientOfMessage('pool is full') as Verdict), weak: true },
    },
  ],
  read(value) {
    for (const key of ['originalCode', 'errno']) {
      const code = value.ownKeys.includes(key) ? value.get(key) : undefined
      if (typeof code === 'string' && Object.hasOwn(SYSTEM_CODES, code)) {
        return { ...SYSTEM_CODES[code], rule: `transient:${code}` }
      }
    }
    const code = value.get('code')
    const meaning =
      (typeof code === 'string' ? transientOfCode(code) : undefined) ??
      transientOfName(value.name) ??
      transientOfName(value.constructorName)
    if (meaning) return meaning
    const message = value.message
    if (message === undefined || PROGRAMMER_ERRORS.has(value.name ?? '') || !maybe(message.slice(0, 256))) {
      return undefined
    }
    const said = transientOfMessage(message)
    if (said === undefined) return undefined
    if ('systemCode' in said) {
      const verdict = SYSTEM_CODES[said.systemCode]
      return verdict ? { ...verdict, rule: `transient:${said.systemCode}`, weak: true } : undefined
    }
    return { ...said, weak: true }
  },
})

function maybe(text: string): boolean {
  return MAYBE.test(text) || QUOTED.test(text)
}
