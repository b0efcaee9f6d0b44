import schedule from 'node-schedule'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'node-schedule'

// node-schedule 2 (cron-like in-process scheduler) used by a server to schedule reminders. Every
// job is cancelled at the end (gracefulShutdown), so no timer is left behind.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'scheduleJob given the reminder object instead of a function (our bug): RangeError "The job method must be a function."',
      why: 'our bug: 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        schedule.scheduleJob('reminder-1', new Date(Date.now() + 60_000), {
          to: 'a@example.com',
        } as unknown as () => void),
      ),
    })
    cases.push({
      library,
      what: 'scheduleJob called with only a date (the callback was dropped in a refactor): RangeError "Invalid number of arguments"',
      why: 'our bug: 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        (schedule.scheduleJob as unknown as (when: Date) => unknown)(new Date(Date.now() + 60_000)),
      ),
    })
    schedule.scheduleJob('reminder-2', new Date(Date.now() + 60_000), () => {})
    cases.push({
      library,
      what: 'PATCH /reminders/reminder-9 reschedules by the name from the URL, but no job has that name (never created, or already fired): Error "Cannot reschedule one-off job by name, pass job reference instead"',
      why: 'not found: the named job does not exist, 404 (ambiguous: the message reads like a misuse of the API, 500)',
      expect: { status: 404 },
      error: await rejectionOf(() => schedule.rescheduleJob('reminder-9', new Date(Date.now() + 120_000))),
    })
  } finally {
    await schedule.gracefulShutdown()
  }
  return cases
}
