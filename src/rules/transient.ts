import { family } from '../internal/family.js'
import { SYSTEM_CODES } from '../internal/system-codes.js'
import { meaningOf, transientOfCode, transientOfMessage, transientOfName } from '../internal/transient.js'
import type { Verdict } from '../types.js'

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
  read: (value) => meaningOf(value, 'transient'),
})
