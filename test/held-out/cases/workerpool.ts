import workerpool from 'workerpool'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'workerpool'

export const collect: Collect = async () => {
  // A pool of one worker thread for CPU-bound work (image resizing, PDF rendering …), with a
  // bounded queue as a server keeps one to shed load.
  const pool = workerpool.pool({ maxWorkers: 1, maxQueueSize: 1, workerType: 'thread' })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'a task that runs past its .timeout(100) (workerpool TimeoutError "Promise timed out after 100 ms"; the worker is terminated)',
      why: 'dependency too slow: a task timeout like p-timeout, 504',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() =>
        pool.exec(() => new Promise((resolve) => setTimeout(resolve, 2000))).timeout(100),
      ),
    })

    // A fresh worker is up (the timed-out one was terminated); then one task runs, one waits in
    // the queue, and the third is refused at once.
    await pool.exec(() => 0)
    const running = pool.exec(() => new Promise((resolve) => setTimeout(resolve, 150)))
    const queued = pool.exec(() => 1)
    cases.push({
      library,
      what: 'exec while the one worker is busy and the queue (maxQueueSize 1) is full: plain Error "Max queue size of 1 reached", thrown synchronously',
      why: 'dependency unavailable: a pool exhausted / load shed, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => pool.exec(() => 2)),
    })
    await running
    await queued

    cases.push({
      library,
      what: 'a task that throws a RangeError in the worker: rebuilt on our side as a plain Error (name "Error": the RangeError name is lost; message and stack copied)',
      why: 'everything else: a bug in our own task code, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        pool.exec(
          (size: number) => {
            if (size > 10) throw new RangeError(`thumbnail size ${size} is out of range`)
            return size
          },
          [4096],
        ),
      ),
    })

    cases.push({
      library,
      what: 'the worker thread exits in the middle of a task (process.exit(3) in a worker): "Workerpool Worker terminated Unexpectedly" with exitCode 3',
      why: 'everything else: our own worker crashed, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        pool.exec(() => {
          process.exit(3)
        }),
      ),
    })
    return cases
  } finally {
    await pool.terminate(true)
  }
}
