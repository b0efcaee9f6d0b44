import { AsyncTask, SimpleIntervalJob, ToadScheduler } from 'toad-scheduler'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'toad-scheduler'

// toad-scheduler 4 (in-process interval/cron job scheduler) as a server's admin API for its
// background jobs: POST /jobs registers one, DELETE /jobs/:id stops and removes one. Every job is
// stopped at the end (scheduler.stop()), so no timer is left behind.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const scheduler = new ToadScheduler()
  const task = () => new AsyncTask('refresh-cache', async () => {})
  try {
    scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ minutes: 5 }, task(), { id: 'refresh-cache' }))
    cases.push({
      library,
      what: 'our start-up code registers the job "refresh-cache" a second time (hot reload ran the module twice): Error "Job with an id refresh-cache is already registered."',
      why: 'our bug: 500 (not a client conflict: no request asked for it)',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        scheduler.addSimpleIntervalJob(
          new SimpleIntervalJob({ minutes: 5 }, task(), { id: 'refresh-cache' }),
        ),
      ),
    })
    cases.push({
      library,
      what: 'DELETE /jobs/reindex-search with an id from the URL that no job has: getById throws Error "Job with an id reindex-search is not registered."',
      why: 'not found: the requested resource does not exist, 404 (ambiguous: the policy lists only ORM not-found errors)',
      expect: { status: 404 },
      error: await rejectionOf(() => scheduler.getById('reindex-search').stop()),
    })
    cases.push({
      library,
      what: 'our config asks for a 30-day SimpleIntervalJob: Error "Due to setInterval limitations, no intervals longer than 24.85 days can be scheduled correctly…"',
      why: 'our misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ days: 30 }, task(), { id: 'monthly-report' })),
      ),
    })
  } finally {
    scheduler.stop()
  }
  return cases
}
