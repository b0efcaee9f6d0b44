// A scripted memcached (text protocol) server on 127.0.0.1, batch AW: every command line gets what
// `script` returns for it (raw bytes, or `null` for no answer); the data block of a storage
// command is read and skipped.
import type { Socket } from 'node:net'
import { type LocalServer, tcpServer } from './local.js'

export type MemcacheScript = (command: string[]) => string | null

const STORAGE = new Set(['set', 'add', 'replace', 'append', 'prepend', 'cas'])

export function memcacheServer(script: () => MemcacheScript): Promise<LocalServer> {
  return tcpServer((socket: Socket) => {
    let pending = ''
    let skip = -1
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      pending += chunk
      for (;;) {
        if (skip >= 0) {
          if (pending.length < skip + 2) return
          pending = pending.slice(skip + 2)
          skip = -1
          continue
        }
        const end = pending.indexOf('\r\n')
        if (end < 0) return
        const line = pending.slice(0, end)
        pending = pending.slice(end + 2)
        const command = line.split(' ')
        if (STORAGE.has(command[0] ?? '')) skip = Number(command[4])
        const answer = script()(command)
        if (answer !== null) socket.write(answer)
      }
    })
  })
}
