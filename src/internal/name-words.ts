/**
 * A class name's words in the form of a code (`InvalidTokenError` → `INVALID_TOKEN_ERROR`,
 * `JWTExpired` → `JWT_EXPIRED`), so that the families that read a code's words read a name's
 * words alike. A name longer than 64 characters is nobody's class name: `undefined`.
 */
export function nameWords(name: string | undefined): string | undefined {
  if (name === undefined || name.length > 64) return undefined
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
}

/** Whether a name's words end as a class's do (`…_ERROR`, `…_EXCEPTION`), not as an API's error id. */
export function endsAsClass(words: string): boolean {
  return CLASS_ENDING.test(words)
}

const CLASS_ENDING = /_(?:ERROR|EXCEPTION)$/

/**
 * Whether an own key's last word is `Error` (`sourceError`, `oauthError`): where clients keep what
 * went wrong, an error they wrapped or the answer they got.
 */
export function isErrorKey(key: string): boolean {
  return ERROR_KEY.test(key)
}

const ERROR_KEY = /^[a-z][A-Za-z\d]{0,62}[a-z\d]Error$/
