// The few calls of memcache-plus (no types of its own) that the collector uses.
declare module 'memcache-plus' {
  interface Options {
    hosts?: string[]
    queue?: boolean
    reconnect?: boolean
    netTimeout?: number
    onNetError?: (error: unknown) => void
  }
  class MemcachePlus {
    constructor(options?: Options)
    get(key: string): Promise<unknown>
    set(key: string, value: unknown, ttl?: number): Promise<unknown>
    disconnect(): void
  }
  export default MemcachePlus
}
