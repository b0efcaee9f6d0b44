import { afterAll, beforeAll, expect } from 'vitest'

/**
 * Fails the file if an `uncaughtException` or `unhandledRejection` fires while it runs: the error
 * path must never become the outage. Call once at the top of a test file.
 */
export function guardProcess(): { readonly seen: readonly unknown[] } {
  const seen: unknown[] = []
  const onUncaught = (error: unknown) => {
    seen.push(error)
  }
  const onUnhandled = (reason: unknown) => {
    seen.push(reason)
  }
  beforeAll(() => {
    process.on('uncaughtException', onUncaught)
    process.on('unhandledRejection', onUnhandled)
  })
  afterAll(async () => {
    // Rejections are reported after a turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.off('uncaughtException', onUncaught)
    process.off('unhandledRejection', onUnhandled)
    expect(seen, 'uncaughtException / unhandledRejection during the suite').toEqual([])
  })
  return { seen }
}
