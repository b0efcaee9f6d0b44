import { giteaApi } from 'gitea-js'
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

const library = 'gitea-js'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const api = giteaApi(up.url, { token: 'gitea-token-123' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Gitea"' },
      body: { message: 'token is required', url: 'https://gitea.example/api/swagger' },
    })
    cases.push({
      library,
      what: 'upstream 401 to our token: the client throws the fetch Response itself (status 401, ok false, headers, error = parsed body)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => api.user.userGetCurrent()),
    })
    up.reply({ status: 404, body: { errors: [], message: 'The target couldn\u2019t be found.' } })
    cases.push({
      library,
      what: 'upstream 404 for a repository (a thrown Response, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => api.repos.repoGet('acme', 'missing')),
    })
    up.reply({ status: 422, body: { message: 'repository name is invalid', url: '' } })
    cases.push({
      library,
      what: 'upstream 422 to creating a repository (a thrown Response, status 422)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => api.user.createCurrentUserRepo({ name: '../bad' })),
    })
    up.reply({ status: 429, headers: RETRY_AFTER, body: { message: 'rate limit exceeded' } })
    cases.push({
      library,
      what: 'upstream 429 with Retry-After: 7 (a thrown Response, status 429, headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => api.user.userGetCurrent()),
    })
    up.reply({ status: 500, body: { message: 'internal error' } })
    cases.push({
      library,
      what: 'upstream 500 (a thrown Response, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => api.user.userGetCurrent()),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'upstream 503 with Retry-After: 7 and a text body (a thrown Response, status 503, error = the JSON SyntaxError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => api.user.userGetCurrent()),
    })
    up.reply('hang')
    // gitea-js has no timeout option; the request's own signal is the client-side equivalent.
    cases.push({
      library,
      what: 'the request signal AbortSignal.timeout(250) fired against a hanging upstream (raw DOMException TimeoutError)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => api.user.userGetCurrent({ signal: AbortSignal.timeout(250) })),
    })
    const down = giteaApi(`http://127.0.0.1:${refusedPort}`, { token: 'gitea-token-123' })
    cases.push({
      library,
      what: 'the Gitea port refuses (TypeError fetch failed, cause ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => down.user.userGetCurrent()),
    })
    return cases
  } finally {
    await up.close()
  }
}
