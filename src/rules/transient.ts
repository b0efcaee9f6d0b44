import { family } from '../internal/family.js'
import { meaningOf, messageMeaningOf, transientOfName } from '../internal/transient.js'

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
  // A code (its words, or a system code), a code kept aside, or a name whose words say a fault; a
  // message's words may be anyone's, so the late reader reads every value.
  triggers: {
    present: ['code'],
    keys: ['originalCode', 'errno', 'type'],
    nameTest: (name) => transientOfName(name) !== undefined,
    lateAlways: true,
  },
  read: (value) => meaningOf(value, 'transient'),
  // A message's words are read last, and only if nothing in the chain says more.
  late: (value) => messageMeaningOf(value, 'transient'),
})
