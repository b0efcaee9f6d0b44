import { Cron } from 'croner'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'croner'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// A "schedule a report" handler builds a croner job from the tenant's settings stored by our admin
// tooling (not from the request). Each throw is croner rejecting a value our server built or stored:
// our bug or misconfiguration, 500.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const jobs: Cron<unknown>[] = []
  const schedule = (pattern: string, options: ConstructorParameters<typeof Cron>[1] = {}) =>
    thrownBy(() => jobs.push(new Cron(pattern, { paused: true, ...options })))
  cases.push({
    library,
    what: 'POST /reports/schedule: pattern "61 * * * *" from stored settings: RangeError "CronPattern: Invalid value for minute: 61"',
    why: 'our stored config is invalid, 500',
    expect: { status: 500 },
    error: schedule('61 * * * *'),
  })
  cases.push({
    library,
    what: 'POST /reports/schedule: pattern "every 5 minutes": TypeError "CronPattern: invalid configuration format (\'every 5 minutes\'), exactly five, six, or seven space separated parts are required."',
    why: 'our stored config is invalid, 500',
    expect: { status: 500 },
    error: schedule('every 5 minutes'),
  })
  cases.push({
    library,
    what: "POST /reports/schedule: timezone 'Mars/Olympus' in tenant settings, nextRun(): TypeError \"CronDate: Failed to convert date to timezone 'Mars/Olympus'…\"",
    why: 'our stored config is invalid, 500',
    expect: { status: 500 },
    error: thrownBy(() => {
      const job = new Cron('*/5 * * * *', { paused: true, timezone: 'Mars/Olympus' })
      jobs.push(job)
      job.nextRun()
    }),
  })
  cases.push({
    library,
    what: 'POST /reports/schedule: startAt "tomorrow": Error "Invalid ISO8601 passed to timezone parser."',
    why: 'our bug (we passed a non-ISO date), 500',
    expect: { status: 500 },
    error: schedule('0 9 * * *', { startAt: 'tomorrow' }),
  })
  cases.push({
    library,
    what: 'POST /reports/schedule: interval -5 from settings: Error "CronOptions: Supplied value for interval can not be negative"',
    why: 'our misconfiguration, 500',
    expect: { status: 500 },
    error: schedule('* * * * *', { interval: -5 }),
  })
  for (const job of jobs) job.stop()
  return cases
}
