import { request } from '@octokit/request'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@octokit/request'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // @octokit/request has no retries of its own (that is @octokit/plugin-retry).
  const github = request.defaults({
    baseUrl: up.url,
    headers: { authorization: 'token ghp_test_not_a_token' },
  })
  const getRepo = () => github('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'widgets' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="GitHub"' },
      body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 Bad credentials to our token (RequestError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getRepo),
    })

    up.reply({
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    })
    cases.push({
      library,
      what: 'upstream answered 404 Not Found for a repository (RequestError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getRepo),
    })

    up.reply({
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
        documentation_url: 'https://docs.github.com/rest',
      },
    })
    cases.push({
      library,
      what: 'upstream answered 422 Validation Failed to the issue we tried to create (RequestError)',
      why: 'upstream said 4xx to us (its validation of our request): 500, not our 422',
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        github('POST /repos/{owner}/{repo}/issues', { owner: 'acme', repo: 'widgets', title: '' }),
      ),
    })

    up.reply({
      status: 429,
      headers: { ...RETRY_AFTER, 'x-ratelimit-remaining': '0' },
      body: {
        message: 'You have exceeded a secondary rate limit.',
        documentation_url: 'https://docs.github.com/rest',
      },
    })
    cases.push({
      library,
      what: 'upstream answered 429 secondary rate limit with Retry-After: 7 (RequestError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getRepo),
    })

    up.reply({ status: 502, body: { message: 'Server Error' } })
    cases.push({
      library,
      what: 'upstream answered 502 Server Error (RequestError)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getRepo),
    })

    up.reply({ status: 503, body: 'No server is currently available to service your request.' })
    cases.push({
      library,
      what: 'upstream answered 503 with a text body and no Retry-After (RequestError)',
      why: 'upstream 503: dependency unavailable',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(getRepo),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'a 250 ms AbortSignal.timeout passed as request.signal fired (RequestError wrapping the abort)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() =>
        github('GET /repos/{owner}/{repo}', {
          owner: 'acme',
          repo: 'widgets',
          request: { signal: AbortSignal.timeout(250) },
        }),
      ),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (RequestError status 500 wrapping fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => request('GET /zen', { baseUrl: `http://127.0.0.1:${port}` })),
    })
    return cases
  } finally {
    await up.close()
  }
}
