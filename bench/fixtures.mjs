// Real errors, produced once the way an application meets them, for the micro benchmarks.
import { PGlite } from '@electric-sql/pglite'
import createError from 'http-errors'
import { z } from 'zod'
import { closedPort } from '../test/apps/serve.mjs'

/** `fetch failed` (a TypeError from undici) whose cause is the ECONNREFUSED system error. */
async function fetchFailure() {
  try {
    await fetch(`http://127.0.0.1:${await closedPort()}/`)
  } catch (error) {
    return error
  }
  throw new Error('bench: fetch to a closed port succeeded')
}

/** A unique violation (SQLSTATE 23505) from a real Postgres, compiled to WASM by PGlite. */
async function uniqueViolation() {
  const db = new PGlite()
  try {
    await db.exec('CREATE TABLE users (email text PRIMARY KEY)')
    await db.query('INSERT INTO users VALUES ($1)', ['a@example.com'])
    await db.query('INSERT INTO users VALUES ($1)', ['a@example.com'])
  } catch (error) {
    return error
  } finally {
    await db.close()
  }
  throw new Error('bench: the duplicate insert succeeded')
}

function zodFailure() {
  const User = z.object({ email: z.email(), age: z.number().int().min(0) })
  const result = User.safeParse({ email: 'not-an-email', age: -1.5 })
  if (result.success) throw new Error('bench: zod accepted bad input')
  return result.error
}

/** A programmer error, as the runtime throws it: a property read of `undefined`. */
function typeError() {
  try {
    const order = JSON.parse('{}').order
    return order.id
  } catch (error) {
    return error
  }
}

/** `depth` links of plain wrappers, `new Error('…', { cause })`, around `inner`. */
export function causeChain(depth, inner) {
  let value = inner
  for (let i = 1; i < depth; i++) value = new Error(`step ${depth - i} failed`, { cause: value })
  return value
}

/**
 * The mixed set (the nine kinds the speed target names): label → thrown value. `expect` is what http-triage should answer, checked before
 * timing so that a benchmark of a broken classification cannot pass unnoticed.
 */
export async function makeFixtures() {
  const [fetchError, pgError] = await Promise.all([fetchFailure(), uniqueViolation()])
  return [
    { label: 'plain Error', value: new Error('something broke'), expect: 500 },
    { label: 'TypeError (a property of undefined)', value: typeError(), expect: 500 },
    { label: 'http-errors 404', value: createError(404, 'no such order'), expect: 404 },
    { label: 'zod failure', value: zodFailure(), expect: 422 },
    { label: 'fetch failed (ECONNREFUSED)', value: fetchError, expect: 503 },
    { label: 'pg 23505 (PGlite)', value: pgError, expect: 409 },
    { label: 'thrown string', value: 'boom', expect: 500 },
    { label: 'thrown null', value: null, expect: 500 },
    { label: '5-deep chain → pg 23505', value: causeChain(5, pgError), expect: 409 },
  ]
}

/**
 * A fresh copy of a thrown value, made outside the timed region, so that peers that mutate
 * (Boom.boomify, createError) work on a pristine error every time, as they do in production.
 * Same prototype, same own properties (message, stack, cause, code …); the cause is shared.
 */
export function fresh(value) {
  if (value === null || typeof value !== 'object') return value
  return Object.create(Object.getPrototypeOf(value), Object.getOwnPropertyDescriptors(value))
}
