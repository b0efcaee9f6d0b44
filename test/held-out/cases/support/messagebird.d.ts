// The webhook helpers of messagebird (4.0.1) that messagebird.ts uses; the package types only its API client.
declare module 'messagebird/lib/webhook-signature-jwt.js' {
  import type { KeyObject } from 'node:crypto'

  interface Req {
    headers: Record<string, string | undefined>
    protocol: string
    hostname: string
    originalUrl: string
    body?: unknown
  }
  export class VerifyOptions {
    constructor(
      validateUrl?: boolean,
      validatePayload?: boolean,
      jwtVerifyOptions?: Record<string, unknown>,
      jwtVerifyJti?: (jti: string) => boolean,
    )
  }
  export function verify(
    url: string,
    payload: Buffer | null,
    jwt: string,
    sk: KeyObject,
    opts?: VerifyOptions,
  ): Promise<true>
  export function ExpressMiddlewareVerify(
    secret: string,
    opts?: VerifyOptions,
  ): (req: Req, res: unknown, next: (err?: unknown) => void) => void
  export const SIGNATURE_HEADER_NAME: string
}

declare module 'messagebird/lib/signature.js' {
  interface Req {
    headers: Record<string, string | undefined>
    query: Record<string, string>
    body?: unknown
  }
  function signature(signingKey: string): (req: Req, res: unknown, next: (err?: unknown) => void) => void
  export = signature
}
