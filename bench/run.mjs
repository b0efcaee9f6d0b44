// `npm run bench`: builds first (package.json), then runs each part in its own process and ends
// with the targets. Parts: micro, e2e, size (default: all). Usage: node bench/run.mjs [part …]
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'

const PARTS = {
  micro: { file: 'micro.mjs', execArgv: ['--expose-gc'] },
  e2e: { file: 'e2e.mjs', execArgv: [] },
  size: { file: 'size.mjs', execArgv: [] },
}
const chosen = process.argv.slice(2)
for (const name of chosen)
  if (!(name in PARTS)) throw new Error(`bench: no part "${name}" (${Object.keys(PARTS)})`)
const parts = chosen.length > 0 ? chosen : Object.keys(PARTS)

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')
const started = performance.now()
console.log(`## http-triage ${pkg.version} benchmarks — ${new Date().toISOString()}\n`)
console.log(
  `node ${process.version}, ${os.platform()} ${os.arch()}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim()}), load average at start ${load()}\n`,
)

const targets = []
for (const name of parts) {
  const { file, execArgv } = PARTS[name]
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], { execArgv, stdio: 'inherit' })
  child.on('message', (message) => targets.push(...(message.targets ?? [])))
  const code = await new Promise((resolve) => child.on('exit', resolve))
  if (code !== 0) throw new Error(`bench: ${name} failed (exit ${code})`)
}

console.log('### Targets (reported, not enforced)\n')
console.log(targets.map((line) => `    ${line}`).join('\n'))
console.log(
  `\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end ${load()} (1, 5, 15 min).`,
)
