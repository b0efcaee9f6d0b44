import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { moveFile, renameFile } from 'move-file'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'move-file'

// move-file: an upload handler moves the finished temp file into our storage tree. Its own
// checks throw plain Errors / TypeErrors; the file system's failures come through as fs errors.
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-y-move-'))
  const incoming = join(dir, 'incoming')
  const store = join(dir, 'store')
  mkdirSync(incoming)
  mkdirSync(store)
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'moveFile() of a temp upload our cleanup job already deleted: Error ENOENT "no such file or directory, rename ..."',
      why: 'everything else: a missing file on our side (never 404), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => moveFile(join(incoming, 'upload-1.part'), join(store, 'a/b/1.bin'))),
    })
    writeFileSync(join(incoming, 'upload-2.part'), 'x')
    writeFileSync(join(store, '2.bin'), 'y')
    cases.push({
      library,
      what: 'moveFile(..., { overwrite: false }) onto a storage path our id generator already used: Error "The destination file exists: .../store/2.bin"',
      why: 'everything else: our own id collision in our storage (not a client conflict), 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        moveFile(join(incoming, 'upload-2.part'), join(store, '2.bin'), { overwrite: false }),
      ),
    })
    writeFileSync(join(store, 'shard-3'), 'not a directory')
    cases.push({
      library,
      what: 'moveFile() into store/shard-3/3.bin where shard-3 is a stray file: mkdir fails with Error EEXIST "file already exists, mkdir .../shard-3"',
      why: 'everything else: our storage tree is broken, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => moveFile(join(incoming, 'upload-2.part'), join(store, 'shard-3/3.bin'))),
    })
    cases.push({
      library,
      what: 'renameFile() (same-directory rename) called by our code with a destination in another directory: Error "`source` and `destination` must be in the same directory"',
      why: 'everything else: our own bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => renameFile(join(incoming, 'upload-2.part'), join(store, '4.bin'))),
    })
    cases.push({
      library,
      what: 'our code passes an undefined destination (a missing field in our job record): TypeError "`sourcePath` and `destinationPath` required"',
      why: 'everything else: our own bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        moveFile(join(incoming, 'upload-2.part'), undefined as unknown as string),
      ),
    })
    return cases
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
