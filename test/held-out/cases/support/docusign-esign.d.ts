/** docusign-esign ships no types: the part of its API the collector uses. */
declare module 'docusign-esign' {
  export class ApiClient {
    constructor(options?: { basePath?: string; oAuthBasePath?: string })
    timeout: number
    addDefaultHeader(name: string, value: string): void
    requestJWTUserToken(
      clientId: string,
      userId: string,
      scopes: string[],
      rsaPrivateKey: string | Buffer,
      expiresIn: number,
    ): Promise<unknown>
  }
  export class EnvelopesApi {
    constructor(client: ApiClient)
    getEnvelope(accountId: string, envelopeId: string | undefined): Promise<unknown>
    createEnvelope(
      accountId: string,
      options: { envelopeDefinition: Record<string, unknown> },
    ): Promise<unknown>
  }
  const docusign: { ApiClient: typeof ApiClient; EnvelopesApi: typeof EnvelopesApi }
  export default docusign
}
