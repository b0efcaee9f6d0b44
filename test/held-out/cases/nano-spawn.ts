import spawn from 'nano-spawn'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'nano-spawn'
const node = process.execPath

// nano-spawn: a tiny child_process wrapper; failures reject with SubprocessError (exitCode,
// signalName, isCanceled, stdout/stderr/output, the spawn error as `cause`). Options go straight
// to child_process.spawn, so its `timeout` and `signal` apply.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'the ffmpeg binary our transcode endpoint runs is not installed: SubprocessError "Command failed: ffmpeg-missing ...", cause Error spawn ENOENT',
    why: 'everything else: a missing program in our environment, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => spawn('ffmpeg-missing', ['-i', 'in.mov', 'out.mp4'])),
  })
  cases.push({
    library,
    what: 'the converter exits with code 2: SubprocessError "Command failed with exit code 2", exitCode 2, stderr captured',
    why: 'everything else: a job we run failed, 500',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      spawn(node, ['-e', 'console.error("pandoc: unknown reader markdown_x"); process.exit(2)']),
    ),
  })
  cases.push({
    library,
    what: 'the converter hangs past our spawn `timeout: 150` and is killed: SubprocessError "Command was terminated with SIGTERM", signalName SIGTERM',
    why: 'dependency too slow: a subprocess exceeded our timeout (the error only says SIGTERM), 504 retryable',
    expect: { status: 504, retryable: true },
    error: await rejectionOf(() => spawn(node, ['-e', 'setTimeout(() => {}, 10000)'], { timeout: 150 })),
  })
  cases.push({
    library,
    what: 'the converter is killed by SIGKILL mid-run (OOM killer): SubprocessError "Command was terminated with SIGKILL"',
    why: 'everything else: a job we run crashed, not slow and not unreachable, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => spawn(node, ['-e', 'process.kill(process.pid, "SIGKILL")'])),
  })
  cases.push({
    library,
    what: 'a job run with `signal: AbortSignal.timeout(150)` as our deadline; the signal fires: SubprocessError "Command failed", isCanceled true, cause AbortError whose cause is a TimeoutError',
    why: 'our own controller aborted with a TimeoutError reason while the client is connected: 504',
    expect: { status: 504, retryable: true },
    error: await rejectionOf(() =>
      spawn(node, ['-e', 'setTimeout(() => {}, 10000)'], { signal: AbortSignal.timeout(150) }),
    ),
  })
  cases.push({
    library,
    what: 'our code passes a cwd that does not exist: SubprocessError, cause Error spawn ENOENT',
    why: 'everything else: a missing directory in our own setup, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => spawn(node, ['-v'], { cwd: '/nonexistent/heldout-y/workdir' })),
  })
  return cases
}
