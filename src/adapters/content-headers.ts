/**
 * Headers of a response being prepared that do not describe a problem body, and are dropped when
 * an error replaces it (finalhandler drops the same, and Content-Length and Content-Disposition
 * besides). Everything else an earlier middleware set for every response (CORS, `Vary`, security
 * headers, cookies) stays.
 */
export const CONTENT_HEADERS: readonly string[] = [
  'content-length',
  'content-encoding',
  'content-language',
  'content-range',
  'content-disposition',
  'content-type',
]
