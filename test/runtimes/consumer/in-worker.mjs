// Runs named checks inside a Worker request, where no test runner runs: each check's outcome, for
// workerd.test.mjs to report as a test of its own.
export async function runChecks(checks) {
  const out = []
  for (const [name, run] of Object.entries(checks)) {
    try {
      await run()
      out.push({ name })
    } catch (error) {
      out.push({ name, error: error?.stack ?? String(error) })
    }
  }
  return out
}
