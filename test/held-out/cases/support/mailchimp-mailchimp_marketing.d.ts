// The little of @mailchimp/mailchimp_marketing's untyped API (3.0.80) that http-mailchimp-mailchimp_marketing.ts uses.
declare module '@mailchimp/mailchimp_marketing' {
  interface Config {
    apiKey?: string
    accessToken?: string
    server?: string
  }
  interface Client {
    /** The API root, `https://server.api.mailchimp.com/3.0` by default (`server` is replaced by config.server). */
    basePath: string
    /** The request timeout in ms (120000 by default). */
    timeout: number
    setConfig(config: Config): void
    lists: {
      getList(listId: string | undefined, opts?: unknown): Promise<unknown>
      addListMember(listId: string | undefined, body: unknown, opts?: unknown): Promise<unknown>
    }
  }
  const client: Client
  export default client
}
