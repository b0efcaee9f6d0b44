// pipedrive (the Pipedrive CRM SDK, API v2, OpenAPI-generated on axios) against a scripted
// loopback Pipedrive: `basePath` is 127.0.0.1. The SDK never retries; `baseOptions: { timeout:
// 250 }` (its Configuration's axios options) gives the timeout case. Its response interceptor
// rejects with the upstream's parsed error body itself (a plain object) whenever a response had a
// body, and with axios's AxiosError otherwise.
import { Configuration, PersonsApi } from 'pipedrive/v2'
import type { HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'pipedrive'

function persons(basePath: string, timeout?: number) {
  const configuration = new Configuration({ apiKey: 'pd-loopback-token', basePath })
  if (timeout !== undefined) configuration.baseOptions = { timeout }
  return new PersonsApi(configuration)
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const AddPersonRequest = { name: 'Ada Lovelace', emails: [{ value: 'ada@example.com', primary: true }] }
    const cases = await runMatrix({
      library,
      up,
      call: () => persons(`${up.url}/api/v2`).addPerson({ AddPersonRequest }),
      refused: () => persons(`http://127.0.0.1:${port}/api/v2`).addPerson({ AddPersonRequest }),
      timeout: () => persons(`${up.url}/api/v2`, 250).addPerson({ AddPersonRequest }),
      timeoutNote: 'the Configuration option `baseOptions: { timeout: 250 }` (axios timeout)',
      body: (status, message) => ({
        success: false,
        error: message,
        errorCode: status,
        error_info: 'Please check the API docs',
      }),
      conflict: [409, 'A person with this email already exists'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'PersonsApi.addPerson (v2), no retries (the SDK has none)',
      // An HTML page is no error here: axios hands an unparsable body back as a string.
      skip: [403, 404, 'html'],
    })
    // The upstream's gateway answered 502 with an HTML page: the rejection is that page, a string.
    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
    })
    const page = await rejectionOf(() => persons(`${up.url}/api/v2`).addPerson({ AddPersonRequest }))
    cases.push({
      library,
      what: `upstream gateway answered 502 with an HTML page; the SDK rejects with the page itself (${describe(page)})`,
      why: 'upstream answered badly (5xx): 502',
      upstreamStatus: 502,
      expect: { status: 502, retryable: true },
      error: page,
    })
    // Our own bug: a required path parameter missing (id undefined from an unparsed route param).
    const params: { id?: number } = {}
    const missing = await rejectionOf(() =>
      persons(`${up.url}/api/v2`).getPerson({ id: params.id as number }),
    )
    cases.push({
      library,
      what: `PersonsApi.getPerson({ id: undefined }): the SDK rejects before sending (${describe(missing)})`,
      why: 'our own bug (required argument missing): 500',
      expect: { status: 500 },
      error: missing,
    })
    return cases
  } finally {
    await up.close()
  }
}
