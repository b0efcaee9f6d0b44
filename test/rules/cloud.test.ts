import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb'
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { fromIni } from '@aws-sdk/credential-provider-ini'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify, createClassifier } from '../../src/index.js'

// One loopback server plays S3 (REST-XML errors), DynamoDB (JSON 1.0 errors, `X-Amz-Target`) and
// Stripe (`{ error: { type, code, message } }`), each in its documented error format. The request
// names the error to answer: the S3 key, the DynamoDB table, the Stripe customer id.
// The SDK's clients warn once per process that its releases after January 2027 need Node 22; the
// tests run on Node 20 on purpose, and that warning is not a test result.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

let server: Server
let port = 0
const sockets = new Set<Socket>()

async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = ''
  for await (const chunk of req) body += chunk
  const url = req.url ?? '/'
  if (url.startsWith('/v1/')) return stripeError(url, res)
  if (req.headers['x-amz-target']) return dynamoError(body, res)
  return s3Error(req.method ?? 'GET', url, res)
}

/** `/bucket/<Code>:<status>` → an S3 `<Error>` document. */
function s3Error(method: string, url: string, res: ServerResponse): void {
  const key = decodeURIComponent(url.split('/')[2]?.split('?')[0] ?? '')
  const [code, status] = key.split(':')
  res.writeHead(Number(status), { 'content-type': 'application/xml', 'x-amz-request-id': 'REQ-S3' })
  if (method === 'HEAD') return void res.end() // HEAD errors have no body: the SDK knows only the status
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code>` +
      '<Message>secret: arn:aws:iam::123456789012:role/app</Message><RequestId>REQ-S3</RequestId></Error>',
  )
}

/** TableName `<Name>:<status>` → a DynamoDB `__type` error; `hang:0` never answers. */
function dynamoError(body: string, res: ServerResponse): void {
  const input = JSON.parse(body) as { TableName?: string; TransactItems?: unknown[] }
  const [name, status] = (
    input.TransactItems ? 'TransactionCanceledException:400' : (input.TableName ?? '')
  ).split(':')
  if (name === 'hang') return
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': 'REQ',
  }
  if (name === 'ThrottlingException') headers['retry-after'] = '3'
  const reasons = input.TransactItems
    ? { CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'failed' }] }
    : {}
  res.writeHead(Number(status), headers)
  res.end(
    JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${name}`, message: 'secret', ...reasons }),
  )
}

/** `/v1/customers/<status>:<type>:<code>` → a Stripe error body; `hang` never answers. */
function stripeError(url: string, res: ServerResponse): void {
  const [status, type, code] = decodeURIComponent(url.split('/').pop()?.split('?')[0] ?? '').split(':')
  if (status === 'hang') return
  const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': 'req_1' }
  if (status === '429') headers['retry-after'] = '4'
  res.writeHead(Number(status), headers)
  const declined = code === 'card_declined' ? { decline_code: 'insufficient_funds' } : {}
  res.end(
    JSON.stringify({ error: { type, code, message: 'Your card has insufficient funds.', ...declined } }),
  )
}

beforeAll(async () => {
  server = createServer((req, res) => void respond(req, res))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  port = address.port
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => server.close(resolve))
})

async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (error) {
    return error
  }
  throw new Error('expected the SDK call to fail')
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }

