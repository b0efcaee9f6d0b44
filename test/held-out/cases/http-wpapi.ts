import WPAPI from 'wpapi'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'wpapi'

/** The WordPress REST API's error body (WP_Error as JSON). */
function wpError(code: string, message: string, status: number, extra: Record<string, unknown> = {}) {
  return { code, message, data: { status, ...extra } }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const site = (base: string) =>
    new WPAPI({ endpoint: `${base}/wp-json`, username: 'publisher', password: 'app pass word xxxx' })
  const wp = site(up.url)
  const cases: HeldOutCase[] = []
  // API errors (a JSON body with a `code`) are rejected as that body; the rest as superagent 4's error.
  const add = caseAdder(library, cases, '; wpapi sends with superagent 4, no retries, no timeout')
  try {
    add(
      'the WordPress client was built without an endpoint (config left out); the constructor throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new WPAPI({})),
    )
    add(
      'a post id that is not numeric was put in the route (wp.posts().id("latest-news")); the request builder throws "Invalid path component"',
      'our call broke the SDK contract (plain Error, no request made): 500',
      { status: 500 },
      await rejectionOf(() => wp.posts().id('latest-news').get()),
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="WordPress"' },
      body: wpError('incorrect_password', 'The provided password is an invalid application password.', 401),
    })
    add(
      'WordPress answered 401 incorrect_password to our application password; wpapi rejects with the plain JSON body { code, message, data: { status } }',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => wp.posts().create({ title: 'Draft', status: 'draft' })),
      401,
    )

    up.reply({
      status: 403,
      body: wpError('rest_cannot_edit', 'Sorry, you are not allowed to edit this post.', 403),
    })
    add(
      'WordPress answered 403 rest_cannot_edit to our service user; rejected as the plain JSON body',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => wp.posts().id(42).update({ title: 'New title' })),
      403,
    )

    up.reply({ status: 404, body: wpError('rest_post_invalid_id', 'Invalid post ID.', 404) })
    add(
      'WordPress answered 404 rest_post_invalid_id for the post we read; rejected as the plain JSON body',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => wp.posts().id(4242).get()),
      404,
    )

    up.reply({
      status: 400,
      body: wpError('rest_invalid_param', 'Invalid parameter(s): per_page', 400, {
        params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
        details: {
          per_page: {
            code: 'rest_out_of_bounds',
            message: 'per_page must be between 1 (inclusive) and 100 (inclusive)',
            data: null,
          },
        },
      }),
    })
    add(
      'WordPress answered 400 rest_invalid_param (per_page out of bounds, with params and details) to our query; rejected as the plain JSON body',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => wp.posts().param('per_page', 500).get()),
      400,
    )

    up.reply({
      status: 500,
      body: wpError('internal_server_error', '<p>There has been a critical error on this website.</p>', 500, {
        error: { type: 1, message: 'Uncaught Error: Call to undefined function acf_get_fields()' },
      }),
    })
    add(
      'WordPress answered 500 internal_server_error ("There has been a critical error on this website"); rejected as the plain JSON body',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => wp.pages().get()),
      500,
    )

    up.reply({
      status: 503,
      headers: { 'content-type': 'text/html; charset=utf-8', ...RETRY_AFTER },
      body: '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Briefly unavailable for scheduled maintenance. Check back in a minute.</body></html>',
    })
    add(
      "WordPress was in maintenance mode: 503 HTML with Retry-After: 7; superagent's error keeps the response and its headers",
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => wp.posts().get()),
      503,
    )

    up.reply({
      status: 429,
      headers: { 'content-type': 'text/plain', ...RETRY_AFTER },
      body: 'Too Many Requests',
    })
    add(
      "the site's firewall answered 429 text/plain with Retry-After: 7; superagent's error keeps the response and its headers",
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => wp.media().get()),
      429,
    )

    const refused = site(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.posts().get()),
    )
    return cases
  } finally {
    await up.close()
  }
}
