import { neon, neonConfig } from '@neondatabase/serverless'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@neondatabase/serverless'

const URL = 'postgresql://app:secret@ep-quiet-sun-123456.us-east-2.aws.neon.tech/shop?sslmode=require'

/** What Neon's SQL-over-HTTP endpoint answers (HTTP 400) for a Postgres error. */
const pgError = (code: string, message: string, extra: Record<string, string> = {}) => ({
  status: 400,
  body: { message, code, severity: 'ERROR', ...extra },
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const before = neonConfig.fetchEndpoint
  let endpoint = `${up.url}/sql`
  neonConfig.fetchEndpoint = () => endpoint
  const sql = neon(URL)
  const cases: HeldOutCase[] = []
  try {
    up.reply(
      pgError('23505', 'duplicate key value violates unique constraint "users_email_key"', {
        detail: 'Key (email)=(a@example.com) already exists.',
        constraint: 'users_email_key',
        table: 'users',
      }),
    )
    cases.push({
      library,
      what: 'an INSERT that breaks a unique constraint: HTTP 400 from the SQL endpoint (NeonDbError code 23505, constraint, detail)',
      why: 'conflicts: unique violation (pg 23505), 409',
      upstreamStatus: 400,
      expect: { status: 409 },
      error: await rejectionOf(() => sql`INSERT INTO users (email) VALUES (${'a@example.com'})`),
    })
    up.reply(
      pgError('23502', 'null value in column "name" of relation "users" violates not-null constraint', {
        column: 'name',
        table: 'users',
      }),
    )
    cases.push({
      library,
      what: 'an INSERT without a NOT NULL column: HTTP 400 (NeonDbError code 23502)',
      why: 'schema validation: database not-null violation, 422',
      upstreamStatus: 400,
      expect: { status: 422 },
      error: await rejectionOf(() => sql`INSERT INTO users (email) VALUES (${'b@example.com'})`),
    })
    up.reply(pgError('40P01', 'deadlock detected'))
    cases.push({
      library,
      what: 'an UPDATE chosen as a deadlock victim: HTTP 400 (NeonDbError code 40P01)',
      why: 'dependency unavailable: contention that a retry fixes (pg 40P01), 503',
      upstreamStatus: 400,
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => sql`UPDATE stock SET n = n - 1 WHERE sku = ${'a-1'}`),
    })
    up.reply(pgError('57014', 'canceling statement due to statement timeout'))
    cases.push({
      library,
      what: 'a query over statement_timeout: HTTP 400 (NeonDbError code 57014)',
      why: 'dependency too slow: statement timeout (pg 57014), 504',
      upstreamStatus: 400,
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => sql`SELECT pg_sleep(60)`),
    })
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: 'authentication failed: password authentication failed for user "app"',
    })
    cases.push({
      library,
      what: 'the SQL endpoint answers 401 to our credentials (NeonDbError "Server error (HTTP status 401): …", the status only in the message)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => sql`SELECT 1`),
    })
    up.reply({ status: 500, body: 'internal error' })
    cases.push({
      library,
      what: 'the SQL endpoint answers 500 (NeonDbError "Server error (HTTP status 500): internal error")',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => sql`SELECT 1`),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'compute is starting' })
    cases.push({
      library,
      what: 'the SQL endpoint answers 503 with Retry-After: 7 (NeonDbError "Server error (HTTP status 503): …", headers dropped)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(() => sql`SELECT 1`),
    })
    up.reply('hang')
    // The driver has no timeout option; a fetchOptions signal is the client-side equivalent.
    cases.push({
      library,
      what: 'fetchOptions.signal AbortSignal.timeout(250) against a hanging endpoint (NeonDbError "Error connecting to database: TimeoutError: …", sourceError DOMException TimeoutError)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() =>
        sql.query('SELECT 1', [], { fetchOptions: { signal: AbortSignal.timeout(250) } }),
      ),
    })
    endpoint = `http://127.0.0.1:${refusedPort}/sql`
    cases.push({
      library,
      what: 'the SQL endpoint refuses (NeonDbError "Error connecting to database: TypeError: fetch failed", sourceError TypeError → cause ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => sql`SELECT 1`),
    })
    return cases
  } finally {
    neonConfig.fetchEndpoint = before
    await up.close()
  }
}
