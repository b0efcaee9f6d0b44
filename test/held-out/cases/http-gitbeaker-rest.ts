import { Gitlab } from '@gitbeaker/rest'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@gitbeaker/rest'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // gitbeaker retries 429 and 502 ten times with no option to turn it off, so no case answers
  // those; it retries nothing else.
  const gitlab = new Gitlab({ host: up.url, token: 'glpat-test', queryTimeout: 250 })
  const showProject = () => gitlab.Projects.show(42)
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="", error="invalid_token"' },
      body: { message: '401 Unauthorized' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our token (GitbeakerRequestError, request and response in its cause)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(showProject),
    })

    up.reply({ status: 404, body: { message: '404 Project Not Found' } })
    cases.push({
      library,
      what: 'upstream answered 404 Project Not Found (GitbeakerRequestError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(showProject),
    })

    up.reply({ status: 500, body: { message: '500 Internal Server Error' } })
    cases.push({
      library,
      what: 'upstream answered 500 (GitbeakerRequestError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(showProject),
    })

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/html' },
      body: '<html><body>GitLab is not responding</body></html>',
    })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 and an HTML page (GitbeakerRequestError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => gitlab.Issues.create(42, 'Broken build')),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms queryTimeout fired (GitbeakerTimeoutError, no cause)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(showProject),
    })

    const port = await closedPort()
    const offline = new Gitlab({ host: `http://127.0.0.1:${port}`, token: 'glpat-test' })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (fetch failed TypeError, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.Projects.show(42)),
    })
    return cases
  } finally {
    await up.close()
  }
}
