/**
 * A scripted PostgreSQL server on 127.0.0.1 (beside pg-wire.ts's, whose protocol messages it uses):
 * it accepts a start-up, answers the first `okFirst` queries it receives (over all
 * connections) with an empty result, so that a client's own bootstrap query (slonik's pg_type
 * lookup) succeeds, and then does what the script says with every later query: answer an
 * ErrorResponse with a SQLSTATE, drop the connection mid-query, or never answer. Both the simple
 * ('Q') and the extended (Parse/Bind/Describe/Execute … Sync) protocols are understood
 * (PostgreSQL docs chapter 55).
 */
import type { Socket } from 'node:net'
import { type LocalServer, tcpServer } from './local.js'
import { cstr, errorResponse, message, type PgError, readyForQuery, startupReply } from './pg-wire.js'

/** The error a scripted query gets: an ErrorResponse with its SQLSTATE. */
export type ScriptedError = PgError

export interface PgScript {
  /** Queries (over all connections) answered with an empty result first (default 0). */
  readonly okFirst?: number
  /** What every later query gets. */
  readonly later: ScriptedError | 'drop' | 'hang'
}

const empty = () => Buffer.concat([message('T', Buffer.from([0, 0])), message('C', cstr('SELECT 0'))])

function drive(socket: Socket, script: PgScript, count: { answered: number }): void {
  let buffer = Buffer.alloc(0)
  let started = false
  let extended: string[] = []
  const outcome = (): boolean => {
    if (count.answered++ < (script.okFirst ?? 0)) return true
    if (script.later === 'drop') socket.destroy()
    return false
  }
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return
        const length = buffer.readInt32BE(0)
        if (buffer.length < length) return
        const code = buffer.readInt32BE(4)
        buffer = buffer.subarray(length)
        if (code === 80877103 || code === 80877104) {
          socket.write('N')
          continue
        }
        if (code === 80877102) {
          socket.end()
          return
        }
        started = true
        socket.write(startupReply())
        continue
      }
      if (buffer.length < 5) return
      const type = String.fromCharCode(buffer[0]!)
      const length = buffer.readInt32BE(1)
      if (buffer.length < length + 1) return
      buffer = buffer.subarray(length + 1)
      if (type === 'X') {
        socket.end()
        return
      }
      if (type === 'Q') {
        if (outcome()) socket.write(Buffer.concat([empty(), readyForQuery()]))
        else if (typeof script.later === 'object')
          socket.write(Buffer.concat([errorResponse(script.later), readyForQuery()]))
        if (socket.destroyed) return
        continue
      }
      if (type !== 'S') {
        if (type !== 'H') extended.push(type)
        continue
      }
      const steps = extended
      extended = []
      if (outcome()) {
        const parts: Buffer[] = []
        for (const step of steps) {
          if (step === 'P') parts.push(message('1', Buffer.alloc(0)))
          else if (step === 'B') parts.push(message('2', Buffer.alloc(0)))
          else if (step === 'D') parts.push(message('T', Buffer.from([0, 0])))
          else if (step === 'E') parts.push(message('C', cstr('SELECT 0')))
        }
        socket.write(Buffer.concat([...parts, readyForQuery()]))
      } else if (typeof script.later === 'object')
        socket.write(Buffer.concat([errorResponse(script.later), readyForQuery()]))
      if (socket.destroyed) return
    }
  })
}

/** A scripted PostgreSQL server on 127.0.0.1. */
export function scriptedPostgres(script: PgScript): Promise<LocalServer> {
  const count = { answered: 0 }
  return tcpServer((socket) => drive(socket, script, count))
}
