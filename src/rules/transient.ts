import { family } from '../internal/family.js'
import { meaningOf, messageMeaningOf } from '../internal/transient.js'

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
  read: (value) => meaningOf(value, 'transient'),
  // A message's words are read last, and only if nothing in the chain says more.
  late: (value) => messageMeaningOf(value, 'transient'),
})
