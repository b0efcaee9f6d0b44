import Heroku from 'heroku-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'heroku-client'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // A non-2xx answer rejects with a plain Error carrying `statusCode` and the parsed `body`, never
  // retried; network errors are retried 4 times (1, 2, 4, 8 s).
  const heroku = new Heroku({ token: 'heroku-api-key-not-real', host: up.url })
  const app = () => heroku.get('/apps/shop-api-production')
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; heroku-client')
  try {
    up.reply({ status: 401, body: { id: 'unauthorized', message: 'Invalid credentials provided.' } })
    add(
      'Heroku Platform API answered 401 { id: "unauthorized" } to our API key (plain Error with statusCode and body)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(app),
      401,
    )

    up.reply({ status: 404, body: { id: 'not_found', message: "Couldn't find that app.", resource: 'app' } })
    add(
      'Heroku Platform API answered 404 not_found for the app name our server is configured with',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(app),
      404,
    )

    up.reply({ status: 422, body: { id: 'invalid_params', message: 'Name must start with a letter.' } })
    add(
      'Heroku Platform API answered 422 invalid_params to the config vars our server tried to set',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() =>
        heroku.patch('/apps/shop-api-production/config-vars', { body: { '9LIVES': 'x' } }),
      ),
      422,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: {
        id: 'rate_limit',
        message: 'Your account reached the API rate limit. Please wait a few minutes.',
      },
    })
    add(
      'Heroku Platform API answered 429 rate_limit with Retry-After: 7 (the Error keeps the body only)',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(app),
      429,
    )

    up.reply({ status: 500, body: { id: 'internal_server_error', message: 'Internal server error.' } })
    add(
      'Heroku Platform API answered 500 internal_server_error',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(app),
      500,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { id: 'unavailable', message: 'API is temporarily unavailable. Please try again later.' },
    })
    add(
      'Heroku Platform API answered 503 unavailable with Retry-After: 7 (the Error keeps the body only)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(app),
      503,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<!DOCTYPE html><html><head><title>Application Error</title></head><body></body></html>',
    })
    add(
      'the API host answered 200 with an HTML error page; heroku-client rejects with the bare SyntaxError of ' +
        'JSON.parse',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(app),
    )

    up.reply('hang')
    add(
      'the client\'s own 250 ms timeout fired on an API that never answers (plain Error "Request took longer ' +
        'than 250ms")',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => heroku.get('/apps/shop-api-production', { timeout: 250 })),
    )

    const refused = new Heroku({
      token: 'heroku-api-key-not-real',
      host: `http://127.0.0.1:${await closedPort()}`,
    })
    add(
      'connection refused by a closed loopback port, after the client retried 4 times (1, 2, 4, 8 s)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.get('/apps/shop-api-production')),
    )
    return cases
  } finally {
    await up.close()
  }
}
