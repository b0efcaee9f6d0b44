/**
 * A scripted gRPC server on 127.0.0.1 (batch AK), written with @grpc/grpc-js: it answers each
 * unary method it was given by its full path with the status the script names (or never answers),
 * without knowing the protobuf messages (raw bytes in, an empty message out).
 */
import * as grpc from '@grpc/grpc-js'

export type GrpcReply =
  | { readonly code: grpc.status; readonly details: string; readonly metadata?: Record<string, string> }
  | { readonly ok: Buffer }
  | 'hang'

export interface GrpcScripted {
  readonly port: number
  readonly address: string
  /** Sets what the method at `path` answers next (every method not set answers UNIMPLEMENTED). */
  reply(path: string, next: GrpcReply): void
  close(): Promise<void>
}

export async function grpcScripted(paths: readonly string[]): Promise<GrpcScripted> {
  const replies = new Map<string, GrpcReply>()
  const server = new grpc.Server()
  const hanging = new Set<grpc.ServerUnaryCall<Buffer, Buffer>>()
  const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {}
  const implementation: grpc.UntypedServiceImplementation = {}
  for (const path of paths) {
    const name = path.slice(path.lastIndexOf('/') + 1)
    definition[name] = {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: (b: Buffer) => b,
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Buffer) => b,
      responseDeserialize: (b: Buffer) => b,
    }
    implementation[name] = (
      call: grpc.ServerUnaryCall<Buffer, Buffer>,
      callback: grpc.sendUnaryData<Buffer>,
    ) => {
      const now = replies.get(path) ?? { code: grpc.status.UNIMPLEMENTED, details: `${name} is not scripted` }
      if (now === 'hang') {
        hanging.add(call)
        call.on('cancelled', () => hanging.delete(call))
        return
      }
      if ('ok' in now) return callback(null, now.ok)
      const metadata = new grpc.Metadata()
      for (const [k, v] of Object.entries(now.metadata ?? {})) metadata.set(k, v)
      callback({ code: now.code, details: now.details, metadata })
    }
  }
  server.addService(definition, implementation)
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  )
  return {
    port,
    address: `127.0.0.1:${port}`,
    reply(path, next) {
      replies.set(path, next)
    },
    close() {
      server.forceShutdown()
      return Promise.resolve()
    },
  }
}
