declare module 'jsftp' {
  import { EventEmitter } from 'node:events'
  import type { Socket } from 'node:net'

  interface FtpResponse {
    code: number
    text: string
    isMark?: boolean
    isError?: boolean
  }
  type Callback<T> = (error: Error | null | undefined, result?: T) => void

  class JSFtp extends EventEmitter {
    constructor(options: { host?: string; port?: number; user?: string; pass?: string })
    timeout?: number
    auth(user: string, pass: string, callback: Callback<FtpResponse>): void
    raw(command: string, ...args: Array<string | Callback<FtpResponse>>): void
    get(path: string, callback: Callback<Socket>): void
    put(source: Buffer, path: string, callback: Callback<void>): void
    destroy(): void
  }
  export default JSFtp
}
