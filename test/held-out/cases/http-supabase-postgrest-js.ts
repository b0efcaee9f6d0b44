import { PostgrestClient } from '@supabase/postgrest-js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@supabase/postgrest-js'

/** PostgREST's error body: the SQLSTATE or PGRST code, as the server sends it. */
function pgrst(code: string, message: string, details: string | null = null) {
  return { code, details, hint: null, message }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client has no retries. throwOnError() makes a query reject with a PostgrestError (it keeps
  // code, details, hint and message of the body, and neither the HTTP status nor the response).
  const client = (url: string) =>
    new PostgrestClient(url, {
      headers: { apikey: 'service-role-test', authorization: 'Bearer x' },
      timeout: 250,
    })
  const db = client(`${up.url}/rest/v1`)
  const select = () => db.from('tasks').select('id, title').eq('owner', 'u1').throwOnError()
  const insert = (row: Record<string, unknown>) => db.from('tasks').insert(row).throwOnError()
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="JWT expired"' },
      body: pgrst('PGRST301', 'JWT expired'),
    })
    cases.push({
      library,
      what: 'PostgREST answered 401 PGRST301 "JWT expired" to our service key (PostgrestError, no status kept)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(select),
    })

    up.reply({
      status: 404,
      body: pgrst('PGRST205', "Could not find the table 'public.tasks' in the schema cache"),
    })
    cases.push({
      library,
      what: 'PostgREST answered 404 PGRST205, the table is not in its schema cache (PostgrestError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(select),
    })

    up.reply({
      status: 409,
      body: pgrst(
        '23505',
        'duplicate key value violates unique constraint "tasks_slug_key"',
        'Key (slug)=(launch) already exists.',
      ),
    })
    cases.push({
      library,
      what: 'PostgREST answered 409 with SQLSTATE 23505, a unique violation of our insert (PostgrestError code 23505)',
      why: 'conflicts: unique violation (pg 23505) in the app database, reported through its REST gateway',
      upstreamStatus: 409,
      expect: { status: 409 },
      error: await rejectionOf(() => insert({ slug: 'launch', title: 'Launch' })),
    })

    up.reply({
      status: 400,
      body: pgrst(
        '23502',
        'null value in column "title" of relation "tasks" violates not-null constraint',
        'Failing row contains (7, launch, null).',
      ),
    })
    cases.push({
      library,
      what: 'PostgREST answered 400 with SQLSTATE 23502, a not-null violation of our insert (PostgrestError)',
      why: 'schema validation: database not-null violation, 422 (upstream 400 not passed through)',
      upstreamStatus: 400,
      expect: { status: 422 },
      error: await rejectionOf(() => insert({ slug: 'launch', title: null })),
    })

    up.reply({ status: 500, body: pgrst('57014', 'canceling statement due to statement timeout') })
    cases.push({
      library,
      what: 'PostgREST answered 500 with SQLSTATE 57014, the statement timeout fired (PostgrestError)',
      why: 'dependency too slow: statement timeout (pg 57014), 504',
      upstreamStatus: 500,
      expect: { status: 504, retryable: true },
      error: await rejectionOf(select),
    })

    up.reply({ status: 500, body: pgrst('XX000', 'could not read block 0 in file "base/16384/16385"') })
    cases.push({
      library,
      what: 'PostgREST answered 500 with SQLSTATE XX000, an internal error of the database (PostgrestError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(select),
    })

    up.reply({
      status: 503,
      body: pgrst('PGRST002', 'Could not query the database for the schema cache. Retrying.'),
    })
    cases.push({
      library,
      what: 'PostgREST answered 503 PGRST002, it cannot reach its database (PostgrestError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(select),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (passed through as fetch threw it)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(select),
    })

    const refused = client(`http://127.0.0.1:${await closedPort()}/rest/v1`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (fetch failed, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.from('tasks').select().throwOnError()),
    })
    return cases
  } finally {
    await up.close()
  }
}
