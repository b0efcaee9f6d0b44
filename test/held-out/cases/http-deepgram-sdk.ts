import { DeepgramClient } from '@deepgram/sdk'
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

const library = '@deepgram/sdk'

/** Deepgram's error body. */
const dgError = (err_code: string, err_msg: string) => ({ err_code, err_msg, request_id: 'req-1' })

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const client = new DeepgramClient({
    apiKey: 'dg-test-key',
    baseUrl: up.url,
    maxRetries: 0,
    timeoutInSeconds: 0.25,
  })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Token realm="Deepgram"' },
      body: dgError('INVALID_AUTH', 'Invalid credentials.'),
    })
    cases.push({
      library,
      what: 'upstream 401 INVALID_AUTH to our API key (DeepgramError, statusCode 401, body, rawResponse)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => client.manage.v1.projects.list()),
    })
    up.reply({ status: 400, body: dgError('Bad Request', 'Invalid project id.') })
    cases.push({
      library,
      what: 'upstream 400 on an endpoint that declares it (the generated BadRequestError, a DeepgramError subclass, statusCode 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.manage.v1.projects.get('project-1')),
    })
    up.reply({ status: 404, body: dgError('NOT_FOUND', 'Project not found.') })
    cases.push({
      library,
      what: 'upstream 404 for a project (DeepgramError, statusCode 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.manage.v1.projects.get('project-1')),
    })
    up.reply({ status: 429, headers: RETRY_AFTER, body: dgError('TOO_MANY_REQUESTS', 'Too many requests.') })
    cases.push({
      library,
      what: 'upstream 429 with Retry-After: 7 (DeepgramError, statusCode 429, rawResponse.headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => client.manage.v1.projects.list()),
    })
    up.reply({ status: 500, body: dgError('INTERNAL_SERVER_ERROR', 'Something went wrong.') })
    cases.push({
      library,
      what: 'upstream 500 (DeepgramError, statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => client.manage.v1.projects.list()),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: dgError('SERVICE_UNAVAILABLE', 'Try again later.') })
    cases.push({
      library,
      what: 'upstream 503 with Retry-After: 7 (DeepgramError, statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => client.manage.v1.projects.list()),
    })
    up.reply('hang')
    cases.push({
      library,
      what: 'the client timeout (timeoutInSeconds 0.25) against a hanging upstream (not DeepgramTimeoutError: a DeepgramError whose message is \'"timeout"\', cause the string "timeout", no statusCode)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => client.manage.v1.projects.list()),
    })
    const down = new DeepgramClient({
      apiKey: 'dg-test-key',
      baseUrl: `http://127.0.0.1:${refusedPort}`,
      maxRetries: 0,
      timeoutInSeconds: 0.25,
    })
    cases.push({
      library,
      what: 'the API port refuses (DeepgramError "fetch failed", no statusCode, cause TypeError fetch failed → ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => down.manage.v1.projects.list()),
    })
    return cases
  } finally {
    await up.close()
  }
}
