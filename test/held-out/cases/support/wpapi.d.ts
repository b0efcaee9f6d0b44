/** wpapi ships no types: the part of its API the collector uses. */
declare module 'wpapi' {
  interface Options {
    endpoint?: string
    username?: string
    password?: string
    auth?: boolean
  }
  interface WPRequest {
    id(id: number | string): WPRequest
    param(name: string, value: unknown): WPRequest
    get(): Promise<unknown>
    create(data: Record<string, unknown>): Promise<unknown>
    update(data: Record<string, unknown>): Promise<unknown>
    delete(): Promise<unknown>
  }
  class WPAPI {
    constructor(options: Options)
    posts(): WPRequest
    pages(): WPRequest
    users(): WPRequest
    media(): WPRequest
    settings(): WPRequest
  }
  export = WPAPI
}
