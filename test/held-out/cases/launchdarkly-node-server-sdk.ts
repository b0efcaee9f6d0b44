import { basicLogger, init } from '@launchdarkly/node-server-sdk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { RESET, TIMED_OUT, UPSTREAM_4XX, UPSTREAM_401, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, type Reply, startUpstream } from './support/http-upstream.js'

const library = '@launchdarkly/node-server-sdk'

// A server that evaluates feature flags with the LaunchDarkly server SDK, pointed at a scripted flag
// service on 127.0.0.1, and that awaits `waitForInitialization({ timeout: 1 })` before it serves
// (so the rejection reaches the request that triggered the lazy start).
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const up = await startUpstream()
  const initError = (reply: Reply, stream: boolean, base = up.url) => {
    up.reply(reply)
    const client = init('sdk-key-0a1b2c3d', {
      baseUri: base,
      streamUri: base,
      eventsUri: base,
      stream,
      sendEvents: false,
      timeout: 0.3,
      pollInterval: 30,
      logger: basicLogger({ level: 'none' }),
    })
    // The SDK schedules its next poll when a request settles, even after close(): let the request in
    // flight settle first, so close() clears that timer.
    return rejectionOf(() => client.waitForInitialization({ timeout: 1 })).finally(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200))
      client.close()
    })
  }
  const polling = caseAdder(library, cases, '; polling mode, waitForInitialization timeout 1 s')
  const streaming = caseAdder(library, cases, '; streaming mode, waitForInitialization timeout 1 s')
  try {
    polling(
      'flag service answered 401 to our SDK key (the SDK gives up permanently)',
      WHY.upstream401,
      UPSTREAM_401,
      await initError(
        { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { message: 'bad key' } },
        false,
      ),
      401,
    )
    polling(
      'flag service answered 404 to the polling request',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await initError({ status: 404, body: { message: 'not found' } }, false),
      404,
    )
    polling(
      'flag service answered 200 with an HTML page instead of flag JSON',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await initError(
        { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>proxy login</html>' },
        false,
      ),
    )
    polling(
      'flag service answered 500 to every poll; the SDK keeps retrying and our 1 s wait ran out',
      WHY.timeout,
      TIMED_OUT,
      await initError({ status: 500, body: { message: 'oops' } }, false),
      500,
    )
    polling(
      'flag service accepted the connection and never answered; our 1 s wait ran out',
      WHY.timeout,
      TIMED_OUT,
      await initError('hang', false),
    )
    polling(
      'flag service on a closed loopback port; the SDK keeps retrying and our 1 s wait ran out',
      WHY.timeout,
      TIMED_OUT,
      await initError({ status: 200 }, false, `http://127.0.0.1:${await closedPort()}`),
    )
    streaming(
      'flag stream answered 401 to our SDK key',
      WHY.upstream401,
      UPSTREAM_401,
      await initError({ status: 401, headers: { 'www-authenticate': 'Bearer' } }, true),
      401,
    )
    streaming(
      'flag stream answered 403 to our SDK key',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await initError({ status: 403 }, true),
      403,
    )
    streaming(
      'flag stream sent a put event whose data is not JSON',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await initError(
        {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: 'event: put\ndata: {not json\n\n',
        },
        true,
      ),
    )
  } finally {
    await up.close()
  }
  return cases
}
