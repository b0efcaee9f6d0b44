import { Version3Client } from 'jira.js'
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
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'jira.js'

const client = (host: string) =>
  new Version3Client({
    host,
    authentication: { basic: { email: 'bot@example.com', apiToken: 'ATATT-test' } },
    baseRequestConfig: { timeout: 250 },
  })

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const jira = client(up.url)
  const getIssue = (c: Version3Client = jira) => c.issues.getIssue({ issueIdOrKey: 'SHOP-1' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'OAuth realm="https%3A%2F%2Fexample.atlassian.net"' },
      body: 'Client must be authenticated to access this resource.',
    })
    cases.push({
      library,
      what: 'upstream 401 to our API token (HttpException, NestJS-like: status 401, code ERR_BAD_REQUEST, response {data,status,statusText}, cause the AxiosError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => getIssue()),
    })
    up.reply({
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
    })
    cases.push({
      library,
      what: 'upstream 404 for an issue (HttpException, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => getIssue()),
    })
    up.reply({
      status: 400,
      body: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } },
    })
    cases.push({
      library,
      what: 'upstream 400 to creating an issue (HttpException, status 400, response.data.errors)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        jira.issues.createIssue({
          fields: { project: { key: 'SHOP' }, summary: '', issuetype: { name: 'Bug' } },
        }),
      ),
    })
    up.reply({ status: 429, headers: RETRY_AFTER, body: 'Rate limit exceeded.' })
    cases.push({
      library,
      what: 'upstream 429 with Retry-After: 7 (HttpException, status 429; the headers only on cause.response)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => getIssue()),
    })
    up.reply({ status: 500, body: { errorMessages: ['Internal server error'] } })
    cases.push({
      library,
      what: 'upstream 500 (HttpException, status 500, code ERR_BAD_RESPONSE)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => getIssue()),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'upstream 503 with Retry-After: 7 (HttpException, status 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => getIssue()),
    })
    up.reply('hang')
    cases.push({
      library,
      what: 'the client timeout (baseRequestConfig.timeout 250) against a hanging upstream (the AxiosError ECONNABORTED, passed through)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => getIssue()),
    })
    cases.push({
      library,
      what: 'the Jira port refuses (the AxiosError ECONNREFUSED, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => getIssue(client(`http://127.0.0.1:${refusedPort}`))),
    })
    return cases
  } finally {
    await up.close()
  }
}
