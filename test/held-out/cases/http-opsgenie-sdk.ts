import opsgenie from 'opsgenie-sdk'
import type { Collect, HeldOutCase } from '../case.js'
import {
  REFUSED,
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

const library = 'opsgenie-sdk'

/** What the callback API hands back as its error; throws if the call succeeded. */
function callbackError(run: (cb: (error: unknown, result: unknown) => void) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    run((error) => (error ? resolve(error) : reject(new Error('expected an error'))))
  })
}

const ALERT = { message: 'checkout latency above 2 s', alias: 'checkout-latency', priority: 'P2' }

export const collect: Collect = async () => {
  const up = await startUpstream()
  // On a non-2xx answer the SDK calls back with the parsed JSON body itself plus `httpStatusCode`.
  // requestretry would retry 5xx/429 and network errors 5 times, 5 s apart: one attempt here.
  const once = { maxAttempts: 1 }
  const create = (config: { maxAttempts: number; timeout?: number } = once) =>
    callbackError((cb) => opsgenie.alertV2.create(ALERT, config, cb))
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; opsgenie-sdk alertV2 (requestretry), maxAttempts 1')
  const { log } = console
  // The SDK console.logs every network error.
  console.log = () => {}
  try {
    opsgenie.configure({ api_key: 'genie-key-not-real', host: up.url })

    up.reply({
      status: 401,
      body: {
        message: 'Could not authenticate',
        took: 0.001,
        requestId: '9a6f4a2c-0b6e-4e0d-9e55-9f1d2f3b0c71',
      },
    })
    add(
      'Opsgenie answered 401 "Could not authenticate" to our GenieKey; the callback error is the parsed body ' +
        'object plus httpStatusCode',
      WHY.upstream401,
      UPSTREAM_401,
      await create(),
      401,
    )

    up.reply({
      status: 422,
      body: {
        message: 'Request body is not processable. Please check the errors.',
        errors: { responders: 'Team with name [payments-oncall] does not exist' },
        took: 0.002,
        requestId: '1c0f3b2e-55aa-4f51-8d0b-0f6c3d2a9e10',
      },
    })
    add(
      'Opsgenie answered 422 "Request body is not processable" to the alert our server created (plain object, ' +
        'httpStatusCode 422)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await create(),
      422,
    )

    up.reply({
      status: 404,
      body: {
        message: 'Alert does not exist',
        took: 0.001,
        requestId: '5d7e2f10-3a4b-4c8d-9e0f-112233445566',
      },
    })
    add(
      'Opsgenie answered 404 "Alert does not exist" when our server closed the alert it had opened',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await callbackError((cb) =>
        opsgenie.alertV2.close(
          { identifier: 'checkout-latency', identifierType: 'alias' },
          { note: 'recovered' },
          once,
          cb,
        ),
      ),
      404,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: {
        message: 'You are making too many requests! To avoid errors, we recommend you limit requests.',
      },
    })
    add(
      'Opsgenie answered 429 with Retry-After: 7 (the plain body object keeps no headers)',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await create(),
      429,
    )

    up.reply({ status: 500, body: { message: 'Internal Server Error', took: 0.01, requestId: 'c3d4e5f6' } })
    add(
      'Opsgenie answered 500 (plain body object, httpStatusCode 500)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await create(),
      500,
    )

    up.reply({ status: 503, headers: RETRY_AFTER, body: { message: 'Service Unavailable' } })
    add(
      'Opsgenie answered 503 with Retry-After: 7 (plain body object, headers lost)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await create(),
      503,
    )

    up.reply('hang')
    add(
      "request's own 250 ms timeout (http option timeout) fired on an Opsgenie API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await create({ maxAttempts: 1, timeout: 250 }),
    )

    opsgenie.configure({ host: `http://127.0.0.1:${await closedPort()}` })
    add('connection refused by a closed loopback port', WHY.refused, REFUSED, await create())
    return cases
  } finally {
    console.log = log
    opsgenie.configure({ host: 'https://api.opsgenie.com' })
    await up.close()
  }
}
