declare module 'rqlite-js' {
  export interface RequestOptions {
    readonly level?: 'none' | 'weak' | 'strong'
    readonly transaction?: boolean
  }
  export interface DataResults {
    hasError(): boolean
    getFirstError(): Error | undefined
    toArray(): unknown[]
  }
  export class DataApiClient {
    constructor(
      hosts: string | string[],
      options?: {
        authentication?: { username: string; password: string }
        retryableStatusCodes?: Set<number>
        retryableErrorCodes?: Set<string>
      },
    )
    query(sql: string | unknown[], options?: RequestOptions): Promise<DataResults>
    execute(sql: string | unknown[], options?: RequestOptions): Promise<DataResults>
  }
}
