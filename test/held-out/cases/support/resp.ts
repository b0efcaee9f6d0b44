// A scripted Redis (RESP2) server on 127.0.0.1 for the session-store collectors: it answers the
// handshake with +OK and every data command with what `script` returns (raw RESP bytes, or
// `null` for no answer at all).
import type { Socket } from 'node:net'
import { type LocalServer, tcpServer } from './local.js'

/** Splits a buffer of RESP arrays of bulk strings into commands; returns the unused tail. */
export function parse(buffer: string): { commands: string[][]; rest: string } {
  const commands: string[][] = []
  let at = 0
  for (;;) {
    if (buffer[at] !== '*') break
    const head = buffer.indexOf('\r\n', at)
    if (head < 0) break
    const count = Number(buffer.slice(at + 1, head))
    let pos = head + 2
    const args: string[] = []
    let complete = true
    for (let i = 0; i < count; i++) {
      const lenEnd = buffer.indexOf('\r\n', pos)
      if (lenEnd < 0) {
        complete = false
        break
      }
      const len = Number(buffer.slice(pos + 1, lenEnd))
      if (buffer.length < lenEnd + 2 + len + 2) {
        complete = false
        break
      }
      args.push(buffer.slice(lenEnd + 2, lenEnd + 2 + len))
      pos = lenEnd + 2 + len + 2
    }
    if (!complete) break
    commands.push(args)
    at = pos
  }
  return { commands, rest: buffer.slice(at) }
}

export type RespScript = (command: string[]) => string | null

export function respServer(script: () => RespScript): Promise<LocalServer> {
  return tcpServer((socket: Socket) => {
    let pending = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      const { commands, rest } = parse(pending + chunk)
      pending = rest
      for (const command of commands) {
        const name = command[0]?.toUpperCase()
        if (name === 'CLIENT' || name === 'HELLO' || name === 'SELECT' || name === 'PING') {
          socket.write('+OK\r\n')
          continue
        }
        const answer = script()(command)
        if (answer !== null) socket.write(answer)
      }
    })
  })
}
