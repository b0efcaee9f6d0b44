import {
  credentials,
  Metadata,
  makeGenericClientConstructor,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServiceDefinition,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js'
import type { Collect, HeldOutCase } from '../../held-out/case.js'
import { closedPort } from '../../held-out/cases/support/http-upstream.js'

const library = '@grpc/grpc-js'

// A one-method service with raw-bytes messages, so no .proto and no codegen are needed.
const identity = (value: Buffer) => value
const service = {
  get: {
    path: '/inventory.v1.Inventory/Get',
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
} satisfies ServiceDefinition
const InventoryClient = makeGenericClientConstructor(service, 'Inventory')

/** What the server answers to the next call: a gRPC status, or nothing at all. */
type Answer = { code: status; details: string } | 'hang'

function call(client: InstanceType<typeof InventoryClient>, deadlineMs = 2000): Promise<unknown> {
  return new Promise((resolve) => {
    const metadata = new Metadata()
    metadata.set('authorization', 'Bearer test-not-a-token')
    client.makeUnaryRequest(
      service.get.path,
      identity,
      identity,
      Buffer.from('sku-1'),
      metadata,
      { deadline: Date.now() + deadlineMs },
      (error: unknown, value: unknown) =>
        resolve(error ?? new Error(`expected a rejection, got ${String(value)}`)),
    )
  })
}

export const collect: Collect = async () => {
  let answer: Answer = 'hang'
  const server = new Server()
  server.addService(service, {
    get(_call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) {
      if (answer === 'hang') return
      const trailer = new Metadata()
      trailer.set('x-upstream', 'inventory')
      callback({ code: answer.code, details: answer.details, metadata: trailer })
    },
  })
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  )
  // grpc-js retries only by service config (none given) or transparently before the call is sent.
  const client = new InventoryClient(`127.0.0.1:${port}`, credentials.createInsecure())
  const cases: HeldOutCase[] = []
  const ask = async (next: Answer, deadlineMs?: number) => {
    answer = next
    return call(client, deadlineMs)
  }
  try {
    cases.push({
      library,
      what: 'upstream answered gRPC 16 UNAUTHENTICATED to our token',
      why: 'gRPC code that blames our credentials on an outbound call: 500',
      expect: { status: 500 },
      error: await ask({ code: status.UNAUTHENTICATED, details: 'invalid token' }),
    })
    cases.push({
      library,
      what: 'upstream answered gRPC 7 PERMISSION_DENIED',
      why: 'gRPC code that blames our credentials on an outbound call: 500',
      expect: { status: 500 },
      error: await ask({ code: status.PERMISSION_DENIED, details: 'caller lacks inventory.read' }),
    })
    cases.push({
      library,
      what: 'upstream answered gRPC 3 INVALID_ARGUMENT to the request we built',
      why: 'gRPC code that blames our request on an outbound call: 500',
      expect: { status: 500 },
      error: await ask({ code: status.INVALID_ARGUMENT, details: 'sku must match [A-Z0-9-]+' }),
    })
    cases.push({
      library,
      what: 'upstream answered gRPC 5 NOT_FOUND',
      why: 'upstream said not-found to our call (like an upstream 404): 500, not our 404',
      expect: { status: 500 },
      error: await ask({ code: status.NOT_FOUND, details: 'sku-1 not found' }),
    })
    cases.push({
      library,
      what: 'upstream answered gRPC 8 RESOURCE_EXHAUSTED (quota)',
      why: 'gRPC 8: dependency unavailable, 503',
      expect: { status: 503, retryable: true },
      error: await ask({ code: status.RESOURCE_EXHAUSTED, details: 'quota exceeded for inventory reads' }),
    })
    cases.push({
      library,
      what: 'upstream answered gRPC 14 UNAVAILABLE',
      why: 'gRPC 14: dependency unavailable, 503',
      expect: { status: 503, retryable: true },
      error: await ask({ code: status.UNAVAILABLE, details: 'draining' }),
    })
    cases.push({
      library,
      what: 'upstream answered gRPC 13 INTERNAL',
      why: "gRPC 13 is the upstream's own fault (its HTTP mapping is 500): upstream answered badly, 502",
      expect: { status: 502, retryable: true },
      error: await ask({ code: status.INTERNAL, details: 'panic: nil map' }),
    })
    cases.push({
      library,
      what: 'our 250 ms call deadline passed while the upstream never answered (4 DEADLINE_EXCEEDED)',
      why: 'gRPC 4: dependency too slow, 504',
      expect: { status: 504, retryable: true },
      error: await ask('hang', 250),
    })

    const refused = new InventoryClient(`127.0.0.1:${await closedPort()}`, credentials.createInsecure())
    try {
      cases.push({
        library,
        what: 'connection refused by a closed loopback port (14 UNAVAILABLE, No connection established)',
        why: 'refused / unreachable dependency: 503',
        expect: { status: 503, retryable: true },
        error: await call(refused, 1500),
      })
    } finally {
      refused.close()
    }
    return cases
  } finally {
    client.close()
    server.forceShutdown()
  }
}