describe('AWS SDK v3: S3', () => {
  let s3: S3Client
  beforeAll(() => {
    s3 = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials,
      forcePathStyle: true,
      maxAttempts: 1,
    })
  })
  afterAll(() => s3.destroy())
  const getObject = (key: string) => rejection(s3.send(new GetObjectCommand({ Bucket: 'b', Key: key })))

  it('answers our credential and IAM failures with 500, never 401/403', async () => {
    for (const key of [
      'AccessDenied:403',
      'InvalidAccessKeyId:403',
      'SignatureDoesNotMatch:403',
      'ExpiredToken:400',
    ]) {
      const error = await getObject(key)
      const name = key.split(':')[0]
      expect(error).toMatchObject({ name, $fault: 'client' })
      const c = classify(error)
      expect(c).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR', rule: `cloud:aws:${name}` })
      expect(c.message).not.toContain('arn:aws')
    }
  })

  it('answers a missing key or bucket with 500 by default (the key is usually ours)', async () => {
    const c = classify(await getObject('NoSuchKey:404'))
    expect(c).toMatchObject({ status: 500, rule: 'cloud:aws:NoSuchKey' })
    expect(classify(await getObject('NoSuchBucket:404')).status).toBe(500)
  })

  it('lets an app that passes client keys through override NoSuchKey to 404 by rule name', async () => {
    const classifyApp = createClassifier({ overrides: { 'cloud:aws:NoSuchKey': 404 } })
    expect(classifyApp(await getObject('NoSuchKey:404'))).toMatchObject({ status: 404, code: 'NOT_FOUND' })
  })

  it('answers SlowDown and ServiceUnavailable with a retryable 503', async () => {
    expect(classify(await getObject('SlowDown:503'))).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'cloud:aws:SlowDown',
    })
    expect(classify(await getObject('ServiceUnavailable:503'))).toMatchObject({
      status: 503,
      retryable: true,
    })
  })

  it('answers InternalError (a server fault) with 502', async () => {
    expect(classify(await getObject('InternalError:500'))).toMatchObject({ status: 502, code: 'BAD_GATEWAY' })
  })

  it('answers PreconditionFailed (412) with 409 and RequestTimeout (400) with 504', async () => {
    expect(classify(await getObject('PreconditionFailed:412'))).toMatchObject({
      status: 409,
      code: 'CONFLICT',
    })
    expect(classify(await getObject('RequestTimeout:400'))).toMatchObject({ status: 504 })
  })

  it('answers a body-less HeadObject 403 (name "Unknown") with 500', async () => {
    const error = await rejection(s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'x:403' })))
    expect(error).toMatchObject({ name: 'Unknown', $metadata: { httpStatusCode: 403 } })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'cloud:aws:Unknown' })
  })
})

describe('AWS SDK v3: DynamoDB', () => {
  let ddb: DynamoDBClient
  beforeAll(() => {
    ddb = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    })
  })
  afterAll(() => ddb.destroy())
  const putItem = (table: string) =>
    rejection(ddb.send(new PutItemCommand({ TableName: table, Item: { id: { S: '1' } } })))

  it('answers throttling that arrives as HTTP 400 with 503 and the Retry-After it carries', async () => {
    const error = await putItem('ThrottlingException:400')
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 } })
    expect(classify(error)).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
      retryAfter: 3,
      rule: 'cloud:aws:ThrottlingException',
    })
    expect(classify(await putItem('ProvisionedThroughputExceededException:400'))).toMatchObject({
      status: 503,
      retryable: true,
    })
    expect(classify(await putItem('RequestLimitExceeded:400')).status).toBe(503)
  })

  it('answers ConditionalCheckFailedException with 409', async () => {
    const c = classify(await putItem('ConditionalCheckFailedException:400'))
    expect(c).toMatchObject({ status: 409, code: 'CONFLICT', retryable: false })
  })

  it('answers a transaction cancelled by a failed condition with 409', async () => {
    const error = await rejection(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: 't', Item: { id: { S: '1' } } } }],
        }),
      ),
    )
    expect(error).toMatchObject({ name: 'TransactionCanceledException' })
    expect(classify(error)).toMatchObject({ status: 409, rule: 'cloud:aws:TransactionCanceledException' })
  })

  it('answers a missing table, a bad key or an invalid request (all HTTP 400) with 500', async () => {
    for (const name of ['ResourceNotFoundException', 'UnrecognizedClientException', 'ValidationException']) {
      expect(classify(await putItem(`${name}:400`))).toMatchObject({ status: 500, rule: `cloud:aws:${name}` })
    }
  })

  it('answers InternalServerError with 502', async () => {
    expect(classify(await putItem('InternalServerError:500')).status).toBe(502)
  })

  it('answers the request handler timeout with 504', async () => {
    const slow = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    })
    const error = await rejection(
      slow.send(new PutItemCommand({ TableName: 'hang:0', Item: { id: { S: '1' } } })),
    )
    slow.destroy()
    expect(error).toMatchObject({ name: 'TimeoutError' })
    expect(classify(error)).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT' })
  })

  it('answers missing credentials (CredentialsProviderError) with 500', async () => {
    const noCredentials = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: fromIni({
        profile: 'missing',
        filepath: '/nonexistent/credentials',
        configFilepath: '/nonexistent/config',
      }),
    })
    const error = await rejection(noCredentials.send(new PutItemCommand({ TableName: 't', Item: {} })))
    noCredentials.destroy()
    expect(error).toMatchObject({ name: 'CredentialsProviderError' })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'cloud:aws:CredentialsProviderError' })
  })
})

