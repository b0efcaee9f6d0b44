import OSS from 'ali-oss'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'ali-oss'

/** An OSS error document, as Alibaba Cloud OSS sends it. */
function ossError(status: number, code: string, message: string, ec: string) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n  <RequestId>6571D3E8B2F0A1303939C1A4</RequestId>\n  <HostId>acme-reports.oss-cn-hangzhou.aliyuncs.com</HostId>\n  <EC>${ec}</EC>\n  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=${ec}</RecommendDoc>\n</Error>\n`
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-oss-request-id': '6571D3E8B2F0A1303939C1A4',
      'x-oss-ec': ec,
    },
    body,
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // cname: the endpoint is used as is (no bucket sub-domain); retryMax 0 and a short timeout.
  const oss = (port: number) =>
    new OSS({
      endpoint: `http://127.0.0.1:${port}`,
      cname: true,
      bucket: 'acme-reports',
      region: 'oss-cn-hangzhou',
      accessKeyId: 'LTAItestnotakey',
      accessKeySecret: 'test-secret-not-a-key',
      timeout: 400,
      retryMax: 0, // an ali-oss option its typings lack
    } as OSS.Options)
  const client = oss(up.port)
  const get = () => client.get('reports/q3.csv')
  const cases: HeldOutCase[] = []
  const add = async (
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
    run: () => Promise<unknown>,
    upstreamStatus?: number,
  ) => {
    const error = await rejectionOf(run)
    const e = error as { name?: string; code?: string; status?: number }
    cases.push({
      library,
      what: `${what} (${e.name}${e.code ? ` code=${e.code}` : ''}${e.status ? ` status=${e.status}` : ''})`,
      why,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
      expect,
      error,
    })
  }
  try {
    up.reply(ossError(404, 'NoSuchKey', 'The specified key does not exist.', '0026-00000001'))
    await add('OSS answered 404 NoSuchKey to our get', WHY.upstream4xx, UPSTREAM_4XX, get, 404)

    up.reply(
      ossError(
        403,
        'InvalidAccessKeyId',
        'The OSS Access Key Id you provided does not exist in our records.',
        '0002-00000902',
      ),
    )
    await add(
      'OSS answered 403 InvalidAccessKeyId to our access key',
      'SDK error caused by our own credentials: 500',
      UPSTREAM_4XX,
      get,
      403,
    )

    up.reply(
      ossError(
        412,
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold.',
        '0026-00000010',
      ),
    )
    await add(
      'OSS answered 412 PreconditionFailed to a copy with x-oss-copy-source-if-match on a stale ETag',
      'conflict: optimistic-concurrency precondition failed (the S3 PreconditionFailed row), 409',
      { status: 409 },
      () =>
        client.copy('reports/q3-final.csv', 'reports/q3.csv', {
          headers: { 'x-oss-copy-source-if-match': '"5B3C1A2E053D763E1B002CC607C5A0FE"' },
        }),
      412,
    )

    up.reply(ossError(503, 'ServiceUnavailable', 'Please reduce your request rate.', '0012-00000001'))
    await add(
      'OSS answered 503 ServiceUnavailable (reduce your request rate)',
      WHY.upstream503,
      UPSTREAM_503_BARE,
      get,
      503,
    )

    up.reply(
      ossError(500, 'InternalError', 'We encountered an internal error. Please try again.', '0001-00000001'),
    )
    await add('OSS answered 500 InternalError', WHY.upstream5xx, UPSTREAM_5XX, get, 500)

    up.reply('hang')
    await add('OSS accepted the request and never answered (timeout 400 ms)', WHY.timeout, TIMED_OUT, get)

    const refused = oss(await closedPort())
    await add('OSS endpoint refused the connection', WHY.refused, REFUSED, () =>
      refused.get('reports/q3.csv'),
    )

    await add(
      'client constructed without accessKeyId/accessKeySecret',
      'our own misconfiguration: 500',
      { status: 500 },
      async () => new OSS({ endpoint: up.url, cname: true, bucket: 'acme-reports' } as OSS.Options),
    )
  } finally {
    await up.close()
  }
  return cases
}
