// The little of presto-client's untyped API (1.2.0) that presto-client.ts uses.
declare module 'presto-client' {
  interface ClientOptions {
    host?: string
    port?: number
    user?: string
    catalog?: string
    schema?: string
    timeout?: number
    checkInterval?: number
    basic_auth?: { user: string; password: string }
    custom_auth?: string
  }
  interface ExecuteOptions {
    query: string
    catalog?: string
    schema?: string
    timeout?: number
    callback?: (error: unknown, data?: unknown, columns?: unknown) => void
    success?: (error: unknown, stats?: unknown) => void
    error?: (error: unknown) => void
    data?: (error: unknown, data: unknown, columns: unknown) => void
  }
  class Client {
    constructor(options: ClientOptions)
    execute(options: ExecuteOptions): void
  }
}
