// The jsr column, under `deno test`: `deno publish --dry-run` of jsr.json in the checkout
// (MATRIX_ROOT) type-checks every export and rejects slow types (a public function without an
// explicit return type …), as JSR would. `--sloppy-imports` lets src/'s `./x.js` specifiers
// (TypeScript's NodeNext style) name `./x.ts`; publishing rewrites them. `ulid` and
// `@opentelemetry/api` resolve from package.json and node_modules: no network.
import { equal, ok } from './expect.mjs'

const root = Deno.env.get('MATRIX_ROOT')
const jsr = JSON.parse(await Deno.readTextFile(`${root}/jsr.json`))
const out = await new Deno.Command(Deno.execPath(), {
  args: ['publish', '--dry-run', '--allow-dirty', '--sloppy-imports', '--config', 'jsr.json'],
  cwd: root,
  env: { NO_COLOR: '1' },
}).output()
const text = `${new TextDecoder().decode(out.stdout)}\n${new TextDecoder().decode(out.stderr)}`

Deno.test('[jsr] deno publish --dry-run completes', () =>
  ok(out.success && /Dry run complete/.test(text), 'a clean dry run', text.slice(-3000)))
Deno.test('[jsr] it type-checks every export of jsr.json', () => {
  const checked = text
    .split('\n')
    .filter((line) => /^Check \S+\.ts$/.test(line))
    .map((line) => line.replace(/^Check (file:\/\/)?/, '').replace(`${root}/`, ''))
  const exported = Object.values(jsr.exports).map((path) => path.replace(/^\.\//, ''))
  equal(
    exported.filter((path) => !checked.some((file) => file.endsWith(path))),
    [],
    'exports not checked',
  )
})
