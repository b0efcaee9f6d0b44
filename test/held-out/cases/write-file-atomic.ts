import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'write-file-atomic'

// write-file-atomic: a settings endpoint persists a JSON document atomically (temp file, fsync,
// rename). Failures are the file system's errors from the temp-file write or the rename.
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-y-wfa-'))
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'writing settings into a data directory that was never created: Error ENOENT "no such file or directory, open .../missing/settings.json.<n>"',
      why: 'everything else: a missing directory on our side, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => writeFileAtomic(join(dir, 'missing', 'settings.json'), '{}')),
    })
    mkdirSync(join(dir, 'settings.json'))
    cases.push({
      library,
      what: 'the target path settings.json is a directory (a bad deploy created it): rename fails with Error EISDIR',
      why: 'everything else: our own file system state, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => writeFileAtomic(join(dir, 'settings.json'), '{}')),
    })
    writeFileSync(join(dir, 'tenants'), 'a file, not a dir')
    cases.push({
      library,
      what: 'writing tenants/9.json where "tenants" is a file: Error ENOTDIR',
      why: 'everything else: our own file system state, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => writeFileAtomic(join(dir, 'tenants', '9.json'), '{}')),
    })
    cases.push({
      library,
      what: 'our config gives the file owner uid -5 for the chown option: RangeError ERR_OUT_OF_RANGE "The value of "uid" is out of range"',
      why: 'everything else: our own misconfiguration, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        writeFileAtomic(join(dir, 'ok.json'), '{}', { chown: { uid: -5, gid: -5 } }),
      ),
    })
    return cases
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
