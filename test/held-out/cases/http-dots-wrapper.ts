import { createApiClient } from 'dots-wrapper'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'dots-wrapper'

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = (endpoint: string, requestTimeoutInMs = 2000) =>
    createApiClient({ endpoint, token: 'dop_v1_not_a_real_token', requestTimeoutInMs })
  const dots = client(up.url)
  const getDroplet = (c = dots) => c.droplet.getDroplet({ droplet_id: 3164444 })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; dots-wrapper DigitalOcean client (axios), no retries')
  try {
    up.reply({
      status: 401,
      body: { id: 'unauthorized', message: 'Unable to authenticate you', request_id: '0c5d3a1e-7d1b' },
    })
    add(
      'DigitalOcean answered 401 { id: "unauthorized", message: "Unable to authenticate you" } to our token',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => dots.account.getAccount()),
      401,
    )

    up.reply({
      status: 404,
      body: { id: 'not_found', message: 'The resource you were accessing could not be found.' },
    })
    add(
      'DigitalOcean answered 404 not_found for the droplet id our server stored',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getDroplet()),
      404,
    )

    up.reply({
      status: 422,
      body: { id: 'unprocessable_entity', message: 'Name is already in use on this account' },
    })
    add(
      'DigitalOcean answered 422 unprocessable_entity to the droplet our server tried to create',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() =>
        dots.droplet.createDroplet({
          name: 'web-01',
          region: 'fra1',
          size: 's-1vcpu-1gb',
          image: 'ubuntu-24-04-x64',
        }),
      ),
      422,
    )

    up.reply({
      status: 429,
      headers: { ...RETRY_AFTER, 'ratelimit-limit': '5000', 'ratelimit-remaining': '0' },
      body: { id: 'too_many_requests', message: 'API Rate limit exceeded.' },
    })
    add(
      'DigitalOcean answered 429 too_many_requests with Retry-After: 7 (AxiosError, headers kept)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => getDroplet()),
      429,
    )

    up.reply({ status: 502, headers: { 'content-type': 'text/html' }, body: NGINX_502 })
    add(
      'the edge in front of the DigitalOcean API answered 502 with an HTML page',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getDroplet()),
      502,
    )

    up.reply('reset')
    add(
      'the DigitalOcean API reset the connection (TCP RST) after reading the request',
      WHY.reset,
      RESET,
      await rejectionOf(() => getDroplet()),
    )

    up.reply('hang')
    add(
      "the client's own 250 ms timeout (requestTimeoutInMs) fired on an API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => getDroplet(client(up.url, 250))),
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getDroplet(refused)),
    )
    return cases
  } finally {
    await up.close()
  }
}
