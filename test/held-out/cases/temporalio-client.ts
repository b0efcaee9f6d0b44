import * as grpc from '@grpc/grpc-js'
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client'
import type { Collect, HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { grpcScripted } from './support/grpc-scripted.js'
import { closedPort } from './support/local.js'

const library = '@temporalio/client'
const service = '/temporal.api.workflowservice.v1.WorkflowService/'
const start = `${service}StartWorkflowExecution`
const describe = `${service}DescribeWorkflowExecution`
const signal = `${service}SignalWorkflowExecution`

export const collect: Collect = async () => {
  const server = await grpcScripted([`${service}GetSystemInfo`, start, describe, signal])
  const cases: HeldOutCase[] = []
  const connections: Connection[] = []
  // The app's Temporal connection: the default retry policy, fewer attempts for a request path.
  const interceptors = [
    makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 2, initialIntervalMs: () => 20 })),
  ]
  const open = async (address: string) => {
    const connection = await Connection.connect({ address, connectTimeout: 800, interceptors })
    connections.push(connection)
    return connection
  }
  try {
    const refusedPort = await closedPort()
    cases.push({
      library,
      what: 'Connection.connect to a closed port: the channel never gets ready before connectTimeout',
      why: 'dependency unavailable: refused (the error names the connect deadline; refusal is what happened)',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => open(`127.0.0.1:${refusedPort}`)),
    })
    server.reply(`${service}GetSystemInfo`, {
      code: grpc.status.UNAUTHENTICATED,
      details: 'Request unauthorized.',
    })
    cases.push({
      library,
      what: 'Connection.connect: GetSystemInfo answers UNAUTHENTICATED to our API key, ServiceError "Failed to connect to Temporal server"',
      why: 'a dependency rejecting our credentials → 500',
      expect: { status: 500 },
      error: await rejectionOf(() => open(server.address)),
    })
    server.reply(`${service}GetSystemInfo`, { code: grpc.status.UNIMPLEMENTED, details: 'unknown method' })
    const connection = await open(server.address)
    const client = new Client({ connection, namespace: 'orders' })
    const startOrder = (orderId: string) =>
      client.workflow.start('fulfilOrder', {
        taskQueue: 'orders',
        workflowId: `order-${orderId}`,
        args: [orderId],
      })
    const scripted = async (
      what: string,
      why: string,
      reply: Parameters<typeof server.reply>[1],
      expect: HeldOutCase['expect'],
    ) => {
      server.reply(start, reply)
      cases.push({ library, what, why, expect, error: await rejectionOf(() => startOrder('A-1042')) })
    }
    await scripted(
      'workflow.start: StartWorkflowExecution answers ALREADY_EXISTS for the order id the client sent, WorkflowExecutionAlreadyStartedError',
      "conflict: the client's order is already being fulfilled",
      {
        code: grpc.status.ALREADY_EXISTS,
        details: 'Workflow execution is already running. WorkflowId: order-A-1042.',
      },
      { status: 409 },
    )
    await scripted(
      'workflow.start: StartWorkflowExecution answers RESOURCE_EXHAUSTED (namespace rate limit) twice, ServiceError with the gRPC error as cause',
      'dependency throttling → dependency unavailable',
      { code: grpc.status.RESOURCE_EXHAUSTED, details: 'namespace rate limit exceeded' },
      { status: 503, retryable: true },
    )
    await scripted(
      'workflow.start: StartWorkflowExecution answers UNAVAILABLE twice, ServiceError with the gRPC error as cause',
      'dependency unavailable',
      { code: grpc.status.UNAVAILABLE, details: 'frontend is shutting down' },
      { status: 503, retryable: true },
    )
    await scripted(
      'workflow.start: StartWorkflowExecution answers PERMISSION_DENIED (our identity may not use the namespace)',
      'a dependency rejecting our credentials → 500',
      { code: grpc.status.PERMISSION_DENIED, details: 'Request unauthorized.' },
      { status: 500 },
    )
    await scripted(
      'workflow.start: StartWorkflowExecution answers INVALID_ARGUMENT to the request our code built (bad task queue)',
      'our server sent the dependency a bad request → 500',
      { code: grpc.status.INVALID_ARGUMENT, details: 'TaskQueue name exceeds length limit of 1000.' },
      { status: 500 },
    )
    await scripted(
      'workflow.start: StartWorkflowExecution answers FAILED_PRECONDITION (namespace not active in this cluster)',
      'dependency misconfigured for us → 500',
      {
        code: grpc.status.FAILED_PRECONDITION,
        details:
          'Namespace: orders is active in cluster: west, while current cluster east is a standby cluster.',
      },
      { status: 500 },
    )
    await scripted(
      'workflow.start: StartWorkflowExecution answers INTERNAL, ServiceError with the gRPC error as cause',
      'dependency failed while answering → upstream answered badly',
      { code: grpc.status.INTERNAL, details: 'GetOrCreateShard: failed to get ShardID 3' },
      { status: 502, retryable: true },
    )
    await scripted(
      "workflow.start: StartWorkflowExecution answers DEADLINE_EXCEEDED (the server's persistence timed out)",
      'dependency too slow: DEADLINE_EXCEEDED',
      { code: grpc.status.DEADLINE_EXCEEDED, details: 'context deadline exceeded' },
      { status: 504, retryable: true },
    )
    server.reply(start, 'hang')
    cases.push({
      library,
      what: 'workflow.start under connection.withDeadline(300 ms): the server never answers, DEADLINE_EXCEEDED',
      why: 'dependency too slow: our call deadline',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => connection.withDeadline(Date.now() + 300, () => startOrder('A-1043'))),
    })
    server.reply(describe, {
      code: grpc.status.NOT_FOUND,
      details: 'workflow execution not found for workflow ID "order-Z-9" and run ID ""',
    })
    cases.push({
      library,
      what: 'handle.describe() for the order id in the URL: DescribeWorkflowExecution answers NOT_FOUND, WorkflowNotFoundError',
      why: "not found: the client's order id names no workflow",
      expect: { status: 404 },
      error: await rejectionOf(() => client.workflow.getHandle('order-Z-9').describe()),
    })
    server.reply(signal, { code: grpc.status.ABORTED, details: 'shard ownership lost, retry' })
    cases.push({
      library,
      what: 'handle.signal(): SignalWorkflowExecution answers ABORTED twice, ServiceError with the gRPC error as cause',
      why: 'contention that a retry fixes → dependency unavailable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => client.workflow.getHandle('order-A-1042').signal('cancel')),
    })
    return cases
  } finally {
    for (const connection of connections) await connection.close()
    await server.close()
  }
}
