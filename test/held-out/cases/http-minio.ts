import { Client } from 'minio'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_503_BARE, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'minio'

/** An S3 error document, as S3 and MinIO send it. */
function s3Error(status: number, code: string, message: string, extra: Record<string, string> = {}) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Key>reports/q3.csv</Key><BucketName>acme-reports</BucketName><Resource>/acme-reports/reports/q3.csv</Resource><RequestId>17C2B4F5D0A1E9F3</RequestId><HostId>dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8</HostId></Error>`
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': '17C2B4F5D0A1E9F3', ...extra },
    body,
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retryOptions.disableRetry (minio retries 408/429/5xx once by default); region is set so that it
  // makes no location lookup first. On those statuses minio rejects with a plain Error whose message
  // alone names the status ("Request failed after 0 retries: Error: Retryable HTTP status: 503"),
  // with or without retries: that is what it throws, so those cases keep it.
  const s3 = (port: number) =>
    new Client({
      endPoint: '127.0.0.1',
      port,
      useSSL: false,
      accessKey: 'AKIATESTNOTAKEY',
      secretKey: 'test-secret-not-a-key',
      region: 'us-east-1',
      retryOptions: { disableRetry: true },
    })
  const client = s3(up.port)
  const get = () => client.getObject('acme-reports', 'reports/q3.csv')
  const cases: HeldOutCase[] = []
  try {
    up.reply(s3Error(403, 'AccessDenied', 'Access Denied.'))
    cases.push({
      library,
      what: 'object store answered 403 AccessDenied to our access key (S3Error)',
      why: 'SDK error caused by our own credentials (AccessDenied): 500',
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(get),
    })

    up.reply(
      s3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      ),
    )
    cases.push({
      library,
      what: 'object store answered 403 SignatureDoesNotMatch to our secret key (S3Error)',
      why: 'SDK error caused by our own credentials: 500',
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(get),
    })

    up.reply(s3Error(404, 'NoSuchKey', 'The specified key does not exist.'))
    cases.push({
      library,
      what: 'object store answered 404 NoSuchKey (S3Error)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(get),
    })

    // No Retry-After here: minio's error for a 503 carries no header, so none could be known.
    up.reply(s3Error(503, 'SlowDown', 'Please reduce your request rate.'))
    cases.push({
      library,
      what: 'object store answered 503 SlowDown (plain Error: Retryable HTTP status: 503)',
      why: 'upstream 503 SlowDown (throttling): dependency unavailable, 503',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(get),
    })

    up.reply(s3Error(500, 'InternalError', 'We encountered an internal error, please try again.'))
    cases.push({
      library,
      what: 'object store answered 500 InternalError (plain Error: Retryable HTTP status: 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(get),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the object store reset the connection after our request (ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(get),
    })

    const refused = s3(await closedPort())
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.statObject('acme-reports', 'reports/q3.csv')),
    })
    return cases
  } finally {
    await up.close()
  }
}
