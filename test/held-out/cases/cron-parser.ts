import { CronExpressionParser } from 'cron-parser'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'cron-parser'

// cron-parser: the scheduling endpoint computes the next run of report jobs from cron strings
// kept in our own configuration. Parse failures are plain Errors naming the bad field.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'our config holds the schedule "61 * * * *": Error "Constraint error, got value 61 expected range 0-59"',
    why: 'everything else: malformed schedule in our own config, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => CronExpressionParser.parse('61 * * * *')),
  })
  cases.push({
    library,
    what: 'our config holds the schedule "*/15 * * * * * *" (7 fields): Error "Invalid cron expression, too many fields"',
    why: 'everything else: malformed schedule in our own config, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => CronExpressionParser.parse('*/15 * * * * * *')),
  })
  cases.push({
    library,
    what: 'our config holds the schedule "0 9 * * MON-FRX": Error "Validation error, cannot resolve alias "frx""',
    why: 'everything else: malformed schedule in our own config, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => CronExpressionParser.parse('0 9 * * MON-FRX')),
  })
  cases.push({
    library,
    what: 'our config sets tz "Europe/Atlantis" for a schedule: Error "CronDate: unhandled timestamp: Invalid Date"',
    why: 'everything else: malformed timezone in our own config, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => CronExpressionParser.parse('0 9 * * *', { tz: 'Europe/Atlantis' }).next()),
  })
  cases.push({
    library,
    what: 'next() on a schedule whose endDate is already past (our campaign config expired): Error "Out of the time span range"',
    why: 'everything else: our own stale config / unguarded call, 500',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      CronExpressionParser.parse('0 9 * * *', {
        currentDate: new Date('2026-01-10T00:00:00Z'),
        endDate: new Date('2026-01-01T00:00:00Z'),
      }).next(),
    ),
  })
  return cases
}
