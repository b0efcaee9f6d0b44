import { type Code, ConnectError } from '@connectrpc/connect'
import {
  credentials,
  Metadata,
  makeGenericClientConstructor,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type sendUnaryData,
  type status,
} from '@grpc/grpc-js'
import { catalog, type Example } from './example.js'

// gRPC status codes (grpc/grpc doc/statuscodes.md) and what the policy answers for each, written
// out here: the catalog must not take its codes from the rule it checks. Received: a real
// @grpc/grpc-js client's `ServiceError`, the status a loopback gRPC server answered our call with.
// Raised: a real `ConnectError` that our own Connect handler throws.

/** [code, name, status, retryable] of a status received from an upstream. */
const RECEIVED = [
  [1, 'CANCELLED', 499, false],
  [2, 'UNKNOWN', 502, true],
  [3, 'INVALID_ARGUMENT', 500, false],
  [4, 'DEADLINE_EXCEEDED', 504, true],
  [5, 'NOT_FOUND', 500, false],
  [6, 'ALREADY_EXISTS', 500, false],
  [7, 'PERMISSION_DENIED', 500, false],
  [8, 'RESOURCE_EXHAUSTED', 503, true],
  [9, 'FAILED_PRECONDITION', 500, false],
  [10, 'ABORTED', 503, true],
  [11, 'OUT_OF_RANGE', 500, false],
  [12, 'UNIMPLEMENTED', 500, false],
  [13, 'INTERNAL', 502, true],
  [14, 'UNAVAILABLE', 503, true],
  [15, 'DATA_LOSS', 502, true],
  [16, 'UNAUTHENTICATED', 500, false],
] as const

/** [code, name, status, retryable] of a status our own handler raised, by Connect's HTTP mapping. */
const RAISED = [
  [1, 'CANCELLED', 499, false],
  [2, 'UNKNOWN', 500, false],
  [3, 'INVALID_ARGUMENT', 400, false],
  [4, 'DEADLINE_EXCEEDED', 504, true],
  [5, 'NOT_FOUND', 404, false],
  [6, 'ALREADY_EXISTS', 409, false],
  [7, 'PERMISSION_DENIED', 403, false],
  [8, 'RESOURCE_EXHAUSTED', 429, true],
  [9, 'FAILED_PRECONDITION', 400, false],
  [10, 'ABORTED', 409, false],
  [11, 'OUT_OF_RANGE', 400, false],
  [12, 'UNIMPLEMENTED', 501, false],
  [13, 'INTERNAL', 500, false],
  [14, 'UNAVAILABLE', 503, true],
  [15, 'DATA_LOSS', 500, false],
  [16, 'UNAUTHENTICATED', 401, false],
] as const

type Row = readonly [code: number, name: string, status: number, retryable: boolean]

// A one-method gRPC service with raw-bytes messages, so no .proto and no codegen are needed.
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

let upstream: { server: Server; client: InstanceType<typeof InventoryClient> } | undefined

/** Starts the loopback gRPC server on first use. It answers each call with the code the request names. */
async function started(): Promise<NonNullable<typeof upstream>> {
  if (upstream) return upstream
  const server = new Server()
  server.addService(service, {
    get(call: { request: Buffer }, callback: sendUnaryData<Buffer>) {
      callback({ code: Number(call.request.toString()) as status, details: 'upstream said no' })
    },
  })
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  )
  upstream = { server, client: new InventoryClient(`127.0.0.1:${port}`, credentials.createInsecure()) }
  return upstream
}

function close(): void {
  upstream?.client.close()
  upstream?.server.forceShutdown()
  upstream = undefined
}

/** The error our gRPC call rejects with when the upstream answers `code`. */
async function received(code: number): Promise<unknown> {
  const { client } = await started()
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      service.get.path,
      identity,
      identity,
      Buffer.from(String(code)),
      new Metadata(),
      { deadline: Date.now() + 2000 },
      (error: unknown, value: unknown) =>
        resolve(error ?? new Error(`expected a rejection, got ${String(value)}`)),
    )
  })
}

const receivedExample = ([code, name, status, retryable]: Row): Example => ({
  error: `gRPC / Connect status ${code} ${name} received from an upstream`,
  make: () => received(code),
  rule: `rpc:received:${name}`,
  status,
  retryable,
})

// Connect's `Code` enum numbers its codes as gRPC does.
const raisedExample = ([code, name, status, retryable]: Row): Example => ({
  error: `Connect status ${code} ${name} raised by our own handler`,
  make: () => new ConnectError(`our handler: ${name}`, code as Code),
  rule: `rpc:${name}`,
  status,
  retryable,
})

/** A client library's own error for a call that failed, made from the gRPC client's message only. */
class StoreCallError extends Error {
  override name = 'StoreCallError'
}

const wrappedExample: Example = {
  error:
    "a wrapper's error that keeps only the gRPC client's words for the status (`4 DEADLINE_EXCEEDED: …`)",
  make: async () => new StoreCallError(((await received(4)) as Error).message),
  rule: 'rpc:received:DEADLINE_EXCEEDED',
  status: 504,
  retryable: true,
}

/**
 * A JSON-RPC client's error for a peer's error object (jsonrpc.org/specification#error_object): the
 * object's `code` and `message` on the client's own error, as JSON-RPC clients keep them.
 */
class JsonRpcClientError extends Error {
  override name = 'JsonRpcClientError'
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message)
  }
}

const jsonRpcExamples: Example[] = [
  {
    error:
      "a JSON-RPC peer's internal error (-32603) or implementation-defined server error (-32000 to -32099)",
    make: () => new JsonRpcClientError('Internal error', -32603),
    rule: 'rpc:json-rpc:server-error',
    status: 502,
    retryable: true,
  },
  {
    error: 'a JSON-RPC peer\'s "Limit exceeded" (-32005, as the node API of EIP-1474 names it)',
    make: () => new JsonRpcClientError('limit exceeded', -32005),
    rule: 'rpc:json-rpc:limit-exceeded',
    status: 503,
    retryable: true,
  },
  {
    error: 'a JSON-RPC call the peer could not parse or take (-32700, -32600 to -32602)',
    make: () => new JsonRpcClientError('Method not found', -32601),
    rule: 'rpc:json-rpc:bad-call',
    status: 500,
  },
]

export default catalog(
  'rpc',
  [...RECEIVED.map(receivedExample), wrappedExample, ...RAISED.map(raisedExample), ...jsonRpcExamples],
  close,
)
