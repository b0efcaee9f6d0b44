import bcrypt from 'bcryptjs'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'bcryptjs'

// A login handler that checks the posted password against the hash stored in our users table, and
// a sign-up handler that hashes it. Every failure here is ours: a corrupt hash in our database, a
// salt or cost factor from our config, or a missing field we passed on without validating.
// (A plaintext or wrong-length "hash" in the table does not throw: compare() resolves false.)
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const stored = await bcrypt.hash('correct horse', 4)

  cases.push({
    library,
    what: 'login: compare() against a stored hash whose prefix was corrupted to "$3a$": Error "Invalid salt version: $3"',
    why: 'invalid hash stored in our database: our bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => bcrypt.compare('correct horse', `$3a${stored.slice(3)}`)),
  })
  cases.push({
    library,
    what: 'login: compare() against a stored hash whose cost field reads 99: Error "Illegal number of rounds (4-31): 99"',
    why: 'invalid hash stored in our database: our bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      bcrypt.compare('correct horse', `${stored.slice(0, 4)}99${stored.slice(6)}`),
    ),
  })
  cases.push({
    library,
    what: 'login: the body had no password and we passed undefined to compare(): Error "Illegal arguments: undefined, string"',
    why: 'our handler passed an unvalidated field on: our bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => bcrypt.compare(undefined as unknown as string, stored)),
  })
  cases.push({
    library,
    what: 'login: the user row had a NULL password_hash and we passed it to compare(): Error "Illegal arguments: string, object"',
    why: 'our data/handler bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => bcrypt.compare('correct horse', null as unknown as string)),
  })
  cases.push({
    library,
    what: 'sign-up: hash() with a salt string "pepper" from our config: Error "Invalid salt version: pe"',
    why: 'our misconfiguration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => bcrypt.hash('correct horse', 'pepper')),
  })
  cases.push({
    library,
    what: 'sign-up: genSalt() with the cost read from env as the string "ten": Error "illegal arguments: string"',
    why: 'our misconfiguration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => bcrypt.genSalt('ten' as unknown as number)),
  })
  return cases
}
