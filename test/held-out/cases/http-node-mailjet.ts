import mailjet from 'node-mailjet'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'node-mailjet'
// Under NodeNext the default import is typed as the module; at run time it is the Mailjet class, whose
// static `Client` is the class it extends (the same constructor and methods).
const Mailjet = mailjet.Client

// The client always builds https://api.mailjet.com/… URLs; it reaches the loopback upstream through its
// documented `options.proxy` (an HTTP forward proxy, as in a corporate network), which answers for the API.
const message = {
  Messages: [
    {
      From: { Email: 'noreply@example.com', Name: 'Shop' },
      To: [{ Email: 'ada@example.org' }],
      Subject: 'Your receipt',
      TextPart: 'Thanks for your order.',
    },
  ],
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = (port: number, timeout = 2000) =>
    new Mailjet({
      apiKey: 'not-a-real-key',
      apiSecret: 'not-a-real-secret',
      options: { timeout, proxy: { protocol: 'http', host: '127.0.0.1', port } },
    })
  const mailjet = client(up.port)
  const send = (c = mailjet) => c.post('send', { version: 'v3.1' }).request(message)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; axios under the hood, no retries')
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Provide an apikey and secretkey"' },
      body: {
        ErrorIdentifier: 'd1a2b3c4',
        ErrorMessage: 'API key authentication/authorization failure',
        StatusCode: 401,
      },
    })
    add(
      'Send API answered 401 to our API key pair with a Basic challenge',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => send()),
      401,
    )

    up.reply({
      status: 400,
      body: {
        Messages: [
          {
            Status: 'error',
            Errors: [
              {
                ErrorIdentifier: '88b5ca9f',
                ErrorCode: 'mj-0013',
                StatusCode: 400,
                ErrorMessage: '"ada@example" is an invalid email address.',
                ErrorRelatedTo: ['To[0].Email'],
              },
            ],
          },
        ],
      },
    })
    add(
      'Send API answered 400 mj-0013 "is an invalid email address" for a recipient of the message',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => send()),
      400,
    )

    up.reply({
      status: 404,
      body: { ErrorInfo: '', ErrorMessage: 'Object not found', StatusCode: 404 },
    })
    add(
      'REST API answered 404 "Object not found" for the contact list id our server is configured with',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => mailjet.get('contactslist', { version: 'v3' }).id(1234567).request()),
      404,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { ErrorMessage: 'Too many requests', StatusCode: 429 },
    })
    add(
      'Send API answered 429 with Retry-After: 7 (the error keeps the axios response and its headers)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => send()),
      429,
    )

    up.reply({ status: 500, body: { ErrorMessage: 'Internal Server Error', StatusCode: 500 } })
    add('Send API answered 500', WHY.upstream5xx, UPSTREAM_5XX, await rejectionOf(() => send()), 500)

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/html' },
      body: '<html><body><h1>503 Service Unavailable</h1>Maintenance in progress</body></html>',
    })
    add(
      'Send API answered 503 with an HTML maintenance page and Retry-After: 7 (kept in the axios response)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => send()),
      503,
    )

    up.reply('hang')
    add(
      "the client's own 250 ms timeout (options.timeout) fired on an API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => send(client(up.port, 250))),
    )

    const refused = client(await closedPort())
    add(
      'connection refused: the configured proxy port is closed',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => send(refused)),
    )

    add(
      'the client was built with an empty API secret (environment variable unset); the constructor throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new Mailjet({ apiKey: 'not-a-real-key', apiSecret: '' })),
    )

    add(
      'our code passed an object as the contact id to .id(); the request builder throws',
      'our bug (SDK argument check): 500',
      { status: 500 },
      await rejectionOf(() =>
        mailjet
          .get('contact')
          .id({ email: 'ada@example.org' } as unknown as string)
          .request(),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}
