import { Client } from '@notionhq/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  UPSTREAM_504,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@notionhq/client'

/** Notion's error envelope. */
function apiError(status: number, code: string, message: string) {
  return { object: 'error', status, code, message, request_id: 'b1c2d3e4-0000-4000-8000-000000000000' }
}

const PAGE_ID = '59833787-2cf9-4fdf-8782-e53db20768a5'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retry: false (the client retries 429 and 529 for every method, and 500/503 for GET, by
  // default); a silent logger (it logs each failed request at WARN).
  const options = {
    auth: 'ntn_test_not_a_token',
    timeoutMs: 250,
    retry: false,
    logger: () => {},
  } as const
  const notion = new Client({ ...options, baseUrl: up.url })
  const getPage = () => notion.pages.retrieve({ page_id: PAGE_ID })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="notion"' },
      body: apiError(401, 'unauthorized', 'API token is invalid.'),
    })
    cases.push({
      library,
      what: 'upstream answered 401 unauthorized to our integration token (APIResponseError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getPage),
    })

    up.reply({
      status: 404,
      body: apiError(404, 'object_not_found', `Could not find page with ID: ${PAGE_ID}.`),
    })
    cases.push({
      library,
      what: 'upstream answered 404 object_not_found for a page (APIResponseError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getPage),
    })

    up.reply({
      status: 400,
      body: apiError(400, 'validation_error', 'body failed validation: body.parent should be defined.'),
    })
    cases.push({
      library,
      what: 'upstream answered 400 validation_error to the page our server tried to create (APIResponseError)',
      why: `${WHY.upstream4xx} (the upstream's validation of our request is not the client's 422)`,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        notion.pages.create({
          parent: { page_id: PAGE_ID },
          properties: { title: { title: [{ text: { content: 'x' } }] } },
        }),
      ),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: apiError(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.'),
    })
    cases.push({
      library,
      what: 'upstream answered 429 rate_limited with Retry-After: 7 (APIResponseError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getPage),
    })

    up.reply({
      status: 500,
      body: apiError(500, 'internal_server_error', 'Unexpected error occurred.'),
    })
    cases.push({
      library,
      what: 'upstream answered 500 internal_server_error (APIResponseError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getPage),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html', 'cf-ray': '8f1e2d3c4b5a6978-AMS' },
      body: '<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>',
    })
    cases.push({
      library,
      what: "upstream's edge proxy answered 502 with an HTML body and a cf-ray (UnknownHTTPResponseError)",
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getPage),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: apiError(503, 'service_unavailable', 'Notion is unavailable, please try again later.'),
    })
    cases.push({
      library,
      what: 'upstream answered 503 service_unavailable with Retry-After: 7 (APIResponseError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(getPage),
    })

    up.reply({
      status: 504,
      body: apiError(504, 'gateway_timeout', 'Notion timed out while attempting to complete this request.'),
    })
    cases.push({
      library,
      what: 'upstream answered 504 gateway_timeout (APIResponseError)',
      why: WHY.upstream504,
      upstreamStatus: 504,
      expect: UPSTREAM_504,
      error: await rejectionOf(getPage),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired on an upstream that never answered (RequestTimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getPage),
    })

    up.reply('garbage')
    cases.push({
      library,
      what: 'the upstream answered bytes that are not HTTP (fetch failed, passed through by the client)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getPage),
    })

    const refused = new Client({ ...options, baseUrl: `http://127.0.0.1:${await closedPort()}` })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (fetch failed, passed through by the client)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.users.me({})),
    })

    cases.push({
      library,
      what: 'a page id with ".." refused before any request (InvalidPathParameterError)',
      why: 'everything else: our code handed the SDK an id it rejects, no dependency failed: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => notion.pages.retrieve({ page_id: '../users' })),
    })
    return cases
  } finally {
    await up.close()
  }
}
