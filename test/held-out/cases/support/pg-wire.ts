/**
 * PostgreSQL stand-ins on 127.0.0.1 for the PostgreSQL clients of this batch:
 * - `startPglite()`: a real PostgreSQL engine (PGlite, WASM) served over the wire protocol by
 *   @electric-sql/pglite-socket;
 * - `fakePostgres()`: a scripted server that speaks just enough of the frontend/backend protocol
 *   (v3.0, PostgreSQL docs chapter 55 "Message Formats") to accept a start-up and answer every
 *   query, or the start-up itself, with an ErrorResponse carrying a SQLSTATE. It is how the
 *   errors a single-session PGlite cannot produce (deadlock, serialization failure, lock timeout,
 *   statement timeout, too many connections, bad password) reach a real client.
 */

import type { Socket } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { type LocalServer, tcpServer } from './local.js'

export interface PgliteServer {
  readonly db: PGlite
  readonly port: number
  close(): Promise<void>
}

/**
 * `maxConnections` (pglite-socket's default is 1) lets a client connect again before the server
 * has seen its last connection close: at one, a reconnect that wins that race is refused with a
 * line of text no client reads as an answer, and waits forever.
 */
export async function startPglite(options: { maxConnections?: number } = {}): Promise<PgliteServer> {
  const db = await PGlite.create()
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, ...options })
  await server.start()
  const port = Number(String(server.getServerConn()).split(':').pop())
  return {
    db,
    port,
    async close() {
      await server.stop()
      await db.close()
    },
  }
}

/** An ErrorResponse: SQLSTATE, message, and optional detail. */
export interface PgError {
  readonly severity?: 'ERROR' | 'FATAL'
  readonly code: string
  readonly message: string
  readonly detail?: string
}

export interface FakePostgresScript {
  /** Refuse the start-up with this (FATAL) error, then close. */
  readonly startup?: PgError
  /** Answer every query with this error. */
  readonly query?: PgError
}

/** A protocol message: its type byte, its length, its body (PostgreSQL docs chapter 55). */
export function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5)
  head.write(type, 0, 'latin1')
  head.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([head, body])
}

export const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8')

export function errorResponse(e: PgError): Buffer {
  const severity = e.severity ?? 'ERROR'
  const fields = [
    ['S', severity],
    ['V', severity],
    ['C', e.code],
    ['M', e.message],
    ...(e.detail === undefined ? [] : [['D', e.detail]]),
    ['F', 'postgres.c'],
    ['R', 'ProcessInterrupts'],
  ]
  return message('E', Buffer.concat([...fields.map(([k, v]) => cstr(`${k}${v}`)), Buffer.from([0])]))
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

export const readyForQuery = () => message('Z', Buffer.from('I', 'latin1'))

/** The answer to a start-up: trust authentication, the server's parameters, ready for a query. */
export function startupReply(): Buffer {
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
    readyForQuery(),
  ])
}

function drive(socket: Socket, script: FakePostgresScript): void {
  let buffer = Buffer.alloc(0)
  let started = false
  let failedUntilSync = false
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
          socket.write('N') // no SSL, no GSS encryption
          continue
        }
        if (code === 80877102) {
          socket.end() // CancelRequest
          return
        }
        if (script.startup) {
          socket.end(errorResponse({ ...script.startup, severity: 'FATAL' }))
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
      const error = script.query ?? { code: '0A000', message: 'feature not supported' }
      if (type === 'X') {
        socket.end()
        return
      }
      if (type === 'Q') socket.write(Buffer.concat([errorResponse(error), readyForQuery()]))
      else if (type === 'S') {
        failedUntilSync = false
        socket.write(readyForQuery())
      } else if (!failedUntilSync) {
        failedUntilSync = true
        socket.write(errorResponse(error))
      }
    }
  })
}

/** A scripted PostgreSQL server on 127.0.0.1. */
export function fakePostgres(script: FakePostgresScript): Promise<LocalServer> {
  return tcpServer((socket) => drive(socket, script))
}

/** Answers the start-up with an HTTP status line and closes: a port that is not PostgreSQL. */
export function httpSpeaker(): Promise<LocalServer> {
  return tcpServer((socket) =>
    socket.once('data', () =>
      socket.end(
        'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nBad Request',
      ),
    ),
  )
}
