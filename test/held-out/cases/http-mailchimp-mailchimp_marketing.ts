import mailchimp from '@mailchimp/mailchimp_marketing'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@mailchimp/mailchimp_marketing'

const LIST = 'a1b2c3d4e5'
const PROBLEM = { 'content-type': 'application/problem+json; charset=utf-8' }

/** Mailchimp's error body, RFC 7807 style. */
const problem = (status: number, title: string, detail: string) => ({
  type: 'https://mailchimp.com/developer/marketing/docs/errors/',
  title,
  status,
  detail,
  instance: '0d3b1e6e-6f3a-4b8e-9b1e-2a5f6c3d7e8f',
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The package exports one client (a singleton): point it at the loopback upstream and put it back afterwards.
  const saved = { basePath: mailchimp.basePath, timeout: mailchimp.timeout }
  mailchimp.setConfig({ apiKey: 'not-a-real-key-us21', server: 'us21' })
  mailchimp.basePath = `${up.url}/3.0`
  mailchimp.timeout = 2000
  const member = { email_address: 'ada@example.com', status: 'subscribed' }
  const subscribe = () => mailchimp.lists.addListMember(LIST, member)
  const cases: HeldOutCase[] = []
  // superagent 3.8.1 underneath: an HTTP error carries status and the response (with its headers).
  const add = caseAdder(library, cases, "; the SDK rejects with superagent 3.8.1's error, no retries")
  try {
    up.reply({
      status: 400,
      headers: PROBLEM,
      body: problem(
        400,
        'Member Exists',
        'ada@example.com is already a list member. Use PUT to insert or update list members.',
      ),
    })
    add(
      'API answered 400 "Member Exists" when our server subscribed an address that is already on the list',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => subscribe()),
      400,
    )

    up.reply({
      status: 401,
      headers: PROBLEM,
      body: problem(
        401,
        'API Key Invalid',
        "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
      ),
    })
    add(
      'API answered 401 "API Key Invalid" to our API key',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => subscribe()),
      401,
    )

    up.reply({
      status: 404,
      headers: PROBLEM,
      body: problem(404, 'Resource Not Found', 'The requested resource could not be found.'),
    })
    add(
      'API answered 404 "Resource Not Found" for the audience id our server is configured with',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => mailchimp.lists.getList(LIST)),
      404,
    )

    up.reply({
      status: 429,
      headers: { ...PROBLEM, ...RETRY_AFTER },
      body: problem(429, 'Too Many Requests', 'You have exceeded the limit of 10 simultaneous connections.'),
    })
    add(
      'API answered 429 "Too Many Requests" with Retry-After: 7, which the error keeps in its response headers',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => subscribe()),
      429,
    )

    up.reply({
      status: 500,
      headers: PROBLEM,
      body: problem(500, 'Internal Server Error', 'An unexpected internal error has occurred.'),
    })
    add(
      'API answered 500 "Internal Server Error"',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => subscribe()),
      500,
    )

    up.reply({
      status: 503,
      headers: { 'content-type': 'text/html', ...RETRY_AFTER },
      body: '<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>',
    })
    add(
      'the edge answered 503 with an HTML page and Retry-After: 7, which the error keeps in its response headers',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => subscribe()),
      503,
    )

    up.reply('hang')
    mailchimp.timeout = 250
    add(
      "the client's own 250 ms timeout fired on an API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => subscribe()),
    )
    mailchimp.timeout = 2000
    up.reply({ status: 200, body: {} })

    mailchimp.basePath = `http://127.0.0.1:${await closedPort()}/3.0`
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => subscribe()),
    )
    mailchimp.basePath = `${up.url}/3.0`

    add(
      'our server called addListMember with the audience id of an unset environment variable; the SDK throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        mailchimp.lists.addListMember(process.env.HELD_OUT_AY_UNSET_MAILCHIMP_LIST_ID, member),
      ),
    )
    return cases
  } finally {
    mailchimp.basePath = saved.basePath
    mailchimp.timeout = saved.timeout
    mailchimp.setConfig({ apiKey: '', accessToken: '', server: 'invalid-server' })
    await up.close()
  }
}
