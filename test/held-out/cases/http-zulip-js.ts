import { tmpdir } from 'node:os'
import { join } from 'node:path'
import zulip from 'zulip-js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, UPSTREAM_5XX, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'zulip-js'

const config = (realm: string) => ({
  realm,
  username: 'deploy-bot@zulip.example.com',
  apiKey: 'not-a-real-api-key',
})
const message = { type: 'stream', to: 'deploys', topic: 'api', content: 'Deploy of api finished' }

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client answers a JSON error body ({ result: 'error' }) as data; it throws only when the body is not JSON.
  // A 503 or 404 HTML page gives the same FetchError as the 502 one, without the status: left out.
  const client = await zulip(config(up.url))
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; isomorphic-fetch (node-fetch 2) under the hood, no retries')
  const html = (status: number, title: string, headers: Record<string, string> = {}) =>
    up.reply({
      status,
      headers: { 'content-type': 'text/html', ...headers },
      body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
    })
  try {
    html(502, '502 Bad Gateway')
    add(
      'the proxy in front of Zulip answered 502 with an HTML page; node-fetch\'s "invalid json response body" ' +
        "FetchError comes through (the client's own non-JSON wrapper only catches a SyntaxError), without the status",
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => client.messages.send(message)),
      502,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Sign in</body></html>',
    })
    add(
      "Zulip's address answered 200 with an HTML login page instead of JSON (node-fetch FetchError invalid-json)",
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => client.users.me.getProfile()),
    )

    up.reply('reset')
    add(
      'Zulip reset the connection (TCP RST) after reading the request (node-fetch FetchError)',
      WHY.reset,
      RESET,
      await rejectionOf(() => client.messages.send(message)),
    )

    const refused = await zulip(config(`http://127.0.0.1:${await closedPort()}`))
    add(
      'connection refused by a closed loopback port (node-fetch FetchError)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.messages.send(message)),
    )

    add(
      'the client was set up without a realm (environment variable unset); zulip() rejects with a TypeError',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        zulip({ username: 'deploy-bot@zulip.example.com', apiKey: 'not-a-real-api-key' }),
      ),
    )

    add(
      'the client was set up from a zuliprc path that does not exist; zulip() rejects with ENOENT',
      'misconfiguration of ours (a missing config file is a server bug): 500',
      { status: 500 },
      await rejectionOf(() => zulip({ zuliprc: join(tmpdir(), 'heldout-ax-no-such-dir', '.zuliprc') })),
    )
    return cases
  } finally {
    await up.close()
  }
}
