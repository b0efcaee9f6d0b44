/**
 * A scripted PostgreSQL server on 127.0.0.1 for batch AU (a companion of pg-wire.ts, which it does
 * not change): it accepts a start-up, answers the first `okFirst` queries it receives (over all
 * connections) with an empty result, so that a client's own bootstrap query (slonik's pg_type
 * lookup) succeeds, and then does what the script says with every later query: answer an
 * ErrorResponse with a SQLSTATE, drop the connection mid-query, or never answer. Both the simple
 * ('Q') and the extended (Parse/Bind/Describe/Execute … Sync) protocols are understood
 * (PostgreSQL docs chapter 55).
 */
import type { Socket } from 'node:net'
import { type LocalServer, tcpServer } from './local.js'

export interface ScriptedError {
  readonly code: string
  readonly message: string
  readonly severity?: 'ERROR' | 'FATAL'
}

export interface PgScript {
  /** Queries (over all connections) answered with an empty result first (default 0). */
  readonly okFirst?: number
  /** What every later query gets. */
  readonly later: ScriptedError | 'drop' | 'hang'
}

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5)
  head.write(type, 0, 'latin1')
  head.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([head, body])
}

const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8')

function int32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

function errorResponse(e: ScriptedError): Buffer {
  const severity = e.severity ?? 'ERROR'
  const fields = [
    ['S', severity],
    ['V', severity],
    ['C', e.code],
    ['M', e.message],
    ['F', 'postgres.c'],
    ['R', 'ProcessInterrupts'],
  ]
  return message('E', Buffer.concat([...fields.map(([k, v]) => cstr(`${k}${v}`)), Buffer.from([0])]))
}

const ready = () => message('Z', Buffer.from('I', 'latin1'))
const empty = () => Buffer.concat([message('T', Buffer.from([0, 0])), message('C', cstr('SELECT 0'))])

function startupReply(): Buffer {
  const params: [string, string][] = [
    ['server_version', '16.4'],
    ['server_encoding', 'UTF8'],
    ['client_encoding', 'UTF8'],
    ['DateStyle', 'ISO, MDY'],
    ['integer_datetimes', 'on'],
    ['standard_conforming_strings', 'on'],
    ['TimeZone', 'UTC'],
  ]
  return Buffer.concat([
    message('R', int32(0)),
    ...params.map(([k, v]) => message('S', Buffer.concat([cstr(k), cstr(v)]))),
    message('K', Buffer.concat([int32(4242), int32(77)])),
    ready(),
  ])
}

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
        if (outcome()) socket.write(Buffer.concat([empty(), ready()]))
        else if (typeof script.later === 'object')
          socket.write(Buffer.concat([errorResponse(script.later), ready()]))
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
        socket.write(Buffer.concat([...parts, ready()]))
      } else if (typeof script.later === 'object')
        socket.write(Buffer.concat([errorResponse(script.later), ready()]))
      if (socket.destroyed) return
    }
  })
}

/** A scripted PostgreSQL server on 127.0.0.1. */
export function scriptedPostgres(script: PgScript): Promise<LocalServer> {
  const count = { answered: 0 }
  return tcpServer((socket) => drive(socket, script, count))
}
