declare module 'tarantool-driver' {
  import { EventEmitter } from 'node:events'

  interface Options {
    host?: string
    port?: number
    username?: string
    password?: string
    timeout?: number
    lazyConnect?: boolean
    enableOfflineQueue?: boolean
    retryStrategy?: ((times: number) => number | null) | null
  }
  class TarantoolConnection extends EventEmitter {
    constructor(options: Options)
    connect(): Promise<void>
    disconnect(): void
    sql(query: string, bind?: unknown[]): Promise<unknown>
    call(name: string, ...args: unknown[]): Promise<unknown>
    insert(space: string | number, tuple: unknown[]): Promise<unknown>
    ping(): Promise<boolean>
  }
  export = TarantoolConnection
}
