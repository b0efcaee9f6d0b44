import argon2 from 'argon2'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'argon2'

// A login handler that verifies the posted password against the hash in our users table, and a
// sign-up handler that hashes it with options from our config. Each failure is ours (a corrupt or
// legacy value in our database, bad options, an unvalidated field). A bcrypt hash in the table, or
// an unknown PHC parameter, does not throw: verify() resolves false.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const stored = await argon2.hash('correct horse', { memoryCost: 1024, timeCost: 2 })

  cases.push({
    library,
    what: 'login: verify() against a row whose password column holds the plaintext "hunter2": TypeError "pchstr must contain a $ as first char"',
    why: 'invalid hash stored in our database: our bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => argon2.verify('hunter2', 'correct horse')),
  })
  cases.push({
    library,
    what: 'login: verify() against a hash truncated by a too-short column: TypeError "Cannot read properties of undefined (reading \'byteLength\')"',
    why: 'invalid hash stored in our database: our bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => argon2.verify(stored.slice(0, 40), 'correct horse')),
  })
  cases.push({
    library,
    what: 'login: the user row had a NULL password hash: TypeError "pchstr must be a non-empty string"',
    why: 'our data/handler bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => argon2.verify(undefined as unknown as string, 'correct horse')),
  })
  cases.push({
    library,
    what: 'sign-up: the body had no password and we hashed undefined: TypeError ERR_INVALID_ARG_TYPE "The first argument must be of type string or an instance of Buffer…"',
    why: 'our handler passed an unvalidated field on: our bug, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => argon2.hash(undefined as unknown as string)),
  })
  cases.push({
    library,
    what: 'sign-up: hash() with memoryCost 1 from our config: Error "Memory cost is too small"',
    why: 'our misconfiguration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => argon2.hash('correct horse', { memoryCost: 1 })),
  })
  cases.push({
    library,
    what: 'sign-up: hash() with memoryCost 2^32 from our config: RangeError "Memory cost is too large"',
    why: 'our misconfiguration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => argon2.hash('correct horse', { memoryCost: 2 ** 32 })),
  })
  return cases
}
