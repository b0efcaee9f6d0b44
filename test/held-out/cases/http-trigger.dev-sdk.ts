import { TriggerClient } from '@trigger.dev/sdk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@trigger.dev/sdk'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const config = (baseURL: string) => ({
    baseURL,
    accessToken: 'tr_dev_notARealSecretKey0000',
    requestOptions: { retry: { maxAttempts: 1 } },
  })
  const client = new TriggerClient(config(up.url))
  const trigger = (c = client) => c.tasks.trigger('send-welcome-email', { userId: 'user_42', locale: 'en' })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; retry maxAttempts 1')
  try {
    up.reply({ status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { error: 'Invalid API Key' } })
    add(
      'Trigger.dev API answered 401 "Invalid API Key" to tasks.trigger',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => trigger()),
      401,
    )

    up.reply({ status: 404, body: { error: 'Task not found: send-welcome-email' } })
    add(
      'Trigger.dev API answered 404 for a task id that is not deployed',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => trigger()),
      404,
    )

    up.reply({
      status: 422,
      body: {
        error: 'Payload is too large. Maximum size is 3MB',
        code: 'payload_too_large',
        param: 'payload',
      },
    })
    add(
      'Trigger.dev API answered 422 with error, code and param to the payload our server built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => trigger()),
      422,
    )

    up.reply({
      status: 429,
      headers: { ...RETRY_AFTER, 'x-ratelimit-reset': '1893456000000' },
      body: { error: 'Rate limit exceeded' },
    })
    add(
      'Trigger.dev API answered 429 with Retry-After: 7 (RateLimitError keeps the response headers)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => trigger()),
      429,
    )

    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'Rate limit exceeded' } })
    add(
      'batch.trigger: the batch-create call answered 429 with Retry-After: 7; the SDK wraps it in a BatchTriggerError',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() =>
        client.tasks.batchTrigger('send-welcome-email', [
          { payload: { userId: 'a' } },
          { payload: { userId: 'b' } },
        ]),
      ),
      429,
    )

    up.reply({ status: 500, body: { error: 'Internal Server Error' } })
    add(
      'Trigger.dev API answered 500',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => trigger()),
      500,
    )

    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'Service Unavailable' } })
    add(
      'Trigger.dev API answered 503 with Retry-After: 7 (an InternalServerError that keeps the headers)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => trigger()),
      503,
    )

    up.reply({ status: 200, body: { id: 'run_1234', status: 'RUNNING_LATE' } })
    add(
      "Trigger.dev API answered 200 with a run object that fails the SDK's response schema (ApiSchemaValidationError)",
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => client.runs.retrieve('run_1234')),
    )

    up.reply('reset')
    add(
      'Trigger.dev API reset the connection (ApiConnectionError "Connection error." with the fetch failure as cause)',
      WHY.reset,
      RESET,
      await rejectionOf(() => trigger()),
    )

    const refused = new TriggerClient(config(`http://127.0.0.1:${await closedPort()}`))
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => trigger(refused)),
    )

    const unconfigured = new TriggerClient({ baseURL: up.url })
    add(
      'tasks.trigger from a client with no access token (TRIGGER_SECRET_KEY unset)',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => trigger(unconfigured)),
    )
    return cases
  } finally {
    await up.close()
  }
}
