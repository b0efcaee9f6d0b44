import { TodoistApi } from '@doist/todoist-api-typescript'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@doist/todoist-api-typescript'

const TASK = '6X7rM8997g3RQmvh'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = new TodoistApi('not-a-real-todoist-token', { baseUrl: up.url })
  const cases: HeldOutCase[] = []
  // HTTP errors become TodoistRequestError { httpStatusCode, responseData }; the response headers are not kept.
  const add = caseAdder(library, cases, '; the SDK retries network errors only (3 times), 30 s timeout')
  try {
    up.reply({ status: 401, headers: { 'content-type': 'text/plain' }, body: 'Forbidden' })
    add(
      'API answered 401 "Forbidden" to our token; the error keeps it as httpStatusCode',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => api.getTask(TASK)),
      401,
    )

    up.reply({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'Task not found' })
    add(
      'API answered 404 "Task not found" for the task id',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => api.getTask(TASK)),
      404,
    )

    up.reply({
      status: 400,
      body: {
        error: 'Date is in invalid format',
        error_code: 482,
        error_extra: { argument: 'due_date', event_id: 'c8f3d1a2' },
        error_tag: 'INVALID_DATE_FORMAT',
        http_code: 400,
      },
    })
    add(
      'API answered 400 "Date is in invalid format" (INVALID_DATE_FORMAT) to the task our server added',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => api.addTask({ content: 'Call Ada', dueDate: '31/12/2026' })),
      400,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { error: 'Too many requests', error_code: 35, error_tag: 'LIMITS_REACHED', http_code: 429 },
    })
    add(
      'API answered 429 "Too many requests" with Retry-After: 7, which the TodoistRequestError does not keep',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => api.getTask(TASK)),
      429,
    )

    up.reply({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'Service unavailable' })
    add(
      'API answered 500 "Service unavailable"',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => api.getTask(TASK)),
      500,
    )

    up.reply({
      status: 200,
      body: {
        sync_status: {
          '0b5d1e9a-3f1c-4e6b-8d2a-9c7e5f4a3b21': {
            error: 'Item not found',
            error_code: 22,
            error_extra: { event_id: 'f1e2d3c4', retry_after: 0 },
            error_tag: 'ITEM_NOT_FOUND',
            http_code: 404,
          },
        },
        temp_id_mapping: {},
        items: [],
      },
    })
    add(
      'the Sync API answered 200 whose sync_status reports http_code 404 "Item not found" for the move command; ' +
        'the SDK throws a TodoistRequestError with httpStatusCode 404',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => api.moveTasks([TASK], { projectId: '6Jf8VQXxpwv56VQ7' })),
      404,
    )

    up.reply({ status: 200, body: { id: 8_203_412_998, content: 'Call Ada' } })
    add(
      'API answered 200 with a task that lacks most fields and has a numeric id; ' +
        "the SDK's zod schema rejects the response",
      'upstream answered badly (not the protocol the SDK expects): 502',
      RESET,
      await rejectionOf(() => api.getTask(TASK)),
    )

    up.reply({ status: 200, body: {} })
    add(
      'our server passed the task id as a number (a parsed route parameter); ' +
        "the SDK's zod check of its argument throws",
      "the SDK's validation of our own call: our bug, 500",
      { status: 500 },
      await rejectionOf(() => api.getTask(Number('8203412998') as unknown as string)),
    )

    const refused = new TodoistApi('not-a-real-todoist-token', {
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
    })
    add(
      'connection refused by a closed loopback port, after the SDK\'s 3 retries (TodoistRequestError "fetch failed")',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.getTask(TASK)),
    )
    return cases
  } finally {
    await up.close()
  }
}
