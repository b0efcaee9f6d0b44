import COS from 'cos-nodejs-sdk-v5'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, UPSTREAM_4XX, UPSTREAM_429_BARE, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'cos-nodejs-sdk-v5'
const Bucket = 'acme-reports-1250000000'
const Region = 'ap-guangzhou'

/** A COS error document, as Tencent Cloud COS sends it. */
function cosError(status: number, code: string, message: string) {
  const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>${code}</Code>\n\t<Message>${message}</Message>\n\t<Resource>${Bucket}.cos.${Region}.myqcloud.com/reports/q3.csv</Resource>\n\t<RequestId>NjU3MWQzZThfOTdjMjM4MDlfMjA5NV8xYTVl</RequestId>\n\t<TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTE0ODQ2NjdiOTA0MTdiN2MxNTg4MTVhZmRkNTU0ZjM=</TraceId>\n</Error>`
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-cos-request-id': 'NjU3MWQzZThfOTdjMjM4MDlfMjA5NV8xYTVl',
    },
    body,
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // Domain points at the loopback upstream; AutoSwitchHost off (it would retry on a backup domain).
  const cos = (port: number) =>
    new COS({
      SecretId: 'AKIDtestnotakey',
      SecretKey: 'test-secret-not-a-key',
      Domain: `127.0.0.1:${port}`,
      Protocol: 'http:',
      Timeout: 400,
      AutoSwitchHost: false,
      KeepAlive: false,
    })
  const client = cos(up.port)
  const get = () => client.getObject({ Bucket, Region, Key: 'reports/q3.csv' })
  const cases: HeldOutCase[] = []
  const add = async (
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
    run: () => Promise<unknown>,
    upstreamStatus?: number,
  ) => {
    const error = await rejectionOf(run)
    const e = error as { name?: string; code?: string; statusCode?: number }
    cases.push({
      library,
      what: `${what} (${e?.name}${e?.code ? ` code=${e.code}` : ''}${e?.statusCode ? ` statusCode=${e.statusCode}` : ''})`,
      why,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
      expect,
      error,
    })
  }
  try {
    up.reply(cosError(404, 'NoSuchKey', 'The specified key does not exist.'))
    await add('COS answered 404 NoSuchKey to our getObject', WHY.upstream4xx, UPSTREAM_4XX, get, 404)

    up.reply(cosError(412, 'PreconditionFailed', 'Precondition Failed.'))
    await add(
      'COS answered 412 PreconditionFailed to a putObject with If-Match on a stale ETag',
      'conflict: optimistic-concurrency precondition failed (S3 PreconditionFailed row), 409',
      { status: 409 },
      () =>
        client.putObject({
          Bucket,
          Region,
          Key: 'reports/q3.csv',
          Body: Buffer.from('a,b\n1,2\n'),
          Headers: { 'If-Match': '"5d41402abc4b2a76b9719d911017c592"' },
        }),
      412,
    )

    up.reply(cosError(429, 'SlowDown', 'Please reduce your request rate.'))
    await add(
      'COS answered 429 SlowDown (no Retry-After)',
      'upstream 429: dependency unavailable, 503',
      UPSTREAM_429_BARE,
      get,
      429,
    )

    up.reply('hang')
    await add('COS accepted the request and never answered (Timeout 400 ms)', WHY.timeout, TIMED_OUT, get)

    up.reply('reset')
    await add('COS reset the connection after the request', WHY.reset, RESET, get)

    const refused = cos(await closedPort())
    await add('COS endpoint refused the connection', WHY.refused, REFUSED, () =>
      refused.getObject({ Bucket, Region, Key: 'reports/q3.csv' }),
    )

    await add(
      'getObject with a bucket name lacking the -APPID suffix (our config)',
      'our own misconfiguration: 500',
      { status: 500 },
      () => client.getObject({ Bucket: 'acme reports', Region, Key: 'reports/q3.csv' }),
    )
  } finally {
    await up.close()
  }
  return cases
}
