import { Ollama } from 'ollama'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'ollama'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // ollama never retries. Its ResponseError keeps the upstream's status and error text only (no
  // headers, no URL), so the 429 and 503 here carry no Retry-After.
  const ollama = new Ollama({ host: up.url, headers: { authorization: 'Bearer test' } })
  const chat = () =>
    ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: false })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="ollama"' },
      body: { error: 'unauthorized' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our key (ResponseError with status_code 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(chat),
    })

    up.reply({ status: 404, body: { error: "model 'llama3.2' not found, try pulling it first" } })
    cases.push({
      library,
      what: 'upstream answered 404 model not found (ResponseError with status_code 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(chat),
    })

    up.reply({ status: 429, body: { error: 'you have reached your hourly usage limit, please upgrade' } })
    cases.push({
      library,
      what: 'upstream answered 429 usage limit (ResponseError with status_code 429)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(chat),
    })

    up.reply({ status: 500, body: { error: 'llama runner process has terminated: signal: killed' } })
    cases.push({
      library,
      what: 'upstream answered 500 runner terminated (ResponseError with status_code 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => ollama.embed({ model: 'nomic-embed-text', input: 'hello' })),
    })

    up.reply({
      status: 503,
      body: { error: 'server busy, please try again.  maximum pending requests exceeded' },
    })
    cases.push({
      library,
      what: 'upstream answered 503 server busy (ResponseError with status_code 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(chat),
    })

    const port = await closedPort()
    const offline = new Ollama({ host: `http://127.0.0.1:${port}` })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (fetch failed TypeError, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.list()),
    })
    return cases
  } finally {
    await up.close()
  }
}
