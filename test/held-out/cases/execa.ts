import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { $, execa } from 'execa'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'execa'
const node = process.execPath

// execa: a request handler shells out to helper programs (a thumbnailer, a PDF converter, git).
// Failures reject with ExecaError, which carries the command, exitCode, signal, timedOut,
// isCanceled, isMaxBuffer, stdout/stderr and the original spawn error as `cause`.
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-y-execa-'))
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'the thumbnailer binary we shell out to is not installed on the host: ExecaError "spawn vips-thumbnail-missing ENOENT", code ENOENT',
      why: 'everything else: ENOENT of our own environment (a missing program), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => execa('vips-thumbnail-missing', ['in.png', 'out.png'])),
    })
    cases.push({
      library,
      what: 'the converter exits with code 3 and an error on stderr: ExecaError "Command failed with exit code 3", exitCode 3',
      why: 'everything else: a job we run failed, our own problem, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        execa(node, ['-e', 'process.stderr.write("convert: unsupported option -Z\\n"); process.exit(3)']),
      ),
    })
    cases.push({
      library,
      what: 'the PDF converter runs past our `timeout: 150` and is killed: ExecaError "Command timed out after 150 milliseconds", timedOut true, signal SIGTERM',
      why: 'dependency too slow: a subprocess exceeded our timeout, 504 retryable',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => execa(node, ['-e', 'setTimeout(() => {}, 10000)'], { timeout: 150 })),
    })
    cases.push({
      library,
      what: 'a converter that ignores SIGTERM, run with `timeout: 150, forceKillAfterDelay: 100`: ExecaError timed out, killed with SIGKILL after the grace delay',
      why: 'dependency too slow: a subprocess exceeded our timeout, 504 retryable',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() =>
        execa(node, ['-e', 'process.on("SIGTERM", () => {}); setTimeout(() => {}, 10000)'], {
          timeout: 150,
          forceKillAfterDelay: 100,
        }),
      ),
    })
    cases.push({
      library,
      what: 'the template form $({ timeout: 120 })`node -e ...` for an image converter that hangs: ExecaError timedOut true',
      why: 'dependency too slow: a subprocess exceeded our timeout, 504 retryable',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => $({ timeout: 120 })`${node} -e ${'setInterval(() => {}, 1000)'}`),
    })
    cases.push({
      library,
      what: 'the converter is killed by a signal (SIGKILL, as the OOM killer does) mid-run: ExecaError "Command was killed with SIGKILL (Forced termination)", signal SIGKILL, timedOut false',
      why: 'everything else: a job we run crashed, not slow and not unreachable, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => execa(node, ['-e', 'process.kill(process.pid, "SIGKILL")'])),
    })
    cases.push({
      library,
      what: 'the child process is killed by SIGABRT (as a native crash does): ExecaError "Command was killed with SIGABRT (Aborted)"',
      why: 'everything else: a job we run crashed, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        execa(node, ['--no-node-snapshot', '-e', 'process.kill(process.pid, "SIGABRT")']),
      ),
    })
    cases.push({
      library,
      what: 'our request handler runs a report job with cancelSignal: AbortSignal.timeout(150) as its deadline; the signal fires: ExecaError "Command was canceled", isCanceled true, cause TimeoutError',
      why: 'our own controller aborted with a TimeoutError reason while the client is still connected: 504',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() =>
        execa(node, ['-e', 'setTimeout(() => {}, 10000)'], { cancelSignal: AbortSignal.timeout(150) }),
      ),
    })
    cases.push({
      library,
      what: 'a helper prints more than our maxBuffer of 1000 bytes: ExecaError "Command\'s stdout was larger than 1000 characters", isMaxBuffer true',
      why: 'everything else: our own limit on a job we run, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        execa(node, ['-e', 'process.stdout.write("x".repeat(100000))'], { maxBuffer: 1000 }),
      ),
    })
    cases.push({
      library,
      what: 'execa run with cwd set to a working directory that was never created: ExecaError, cwd ENOENT',
      why: 'everything else: a missing directory in our own setup, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => execa(node, ['-v'], { cwd: join(dir, 'missing-workdir') })),
    })
    cases.push({
      library,
      what: 'a bug in our code passes an unknown stdio value: TypeError thrown by execa option validation',
      why: 'everything else: our own bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => execa(node, ['-v'], { stdout: 'bogus' as never })),
    })
    return cases
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
