import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'smol-toml'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'smol-toml'

// smol-toml: the server reads per-site settings from TOML files it ships, when a request for
// that site first arrives. Parse failures are TomlError (line, column, codeblock).
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-y-toml-'))
  const cases: HeldOutCase[] = []
  const load = async (name: string, text: string) => {
    const file = join(dir, name)
    writeFileSync(file, text)
    return parse(await readFile(file, 'utf8'))
  }
  try {
    cases.push({
      library,
      what: 'our site.toml has an unquoted string value (title = Welcome home): TomlError "Invalid TOML document: ..." with line/column',
      why: "everything else: our own config file does not parse, 500 (not the client's input)",
      expect: { status: 500 },
      error: await rejectionOf(() => load('site.toml', '[site]\ntitle = Welcome home\n')),
    })
    cases.push({
      library,
      what: 'our limits.toml defines the key max_upload twice: TomlError about a duplicate key',
      why: 'everything else: our own config file is malformed, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => load('limits.toml', 'max_upload = 10\nmax_upload = 20\n')),
    })
    cases.push({
      library,
      what: 'our routes.toml has an unterminated table header "[routes": TomlError',
      why: 'everything else: our own config file is malformed, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => load('routes.toml', '[routes\npath = "/a"\n')),
    })
    cases.push({
      library,
      what: 'our feature.toml has an invalid date value (release = 2026-13-45): TomlError',
      why: 'everything else: our own config file is malformed, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => load('feature.toml', 'release = 2026-13-45\n')),
    })
    return cases
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
