import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { fromIni } from '@aws-sdk/credential-provider-ini'
import Airtable from 'airtable'
import Mailgun from 'mailgun.js'
import Stripe from 'stripe'
import { closedPort, type Reply, startUpstream } from '../held-out/cases/support/http-upstream.js'
import { catalog, type Example } from './example.js'

// Real SDK errors, from real clients against one loopback server that plays S3 (REST-XML errors),
// DynamoDB (JSON 1.0 errors) and Stripe (`{ error: { type, code, message } }`). The request names
// the answer: the S3 key `<Code>:<status>`, the DynamoDB table `<Name>:<status>`, the Stripe
// customer `<status>:<type>:<code>`; `hang` never answers. Every AWS service client builds the
// same `ServiceException` (`name`, `$fault`, `$metadata`) from the error name in the response, so
// names of services whose clients are not installed (EC2, Lambda, Route 53 …) come through S3's
// or DynamoDB's client, in the error format of their protocol.

// The SDK's clients warn once per process that its releases after January 2027 need Node 22; the
// tests run on Node 20 on purpose, and that warning is not a test result.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

let server: Server | undefined
let port = 0
const sockets = new Set<Socket>()
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }
let clients: { s3: S3Client; dynamo: DynamoDBClient; stripe: Stripe } | undefined

async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = ''
  for await (const chunk of req) body += chunk
  const url = req.url ?? '/'
  if (url.startsWith('/v1/') || url.startsWith('/v2/')) return stripeError(url, res)
  if (req.headers['x-amz-target']) return dynamoError(body, res)
  return s3Error(url, res)
}

/** `/bucket/<Code>:<status>` → an S3 `<Error>` document. */
function s3Error(url: string, res: ServerResponse): void {
  const [code, status] = decodeURIComponent(url.split('/')[2]?.split('?')[0] ?? '').split(':')
  res.writeHead(Number(status), { 'content-type': 'application/xml', 'x-amz-request-id': 'REQ-S3' })
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>m</Message></Error>`)
}

/**
 * TableName `<Name>:<status>` → a DynamoDB `__type` error; `hang:0` never answers. A transaction
 * is cancelled for the reasons its first item's table names: `ConditionalCheckFailed,None`.
 */
function dynamoError(body: string, res: ServerResponse): void {
  const input = JSON.parse(body) as { TableName?: string; TransactItems?: { Put: { TableName: string } }[] }
  const reasons = input.TransactItems?.[0]?.Put.TableName.split(',')
  const [name, status] = reasons
    ? ['TransactionCanceledException', '400']
    : (input.TableName ?? '').split(':')
  if (name === 'hang') return
  res.writeHead(Number(status), { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQ' })
  const cancellation = reasons ? { CancellationReasons: reasons.map((Code) => ({ Code })) } : {}
  res.end(
    JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${name}`, message: 'm', ...cancellation }),
  )
}

/** `/v1/customers/<status>:<type>:<code>` (or any `/v2/…/<status>:<type>:<code>`) → a Stripe error body. */
function stripeError(url: string, res: ServerResponse): void {
  const [status, type, code] = decodeURIComponent(url.split('/').pop()?.split('?')[0] ?? '').split(':')
  if (status === 'hang') return
  res.writeHead(Number(status), { 'content-type': 'application/json', 'request-id': 'req_1' })
  res.end(JSON.stringify({ error: { type, code, message: 'Your card was declined.' } }))
}

/** Starts the loopback server and its clients on first use. */
async function started(): Promise<NonNullable<typeof clients>> {
  if (clients) return clients
  server = createServer((req, res) => void respond(req, res))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  port = address.port
  const endpoint = `http://127.0.0.1:${port}`
  clients = {
    s3: new S3Client({ endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 }),
    dynamo: new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }),
    stripe: new Stripe('sk_test_123', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
      timeout: 200,
    }),
  }
  return clients
}

async function close(): Promise<void> {
  clients?.s3.destroy()
  clients?.dynamo.destroy()
  clients = undefined
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  server = undefined
}

