import Fastify from 'fastify'
import { DateTime, Duration, type DurationUnit, Interval, Settings } from 'luxon'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'

const library = 'luxon'

export const collect: Collect = async () => {
  // The app runs luxon in its documented strict mode: invalid values throw instead of returning
  // an invalid DateTime.
  const before = Settings.throwOnInvalid
  Settings.throwOnInvalid = true
  const app = Fastify({ logger: false })
  const errors = keepErrors(app)
  app.get('/bookings', async (request) => {
    const { from, to, tz, stay } = request.query as Record<string, string | undefined>
    const start = DateTime.fromISO(from ?? '', { zone: tz ?? 'UTC' })
    const range = Interval.fromDateTimes(start, DateTime.fromISO(to ?? '', { zone: tz ?? 'UTC' }))
    const nights = stay === undefined ? range.length('days') : Duration.fromISO(stay).as('days')
    return { nights }
  })
  // A report whose code asks luxon for a unit that does not exist (our bug).
  app.get('/reports/usage', async () => {
    const billed = Duration.fromObject({ hours: 400 })
    return { fortnights: billed.as('fortnights' as DurationUnit) }
  })
  const server = await serveErrors(app, errors)
  const get = (query: string) => server.rejection(`/bookings?${query}`)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'from=2024-13-45: InvalidDateTimeError (name "Error") "Invalid DateTime: unit out of range: you specified 13 … as a month"',
        why: 'malformed value in the request (a date that cannot be parsed): 400',
        expect: { status: 400 },
        error: await get('from=2024-13-45&to=2024-12-20'),
      },
      {
        library,
        what: 'from=next tuesday: InvalidDateTimeError "Invalid DateTime: unparsable: the input \\"next tuesday\\" can\'t be parsed as ISO 8601"',
        why: 'malformed value in the request: 400',
        expect: { status: 400 },
        error: await get('from=next%20tuesday&to=2024-12-20'),
      },
      {
        library,
        what: 'tz=Mars/Olympus: InvalidDateTimeError "Invalid DateTime: unsupported zone: the zone \\"Mars/Olympus\\" is not supported"',
        why: 'malformed value in the request: 400',
        expect: { status: 400 },
        error: await get('from=2024-12-10&to=2024-12-20&tz=Mars/Olympus'),
      },
      {
        library,
        what: 'to before from (both valid dates): InvalidIntervalError "Invalid Interval: end before start: …"',
        why: 'well-formed values that are not acceptable together: validation, 422',
        expect: { status: 422 },
        error: await get('from=2024-12-20&to=2024-12-10'),
      },
      {
        library,
        what: 'stay=P1 day: InvalidDurationError "Invalid Duration: unparsable: the input \\"P1 day\\" can\'t be parsed as ISO 8601"',
        why: 'malformed value in the request: 400',
        expect: { status: 400 },
        error: await get('from=2024-12-10&to=2024-12-20&stay=P1%20day'),
      },
      {
        library,
        what: 'our code converts a Duration to "fortnights": InvalidUnitError "Invalid unit fortnights"',
        why: 'our own bug: 500',
        expect: { status: 500 },
        error: await server.rejection('/reports/usage'),
      },
    )
    return cases
  } finally {
    Settings.throwOnInvalid = before
    await app.close()
  }
}
