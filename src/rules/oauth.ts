import { family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'
import { get, getString, isObjectLike } from '../internal/safe.js'
import { BAD_GATEWAY, nameVerdicts, UNAVAILABLE } from '../internal/verdicts.js'

/**
 * The OAuth 2.0 error codes (RFC 6749 §4.1.2.1, §5.2; RFC 8628 §3.5) that say what a retry or the
 * client can do about an error, wherever a client keeps the code it was given: as `error` beside
 * its `error_description`, or as `error` of the `body` it received. The authorization server that
 * failed or is overloaded is our dependency (502, 503); a resource owner who denied the request
 * (the user declined consent) is the client's answer (403). The other codes (`invalid_grant`,
 * `invalid_client` …) blame the request our server made, and are left to the status they came with.
 */
const OAUTH_CODES = nameVerdicts(
  {
    temporarily_unavailable: UNAVAILABLE,
    server_error: BAD_GATEWAY,
    access_denied: { code: 'FORBIDDEN' },
  },
  (code) => `oauth:${code}`,
)

export const oauthRule = family({
  name: 'oauth',
  triggers: { keys: ['error_description', 'body'] },
  read(value) {
    const code = oauthCode(value)
    return code === undefined ? undefined : OAUTH_CODES[code]
  },
})

function oauthCode(value: Probe): string | undefined {
  if (value.ownKeys.includes('error_description')) return codeOf(getString(value, 'error'))
  const body = get(value, 'body')
  return isObjectLike(body) ? codeOf(getString(body, 'error')) : undefined
}

function codeOf(code: string | undefined): string | undefined {
  return code !== undefined && Object.hasOwn(OAUTH_CODES, code) ? code : undefined
}
