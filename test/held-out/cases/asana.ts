/**
 * asana (Asana's official Node SDK, v3, swagger-codegen over superagent): a route of ours shows a
 * task and calls `new TasksApi(client).getTask(gid)` against a loopback fake of the API
 * (`ApiClient.basePath`). Errors are superagent's, rejected as they come.
 */
import { ApiClient, TasksApi } from 'asana'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = 'asana'

function tasks(basePath: string, timeout = 60_000): TasksApi {
  const client = new ApiClient()
  client.basePath = basePath
  client.timeout = timeout
  ;(client.authentications as unknown as Record<string, { accessToken?: string }>).token!.accessToken =
    'asana-pat-0123456789'
  return new TasksApi(client)
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const ok = tasks(`${up.url}/api/1.0`)
    const slow = tasks(`${up.url}/api/1.0`, 250)
    const down = tasks(`http://127.0.0.1:${port}/api/1.0`)
    const get = (api: TasksApi) => () => api.getTask('1204567890123456', { opt_fields: 'name,completed' })
    const cases = await runMatrix({
      library,
      up,
      call: get(ok),
      refused: get(down),
      timeout: get(slow),
      body: (_status, message) => ({
        errors: [{ message, help: 'For more information on API status codes…' }],
      }),
      conflict: [409, 'The task has been modified by another request'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'the SDK does not retry; ApiClient.timeout 250 ms where set',
    })
    // Our bug: the token is set by replacing the auth entry, which drops its `type`; the SDK
    // throws before any request is made.
    const client = new ApiClient()
    client.basePath = `${up.url}/api/1.0`
    ;(client.authentications as unknown as Record<string, unknown>).token = {
      accessToken: 'asana-pat-0123456789',
    }
    up.reply({ status: 200, body: { data: { gid: '1' } } })
    const error = await rejectionOf(get(new TasksApi(client)))
    cases.push({
      library,
      what: `our code replaced client.authentications.token with { accessToken } (no type); getTask threw before any request (${describe(error)})`,
      why: 'our own bug / misconfiguration: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}
