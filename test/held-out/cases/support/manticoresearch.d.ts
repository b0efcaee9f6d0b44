/** The few names the held-out collector uses; the package ships no types (a CommonJS module). */
declare module 'manticoresearch' {
  namespace api {
    class ApiClient {
      basePath: string
      /** Per-request timeout in ms (superagent's). */
      timeout: number
    }
    class SearchApi {
      constructor(client?: ApiClient)
      search(request: object): Promise<unknown>
    }
    class IndexApi {
      constructor(client?: ApiClient)
      insert(request: object): Promise<unknown>
    }
  }
  export = api
}
