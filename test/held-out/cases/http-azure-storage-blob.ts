import { BlobServiceClient } from '@azure/storage-blob'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, TIMED_OUT, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_503, WHY } from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@azure/storage-blob'
// Azurite's well-known development account key (public, not a secret).
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

/** An Azure Storage error, as the service (and Azurite) sends it: XML body and x-ms-error-code. */
function azureError(status: number, code: string, message: string, extra: Record<string, string> = {}) {
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-ms-error-code': code,
      'x-ms-request-id': '3f5e8a52-701e-0042-6a1b-2f8a35000000',
      'x-ms-version': '2025-01-05',
      ...extra,
    },
    body: `\uFEFF<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:3f5e8a52-701e-0042-6a1b-2f8a35000000\nTime:2026-12-07T02:55:00.0000000Z</Message></Error>`,
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const service = (port: number) =>
    BlobServiceClient.fromConnectionString(
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
      { retryOptions: { maxTries: 1, tryTimeoutInMs: 400 } },
    )
  const blob = service(up.port).getContainerClient('invoices').getBlockBlobClient('2026/12/inv-881.pdf')
  const download = () => blob.download()
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
      what: `${what} (${e.name}${e.code ? ` code=${e.code}` : ''}${e.statusCode ? ` statusCode=${e.statusCode}` : ''})`,
      why,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
      expect,
      error,
    })
  }
  try {
    up.reply(azureError(404, 'BlobNotFound', 'The specified blob does not exist.'))
    await add(
      'storage answered 404 BlobNotFound to our download',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      download,
      404,
    )

    up.reply(
      azureError(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
      ),
    )
    await add(
      'storage answered 403 AuthenticationFailed to our shared key',
      'SDK error caused by our own credentials: 500',
      UPSTREAM_4XX,
      download,
      403,
    )

    up.reply(
      azureError(
        412,
        'ConditionNotMet',
        'The condition specified using HTTP conditional header(s) is not met.',
      ),
    )
    await add(
      'storage answered 412 ConditionNotMet to an upload with ifMatch on a stale ETag',
      'conflict: optimistic-concurrency precondition failed (like S3 PreconditionFailed), 409',
      { status: 409 },
      () => blob.upload('%PDF-1.7', 8, { conditions: { ifMatch: '"0x8DC1A2B3C4D5E6F"' } }),
      412,
    )

    up.reply(
      azureError(
        503,
        'ServerBusy',
        'The server is currently unable to receive requests. Please retry your request.',
        RETRY_AFTER,
      ),
    )
    await add(
      'storage answered 503 ServerBusy with Retry-After: 7',
      WHY.upstream503,
      UPSTREAM_503,
      download,
      503,
    )

    up.reply(
      azureError(500, 'InternalError', 'The server encountered an internal error. Please retry the request.'),
    )
    await add('storage answered 500 InternalError', WHY.upstream5xx, UPSTREAM_5XX, download, 500)

    up.reply('hang')
    // tryTimeoutInMs alone does not end a download whose answer never comes: our own deadline does.
    await add(
      'storage accepted the request and never answered; our AbortSignal.timeout(400) fired',
      'dependency too slow: our own deadline (an abort whose reason is a TimeoutError), 504',
      TIMED_OUT,
      () => blob.download(0, undefined, { abortSignal: AbortSignal.timeout(400) }),
    )

    const refused = service(await closedPort())
      .getContainerClient('invoices')
      .getBlockBlobClient('a.pdf')
    await add('storage endpoint refused the connection', WHY.refused, REFUSED, () => refused.download())

    await add(
      'client built from a connection string without AccountKey',
      'our own misconfiguration: 500',
      { status: 500 },
      async () =>
        BlobServiceClient.fromConnectionString(
          `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;BlobEndpoint=${up.url}/devstoreaccount1;`,
        ),
    )
  } finally {
    await up.close()
  }
  return cases
}