describe('Stripe', () => {
  let stripe: Stripe
  beforeAll(() => {
    stripe = new Stripe('sk_test_123', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
      timeout: 200,
    })
  })
  const retrieve = (id: string) => rejection(stripe.customers.retrieve(id))

  it('answers a declined card with 402 and Stripe’s customer-facing message', async () => {
    const error = await retrieve('402:card_error:card_declined')
    expect(error).toMatchObject({ type: 'StripeCardError', statusCode: 402 })
    const c = classify(error)
    expect(c).toMatchObject({ status: 402, code: 'PAYMENT_REQUIRED', expose: true, retryable: false })
    expect(c.message).toBe('Your card has insufficient funds.')
  })

  it('never passes our key’s 401 or 403 through: 500', async () => {
    const auth = await retrieve('401:invalid_request_error:')
    expect(auth).toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 })
    expect(classify(auth)).toMatchObject({ status: 500, rule: 'cloud:stripe:StripeAuthenticationError' })
    expect(classify(await retrieve('403:invalid_request_error:')).status).toBe(500)
  })

  it('answers our invalid request (400, 404) with 500', async () => {
    expect(classify(await retrieve('400:invalid_request_error:parameter_missing')).status).toBe(500)
    expect(classify(await retrieve('404:invalid_request_error:resource_missing')).status).toBe(500)
  })

  it('answers a rate limit with 503 (429 with Retry-After, or 400 rate_limit)', async () => {
    expect(classify(await retrieve('429:invalid_request_error:rate_limit'))).toMatchObject({
      status: 503,
      retryable: true,
      retryAfter: 4,
    })
    const as400 = await retrieve('400:invalid_request_error:rate_limit')
    expect(as400).toMatchObject({ type: 'StripeRateLimitError', statusCode: 400 })
    expect(classify(as400).status).toBe(503)
  })

  it('answers an idempotency error with 409, also when it arrives as a 409 StripeAPIError', async () => {
    expect(classify(await retrieve('400:idempotency_error:'))).toMatchObject({
      status: 409,
      code: 'CONFLICT',
    })
    const as409 = await retrieve('409:idempotency_error:')
    expect(as409).toMatchObject({ type: 'StripeAPIError', rawType: 'idempotency_error' })
    expect(classify(as409).status).toBe(409)
  })

  it('answers Stripe’s 5xx with 502, and its 503 with 503', async () => {
    expect(classify(await retrieve('500:api_error:'))).toMatchObject({ status: 502, code: 'BAD_GATEWAY' })
    expect(classify(await retrieve('503:api_error:')).status).toBe(503)
  })

  it('answers a connection failure with 503 and a timeout with 504', async () => {
    const timedOut = await retrieve('hang')
    expect(timedOut).toMatchObject({ type: 'StripeConnectionError' })
    expect(classify(timedOut)).toMatchObject({ status: 504, rule: 'cloud:stripe:StripeConnectionError' })
    const unreachable = new Stripe('sk_test_123', {
      host: '127.0.0.1',
      port: 1,
      protocol: 'http',
      maxNetworkRetries: 0,
    })
    const refused = await rejection(unreachable.customers.retrieve('x'))
    expect(classify(refused)).toMatchObject({ status: 503, retryable: true })
  })

  it('answers a bad webhook signature with 400', () => {
    let error: unknown
    try {
      stripe.webhooks.constructEvent('{"id":"evt_1"}', 't=1,v1=deadbeef', 'whsec_test')
    } catch (caught) {
      error = caught
    }
    expect(error).toMatchObject({ type: 'StripeSignatureVerificationError' })
    expect(classify(error)).toMatchObject({ status: 400, code: 'BAD_REQUEST', expose: false })
  })
})
