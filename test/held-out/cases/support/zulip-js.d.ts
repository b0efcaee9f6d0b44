// The little of zulip-js's untyped API (2.1.0) that http-zulip-js.ts uses.
declare module 'zulip-js' {
  interface Config {
    realm?: string
    username?: string
    apiKey?: string
    password?: string
    zuliprc?: string
  }
  interface Client {
    messages: {
      send(params: Record<string, unknown>): Promise<Record<string, unknown>>
    }
    users: {
      me: { getProfile(): Promise<Record<string, unknown>> }
    }
    callEndpoint(endpoint: string, method?: string, params?: Record<string, unknown>): Promise<unknown>
  }
  function zulip(config: Config): Promise<Client>
  export = zulip
}
