declare module 'hdb' {
  import type { EventEmitter } from 'node:events'

  interface Client extends EventEmitter {
    connect(cb: (err: Error | null) => void): void
    exec(sql: string, cb: (err: Error | null, rows?: unknown) => void): void
    close(): void
  }
  const hdb: { createClient(options: Record<string, unknown>): Client }
  export default hdb
}
