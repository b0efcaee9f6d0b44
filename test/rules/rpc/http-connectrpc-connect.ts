import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { create, createFileRegistry } from '@bufbuild/protobuf'
import type { GenService } from '@bufbuild/protobuf/codegenv2'
import {
  FileDescriptorProtoSchema,
  file_google_protobuf_wrappers,
  type StringValueSchema,
} from '@bufbuild/protobuf/wkt'
import { Code, ConnectError, createClient } from '@connectrpc/connect'
import { connectNodeAdapter, createConnectTransport } from '@connectrpc/connect-node'
import { type Collect, type HeldOutCase, rejectionOf } from '../../held-out/case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from '../../held-out/cases/support/http-expect.js'
import { closedPort, startUpstream } from '../../held-out/cases/support/http-upstream.js'

const library = '@connectrpc/connect'

// billing.v1.Billing/Charge(StringValue) returns (StringValue), described at run time (no codegen).
const registry = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: 'billing/v1/billing.proto',
    package: 'billing.v1',
    syntax: 'proto3',
    dependency: ['google/protobuf/wrappers.proto'],
    service: [
      {
        name: 'Billing',
        method: [
          {
            name: 'Charge',
            inputType: '.google.protobuf.StringValue',
            outputType: '.google.protobuf.StringValue',
          },
        ],
      },
    ],
  }),
  (name) => (name === 'google/protobuf/wrappers.proto' ? file_google_protobuf_wrappers : undefined),
)
const Billing = registry.getService('billing.v1.Billing') as unknown as GenService<{
  charge: { methodKind: 'unary'; input: typeof StringValueSchema; output: typeof StringValueSchema }
}>

/** What the upstream Connect server does with the next call. */
type Answer = ConnectError | 'hang'

export const collect: Collect = async () => {
  let answer: Answer = 'hang'
  const handler = connectNodeAdapter({
    routes: (router) =>
      router.service(Billing, {
        charge: async () => {
          if (answer === 'hang') return new Promise(() => {})
          throw answer
        },
      }),
  })
  const sockets = new Set<Socket>()
  const server: Server = createServer(handler)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const proxy = await startUpstream({
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: '<h1>502</h1>',
  })

  // Connect clients have no retries.
  const transport = (baseUrl: string) =>
    createConnectTransport({ baseUrl, httpVersion: '1.1', useBinaryFormat: false })
  const billing = createClient(Billing, transport(`http://127.0.0.1:${address.port}`))
  const charge =
    (timeoutMs = 2000) =>
    () =>
      billing.charge(
        { value: 'order-7' },
        { headers: { authorization: 'Bearer test-not-a-token' }, timeoutMs },
      )
  const cases: HeldOutCase[] = []
  const why = ' (a ConnectError from our own client call: the upstream’s code, not our answer)'
  try {
    answer = new ConnectError('invalid api key', Code.Unauthenticated, {
      'www-authenticate': 'Bearer realm="billing"',
    })
    cases.push({
      library,
      what: 'upstream Connect server answered unauthenticated (HTTP 401) to our token',
      why: WHY.upstream401 + why,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(charge()),
    })

    answer = new ConnectError('card declined for merchant config', Code.FailedPrecondition)
    cases.push({
      library,
      what: 'upstream Connect server answered failed_precondition (HTTP 400)',
      why: WHY.upstream4xx + why,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(charge()),
    })

    answer = new ConnectError('order-7 not found', Code.NotFound)
    cases.push({
      library,
      what: 'upstream Connect server answered not_found (HTTP 404)',
      why: WHY.upstream4xx + why,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(charge()),
    })

    answer = new ConnectError('quota exceeded', Code.ResourceExhausted, { 'retry-after': '7' })
    cases.push({
      library,
      what: 'upstream Connect server answered resource_exhausted (HTTP 429) with Retry-After: 7',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(charge()),
    })

    answer = new ConnectError('draining', Code.Unavailable, { 'retry-after': '7' })
    cases.push({
      library,
      what: 'upstream Connect server answered unavailable (HTTP 503) with Retry-After: 7',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(charge()),
    })

    answer = new ConnectError('ledger write failed', Code.Internal)
    cases.push({
      library,
      what: 'upstream Connect server answered internal (HTTP 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(charge()),
    })

    answer = 'hang'
    cases.push({
      library,
      what: 'our 250 ms timeoutMs passed while the upstream never answered (deadline_exceeded)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(charge(250)),
    })

    const viaProxy = createClient(Billing, transport(proxy.url))
    cases.push({
      library,
      what: 'a proxy in front of the upstream answered HTTP 502 with an HTML page (ConnectError unavailable)',
      // The client turns the proxy's 502 into gRPC code 14 UNAVAILABLE; the gRPC table decides.
      why: 'gRPC status codes are a table: 14 UNAVAILABLE is 503',
      upstreamStatus: 502,
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => viaProxy.charge({ value: 'order-7' })),
    })

    const refused = createClient(Billing, transport(`http://127.0.0.1:${await closedPort()}`))
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ConnectError unavailable)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.charge({ value: 'order-7' })),
    })
    return cases
  } finally {
    await proxy.close()
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  }
}