/** The error a call rejects with. */
async function rejection(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

/** mailgun.js (its axios timeout 250 ms; it never retries) asking for a domain, answered with `reply`. */
const mailgun = (reply: Reply) => async () => {
  const up = await startUpstream(reply)
  try {
    const client = new Mailgun(FormData).client({
      username: 'api',
      key: 'key-test',
      url: up.url,
      timeout: 250,
    })
    return await rejection(() => client.domains.get('mg.example.com'))
  } finally {
    await up.close()
  }
}

/** airtable.js (no retry on 429) finding a record, answered with `reply`. */
const airtable = (reply: Reply) => async () => {
  const up = await startUpstream(reply)
  try {
    const base = new Airtable({ apiKey: 'pat_test', endpointUrl: up.url, noRetryIfRateLimited: true }).base(
      'app1',
    )
    return await rejection(() => base('Tasks').find('rec1'))
  } finally {
    await up.close()
  }
}

/** S3 `GetObject` answered with the REST-XML error `<Code>` at HTTP `status`. */
const s3 = (code: string, status: number) => async () => {
  const { s3 } = await started()
  return rejection(() => s3.send(new GetObjectCommand({ Bucket: 'b', Key: `${code}:${status}` })))
}

/** DynamoDB `PutItem` answered with the JSON 1.0 error `__type: name` at HTTP `status`. */
const dynamo = (name: string, status: number) => async () => {
  const { dynamo } = await started()
  return rejection(() =>
    dynamo.send(new PutItemCommand({ TableName: `${name}:${status}`, Item: { id: { S: '1' } } })),
  )
}

/** DynamoDB `TransactWriteItems` cancelled with these `CancellationReasons[].Code`, one per item. */
const cancelled = (reasons: readonly string[]) => async () => {
  const { dynamo } = await started()
  const item = (TableName: string) => ({ Put: { TableName, Item: { id: { S: '1' } } } })
  return rejection(() =>
    dynamo.send(new TransactWriteItemsCommand({ TransactItems: [item(reasons.join(',')), item('t')] })),
  )
}

/** `stripe.customers.retrieve` answered with an error body of this HTTP status, `type` and `code`. */
const stripe =
  (status: number | 'hang', type = '', code = '') =>
  async () => {
    const { stripe } = await started()
    return rejection(() => stripe.customers.retrieve(`${status}:${type}:${code}`))
  }

/** A throttling name: 503 and retryable, whatever the HTTP status it came with. */
const throttled = (name: string, make: () => Promise<unknown>): Example => ({
  error: `AWS SDK v3 \`${name}\` (whatever its HTTP status)`,
  make,
  rule: `cloud:aws:${name}`,
  status: 503,
  retryable: true,
})

/** A client fault (our credentials, IAM, configuration or request): 500, never passed through. */
const clientFault = (name: string, status: number, make: () => Promise<unknown>): Example => ({
  error: `AWS SDK v3 \`${name}\` (client fault, HTTP ${status}), as any other client fault`,
  make,
  rule: `cloud:aws:${name}`,
  status: 500,
})

export default catalog(
  'cloud',
  [
    throttled('BandwidthLimitExceeded', s3('BandwidthLimitExceeded', 509)),
    throttled('EC2ThrottledException', dynamo('EC2ThrottledException', 400)),
    throttled('LimitExceededException', dynamo('LimitExceededException', 400)),
    throttled('PriorRequestNotComplete', s3('PriorRequestNotComplete', 400)),
    throttled(
      'ProvisionedThroughputExceededException',
      dynamo('ProvisionedThroughputExceededException', 400),
    ),
    throttled('RequestLimitExceeded', dynamo('RequestLimitExceeded', 400)),
    throttled('RequestThrottled', s3('RequestThrottled', 403)),
    throttled('RequestThrottledException', dynamo('RequestThrottledException', 400)),
    throttled('SlowDown', s3('SlowDown', 503)),
    throttled('ThrottledException', dynamo('ThrottledException', 400)),
    throttled('Throttling', s3('Throttling', 400)),
    throttled('ThrottlingException', dynamo('ThrottlingException', 400)),
    throttled('TooManyRequestsException', dynamo('TooManyRequestsException', 429)),
    throttled('TransactionInProgressException', dynamo('TransactionInProgressException', 400)),
    {
      error: 'AWS SDK v3 `TimeoutError`',
      // The request handler's own timeout: the DynamoDB table `hang` never answers.
      make: async () => {
        await started()
        const slow = new DynamoDBClient({
          endpoint: `http://127.0.0.1:${port}`,
          region: 'us-east-1',
          credentials,
          maxAttempts: 1,
          requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
        })
        const item = { TableName: 'hang:0', Item: { id: { S: '1' } } }
        const error = await rejection(() => slow.send(new PutItemCommand(item)))
        slow.destroy()
        return error
      },
      rule: 'cloud:aws:TimeoutError',
      status: 504,
      retryable: true,
    },
    {
      error: 'AWS SDK v3 `RequestTimeout`',
      make: s3('RequestTimeout', 400),
      rule: 'cloud:aws:RequestTimeout',
      status: 504,
      retryable: true,
    },
    {
      error: 'AWS SDK v3 `RequestTimeoutException`',
      make: dynamo('RequestTimeoutException', 408),
      rule: 'cloud:aws:RequestTimeoutException',
      status: 504,
      retryable: true,
    },
    {
      error: 'AWS SDK v3 `ConditionalCheckFailedException`',
      make: dynamo('ConditionalCheckFailedException', 400),
      rule: 'cloud:aws:ConditionalCheckFailedException',
      status: 409,
      retryable: false,
    },
    {
      error: 'AWS SDK v3 `TransactionConflictException`',
      make: dynamo('TransactionConflictException', 400),
      rule: 'cloud:aws:TransactionConflictException',
      status: 409,
      retryable: false,
    },
    {
      error: 'AWS SDK v3 `PreconditionFailed`',
      make: s3('PreconditionFailed', 412),
      rule: 'cloud:aws:PreconditionFailed',
      status: 409,
      retryable: false,
    },
    {
      error: 'AWS SDK v3 `ConditionalRequestConflict`',
      make: s3('ConditionalRequestConflict', 409),
      rule: 'cloud:aws:ConditionalRequestConflict',
      status: 409,
      retryable: false,
    },
    {
      error: 'AWS SDK v3 `OperationAborted`',
      make: s3('OperationAborted', 409),
      rule: 'cloud:aws:OperationAborted',
      status: 409,
      retryable: false,
    },
    {
      error: 'AWS SDK v3 `ServiceUnavailable`',
      make: s3('ServiceUnavailable', 503),
      rule: 'cloud:aws:ServiceUnavailable',
      status: 503,
      retryable: true,
    },
    {
      error: 'AWS SDK v3 `ServiceUnavailableException`',
      make: dynamo('ServiceUnavailableException', 503),
      rule: 'cloud:aws:ServiceUnavailableException',
      status: 503,
      retryable: true,
    },
    {
      error:
        'DynamoDB `TransactionCanceledException`, a `ConditionalCheckFailed` or `TransactionConflict` reason',
      make: cancelled(['ConditionalCheckFailed', 'None']),
      rule: 'cloud:aws:TransactionCanceledException',
      status: 409,
      retryable: false,
    },
    {
      error: 'DynamoDB `TransactionCanceledException`, throttling reasons only',
      make: cancelled(['ThrottlingError', 'None']),
      rule: 'cloud:aws:TransactionCanceledException',
      status: 503,
      retryable: true,
    },
    {
      error: 'DynamoDB `TransactionCanceledException`, other reasons (`ValidationError` …)',
      make: cancelled(['ValidationError', 'None']),
      rule: 'cloud:aws:TransactionCanceledException',
      status: 500,
    },
    clientFault('AccessDenied', 403, s3('AccessDenied', 403)),
    clientFault('InvalidAccessKeyId', 403, s3('InvalidAccessKeyId', 403)),
    clientFault('SignatureDoesNotMatch', 403, s3('SignatureDoesNotMatch', 403)),
    clientFault('ExpiredToken', 400, s3('ExpiredToken', 400)),
    clientFault('UnrecognizedClientException', 400, dynamo('UnrecognizedClientException', 400)),
    clientFault('ResourceNotFoundException', 400, dynamo('ResourceNotFoundException', 400)),
    clientFault('NoSuchKey', 404, s3('NoSuchKey', 404)),
    clientFault('NoSuchBucket', 404, s3('NoSuchBucket', 404)),
    clientFault('ValidationException', 400, dynamo('ValidationException', 400)),
    {
      error: 'AWS SDK v3 server fault, e.g. `InternalError` (HTTP 500)',
      make: s3('InternalError', 500),
      rule: 'cloud:aws:InternalError',
      status: 502,
      retryable: true,
    },
    {
      error: 'AWS `CredentialsProviderError` ("Could not load credentials from any providers")',
      // A client whose credentials come from a profile that does not exist.
      make: async () => {
        await started()
        const anonymous = new DynamoDBClient({
          endpoint: `http://127.0.0.1:${port}`,
          region: 'us-east-1',
          maxAttempts: 1,
          credentials: fromIni({
            profile: 'missing',
            filepath: '/nonexistent/credentials',
            configFilepath: '/nonexistent/config',
          }),
        })
        const error = await rejection(() => anonymous.send(new PutItemCommand({ TableName: 't', Item: {} })))
        anonymous.destroy()
        return error
      },
      rule: 'cloud:aws:CredentialsProviderError',
      status: 500,
    },
    {
      error: 'Stripe `StripeCardError`',
      make: stripe(402, 'card_error', 'card_declined'),
      rule: 'cloud:stripe:StripeCardError',
      status: 402,
      retryable: false,
    },
    {
      error: 'Stripe `StripeRateLimitError`',
      make: stripe(429, 'invalid_request_error', 'rate_limit'),
      rule: 'cloud:stripe:StripeRateLimitError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Stripe `RateLimitError`',
      // A v2 API's error (`/v2/…`): stripe-node names its classes by the v2 error `type`.
      make: async () => {
        const { stripe } = await started()
        return rejection(() => stripe.rawRequest('GET', '/v2/core/events/429:rate_limit:'))
      },
      rule: 'cloud:stripe:RateLimitError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Stripe `StripeIdempotencyError`',
      make: stripe(400, 'idempotency_error'),
      rule: 'cloud:stripe:StripeIdempotencyError',
      status: 409,
      retryable: false,
    },
    {
      error: 'Stripe `StripeSignatureVerificationError`',
      // A webhook whose signature header does not match the payload.
      make: () => {
        try {
          new Stripe('sk_test_123').webhooks.constructEvent('{"id":"evt_1"}', 't=1,v1=deadbeef', 'whsec_test')
        } catch (error) {
          return error
        }
        throw new Error('expected the signature check to fail')
      },
      rule: 'cloud:stripe:StripeSignatureVerificationError',
      status: 400,
      retryable: false,
    },
    {
      error: 'Stripe `StripeAPIError` with `rawType: idempotency_error` (HTTP 409)',
      make: stripe(409, 'idempotency_error'),
      rule: 'cloud:stripe:StripeAPIError',
      status: 409,
      retryable: false,
    },
    {
      error: 'Stripe `StripeConnectionError`, refused or unreachable',
      // Port 1 on loopback: nothing listens, the connection is refused.
      make: () => {
        const unreachable = new Stripe('sk_test_123', {
          host: '127.0.0.1',
          port: 1,
          protocol: 'http',
          maxNetworkRetries: 0,
        })
        return rejection(() => unreachable.customers.retrieve('cus_1'))
      },
      rule: 'cloud:stripe:StripeConnectionError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Stripe `StripeConnectionError`, timeout',
      // The client's 200 ms timeout passes: the customer `hang` never answers.
      make: stripe('hang'),
      rule: 'cloud:stripe:StripeConnectionError',
      status: 504,
      retryable: true,
    },
    {
      error: 'Stripe `StripeAPIError` (HTTP 500)',
      make: stripe(500, 'api_error'),
      rule: 'cloud:stripe:StripeAPIError',
      status: 502,
      retryable: true,
    },
    {
      error: 'Stripe `StripeAuthenticationError` (our key or request)',
      make: stripe(401, 'invalid_request_error'),
      rule: 'cloud:stripe:StripeAuthenticationError',
      status: 500,
    },
    {
      error: 'Stripe `StripePermissionError` (our key or request)',
      make: stripe(403, 'invalid_request_error'),
      rule: 'cloud:stripe:StripePermissionError',
      status: 500,
    },
    {
      error: 'Stripe `StripeInvalidRequestError` (our key or request)',
      make: stripe(400, 'invalid_request_error', 'parameter_missing'),
      rule: 'cloud:stripe:StripeInvalidRequestError',
      status: 500,
    },
    {
      error: 'Mailgun `APIError` (HTTP 401 to our key)',
      make: mailgun({ status: 401, body: 'Forbidden' }),
      rule: 'cloud:mailgun',
      status: 500,
    },
    {
      error: 'Mailgun `APIError` (HTTP 429)',
      make: mailgun({ status: 429, body: { message: 'Too many requests' } }),
      rule: 'cloud:mailgun',
      status: 503,
      retryable: true,
    },
    {
      error: 'Mailgun `APIError` (HTTP 500)',
      make: mailgun({ status: 500, body: { message: 'Internal Server Error' } }),
      rule: 'cloud:mailgun',
      status: 502,
      retryable: true,
    },
    {
      error: 'Mailgun `APIError`, status 400 and message `ECONNREFUSED` (refused)',
      make: async () => {
        const url = `http://127.0.0.1:${await closedPort()}`
        const client = new Mailgun(FormData).client({ username: 'api', key: 'key-test', url })
        return rejection(() => client.domains.get('mg.example.com'))
      },
      rule: 'cloud:mailgun',
      status: 503,
      retryable: true,
    },
    {
      error: 'Mailgun `APIError`, status 400 and message `ECONNABORTED` (its timeout)',
      make: mailgun('hang'),
      rule: 'cloud:mailgun',
      status: 504,
      retryable: true,
    },
    {
      error: 'Airtable `AirtableError` (HTTP 401 to our key)',
      make: airtable({ status: 401, body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'm' } } }),
      rule: 'cloud:airtable',
      status: 500,
    },
    {
      error: 'Airtable `AirtableError` (HTTP 429)',
      make: airtable({ status: 429, body: { errors: [{ error: 'RATE_LIMIT_REACHED' }] } }),
      rule: 'cloud:airtable',
      status: 503,
      retryable: true,
    },
    {
      error: 'Airtable `AirtableError` (HTTP 502)',
      make: airtable({ status: 502, body: 'Bad Gateway' }),
      rule: 'cloud:airtable',
      status: 502,
      retryable: true,
    },
  ],
  close,
)
