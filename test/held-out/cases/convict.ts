import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import convict from 'convict'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'convict'

const schema = {
  env: { doc: 'environment', format: ['production', 'development', 'test'], default: 'development' },
  db: {
    host: { doc: 'database host', format: String, default: 'localhost' },
    port: { doc: 'database port', format: 'port', default: 5432 },
  },
  upload: {
    maxMb: { doc: 'upload limit', format: 'nat', default: 10 },
  },
} as const

// convict: the server (re)loads a tenant's config file when a request for that tenant arrives,
// and validates it. Validation, loading and lookup failures are plain Errors (file errors are
// Node's fs errors, parse errors JSON.parse's SyntaxError).
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-y-convict-'))
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'tenant config sets db.port to "fivefourthreetwo": validate() throws Error "db.port: ports must be within range 0 - 65535"',
      why: 'everything else: our own malformed config, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        convict(schema)
          .load({ db: { port: 'fivefourthreetwo' } })
          .validate({ allowed: 'strict' }),
      ),
    })
    cases.push({
      library,
      what: 'tenant config has an unknown key "db.hots" and validate({ allowed: "strict" }): Error "configuration param \'db.hots\' not declared in the schema"',
      why: 'everything else: our own malformed config, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        convict(schema)
          .load({ db: { hots: 'db1' } })
          .validate({ allowed: 'strict' }),
      ),
    })
    cases.push({
      library,
      what: 'tenant config sets env "staging", not in the enum: validate() throws Error "env: must be one of the possible values"',
      why: 'everything else: our own malformed config, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => convict(schema).load({ env: 'staging' }).validate()),
    })
    cases.push({
      library,
      what: 'loadFile() of a tenant config file that is not on disk: Error ENOENT "no such file or directory, open .../tenant-42.json"',
      why: 'everything else: ENOENT of our own config file is a server bug, never 404, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => convict(schema).loadFile(join(dir, 'tenant-42.json'))),
    })
    const broken = join(dir, 'tenant-7.json')
    writeFileSync(broken, '{ "db": { "host": "db7", } ')
    cases.push({
      library,
      what: 'loadFile() of our tenant config with a trailing comma: SyntaxError from JSON.parse (our file, not the request body)',
      why: 'everything else: JSON that does not parse in our own config file, 500 (not a 400)',
      expect: { status: 500 },
      error: await rejectionOf(() => convict(schema).loadFile(broken)),
    })
    cases.push({
      library,
      what: 'our code calls config.get("db.password"), a key the schema does not declare: Error "cannot find configuration param \'db.password\'"',
      why: 'everything else: our own bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => convict(schema).get('db.password' as never)),
    })
    return cases
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
