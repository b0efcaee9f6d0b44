import { describe, expect, it } from 'vitest'
import type { Collect } from '../held-out/case.js'
import { score } from '../held-out/score.js'
import { collect as connectServer } from './rpc/connectrpc-connect.js'
import { collect as connectClient } from './rpc/http-connectrpc-connect.js'
import { collect as grpcClient } from './rpc/http-grpc-grpc-js.js'

// Real errors of @grpc/grpc-js and @connectrpc/connect, thrown live against loopback servers.
// They were collected for the held-out set; the rpc family was written against them, so they
// left it and are tested here.
const groups: readonly (readonly [string, Collect])[] = [
  ['Connect, raised by our own handler', connectServer],
  ['Connect, received by a client', connectClient],
  ['gRPC, received by a client', grpcClient],
]

describe('rpc: gRPC and Connect status codes', () => {
  for (const [label, collect] of groups) {
    it(label, async () => {
      const results = (await collect()).map(score)
      expect(results.length).toBeGreaterThan(3)
      for (const result of results) expect(result.misses, `${result.case.what} (${result.rule})`).toEqual([])
    })
  }
})
