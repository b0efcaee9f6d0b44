// centra 2.7 ships no types: the part of its API the collector uses.
declare module 'centra' {
  interface CentraResponse {
    readonly statusCode: number
    readonly headers: Record<string, string | string[] | undefined>
    readonly body: Buffer
    json(): Promise<unknown>
    text(): Promise<string>
  }
  interface CentraRequest {
    timeout(ms: number): CentraRequest
    followRedirects(n: number): CentraRequest
    header(name: string, value: string): CentraRequest
    send(): Promise<CentraResponse>
  }
  function centra(url: string | URL, method?: string): CentraRequest
  export = centra
}
