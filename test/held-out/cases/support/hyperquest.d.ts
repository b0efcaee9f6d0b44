// hyperquest ships no types and @types has none: the part batch AH uses.
declare module 'hyperquest' {
  import type { ClientRequest, IncomingMessage } from 'node:http'
  import type { Duplex } from 'node:stream'

  interface Options {
    method?: string
    headers?: Record<string, string>
    timeout?: number
    auth?: string
  }
  interface Hyperquest extends Duplex {
    request: ClientRequest
    setHeader(key: string, value: string): Hyperquest
  }
  type Callback = (err: Error | null, res?: IncomingMessage) => void
  function hyperquest(uri: string, opts?: Options, cb?: Callback): Hyperquest
  namespace hyperquest {
    function get(uri: string, opts?: Options, cb?: Callback): Hyperquest
    function post(uri: string, opts?: Options, cb?: Callback): Hyperquest
  }
  export default hyperquest
}
