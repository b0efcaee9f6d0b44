// heroku-client ships no types: the part of its API the collector uses.
declare module 'heroku-client' {
  interface RequestOptions {
    method?: string
    path?: string
    body?: unknown
    headers?: Record<string, string>
    timeout?: number
    parseJSON?: boolean
  }
  interface HerokuOptions extends RequestOptions {
    token?: string
    host?: string
  }
  class Heroku {
    constructor(options?: HerokuOptions)
    request(options: RequestOptions): Promise<unknown>
    get(path: string, options?: RequestOptions): Promise<unknown>
    post(path: string, options?: RequestOptions): Promise<unknown>
    patch(path: string, options?: RequestOptions): Promise<unknown>
    delete(path: string, options?: RequestOptions): Promise<unknown>
  }
  export = Heroku
}
