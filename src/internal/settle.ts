/** A promise a logger or hook returned: its rejection is handled, so it changes nothing. */
export function settle(result: unknown): void {
  if (
    result !== null &&
    typeof result === 'object' &&
    typeof (result as Promise<unknown>).catch === 'function'
  ) {
    ;(result as Promise<unknown>).catch(() => {})
  }
}
