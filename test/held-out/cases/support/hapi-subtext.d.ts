// @hapi/subtext ships no types: the one call the collector makes.
declare module '@hapi/subtext' {
  import type { IncomingMessage } from 'node:http'

  const Subtext: {
    parse(
      req: IncomingMessage,
      tap: unknown,
      options: Record<string, unknown>,
    ): Promise<{ payload: unknown; mime: string }>
  }
  export default Subtext
}
