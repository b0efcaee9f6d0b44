// The little of sparkpost's untyped API (2.1.4) that http-sparkpost.ts uses.
declare module 'sparkpost' {
  interface Options {
    origin?: string
    debug?: boolean
    headers?: Record<string, string>
  }
  interface RequestOptions {
    uri: string
    timeout?: number
    qs?: Record<string, string>
  }
  class SparkPost {
    constructor(apiKey?: string, options?: Options)
    get(options: RequestOptions): Promise<unknown>
    transmissions: {
      send(transmission?: unknown, options?: unknown): Promise<unknown>
    }
    templates: {
      get(id?: string, options?: unknown): Promise<unknown>
    }
  }
  export = SparkPost
}
