// tiny-json-http ships no types: the part of its API the held-out collector calls.
declare module 'tiny-json-http' {
  interface Options {
    url: string
    headers?: Record<string, string>
    data?: unknown
    timeout?: number
    buffer?: boolean
  }
  interface Result {
    body: unknown
    headers: Record<string, string | string[] | undefined>
  }
  const tiny: {
    get(options: Options): Promise<Result>
    post(options: Options): Promise<Result>
    put(options: Options): Promise<Result>
    patch(options: Options): Promise<Result>
    del(options: Options): Promise<Result>
  }
  export default tiny
}
