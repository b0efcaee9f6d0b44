import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'proper-lockfile'

// proper-lockfile: inter-process lock through an atomic mkdir of `<file>.lock` (works on network
// file systems). Its own errors are plain `Error`s with a string `code` (ELOCKED, ERELEASED …).
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-r-lockfile-'))
  const file = join(dir, 'ledger.json')
  writeFileSync(file, '{}')
  const cases: HeldOutCase[] = []
  const release = await lockfile.lock(file)
  try {
    cases.push({
      library,
      what: 'lock() on a file another worker holds, no retries: Error "Lock file is already being held", code ELOCKED, file',
      why: 'contention that a retry fixes: lock not available (like pg 55P03), 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => lockfile.lock(file)),
    })
    cases.push({
      library,
      what: 'lock() with 2 retries 15 ms apart, the lock still held: the same ELOCKED Error after the retries',
      why: 'contention that a retry fixes: lock wait gave up, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() =>
        lockfile.lock(file, { retries: { retries: 2, minTimeout: 15, maxTimeout: 15 } }),
      ),
    })
  } finally {
    await release()
  }
  try {
    cases.push({
      library,
      what: 'release() called a second time by our code: Error "Lock is already released", code ERELEASED',
      why: 'everything else: our own bug',
      expect: { status: 500 },
      error: await rejectionOf(() => release()),
    })
    return cases
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
