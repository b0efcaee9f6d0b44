/** A named list of checks: every failure is kept with what was seen, nothing throws. */
export function checker() {
  const failures = []
  let count = 0
  const show = (value) => {
    try {
      return JSON.stringify(value)
    } catch {
      return String(value)
    }
  }
  return {
    ok(name, condition, seen) {
      count++
      if (!condition) failures.push(seen === undefined ? name : `${name} (saw ${show(seen)})`)
    },
    /** `context` (e.g. the response text) is added to the failure, so it says why. */
    equal(name, actual, expected, context) {
      count++
      if (show(actual) === show(expected)) return
      const why = context === undefined ? '' : ` — ${String(context).slice(0, 300)}`
      failures.push(`${name}: expected ${show(expected)}, saw ${show(actual)}${why}`)
    },
    fail(name, error) {
      count++
      failures.push(`${name}: threw ${error?.stack ?? String(error)}`)
    },
    result() {
      return { ok: count > 0 && failures.length === 0, count, failures }
    },
  }
}
