// opsgenie-sdk ships no types: the part of its API the collector uses (callback style).
declare module 'opsgenie-sdk' {
  type Callback = (error: unknown, result: unknown) => void
  interface HttpOptions {
    maxAttempts?: number
    retryDelay?: number
    timeout?: number
  }
  interface Identifier {
    identifier: string
    identifierType?: 'id' | 'tiny' | 'alias'
  }
  const opsgenie: {
    configure(options: { api_key?: string; host?: string }): void
    alertV2: {
      create(data: object, config: HttpOptions, cb: Callback): void
      get(identifier: Identifier, config: HttpOptions, cb: Callback): void
      close(identifier: Identifier, data: object, config: HttpOptions, cb: Callback): void
    }
  }
  export = opsgenie
}
