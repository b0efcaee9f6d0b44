/** backblaze-b2 ships no types: the part of its API the collector uses. */
declare module 'backblaze-b2' {
  interface Args {
    readonly axios?: Record<string, unknown>
    readonly axiosOverride?: Record<string, unknown>
  }
  interface Options {
    readonly applicationKeyId?: string
    readonly applicationKey?: string
    readonly axios?: Record<string, unknown>
    readonly retry?: Record<string, unknown>
  }
  class B2 {
    constructor(options: Options)
    authorizationToken: string | null
    apiUrl: string | null
    authorize(args?: Args): Promise<unknown>
    getBucket(args: Args & { readonly bucketName?: string; readonly bucketId?: string }): Promise<unknown>
    getUploadUrl(args: Args & { readonly bucketId: string }): Promise<unknown>
    listFileNames(
      args: Args & { readonly bucketId: string; readonly maxFileCount?: number },
    ): Promise<unknown>
    uploadFile(
      args: Args & {
        readonly uploadUrl: string
        readonly uploadAuthToken: string
        readonly fileName: string
        readonly data: Buffer
      },
    ): Promise<unknown>
  }
  export default B2
}
