// The task module of the tinypool collector (batch AW): `sleep` holds a worker for `ms`, `crash`
// fails inside the worker as a bug in a task would.
import { setTimeout as sleep } from 'node:timers/promises'

export default async function task({ kind, ms }) {
  if (kind === 'crash') return JSON.parse('{"total": 12,').total
  await sleep(ms ?? 0)
  return 'done'
}
