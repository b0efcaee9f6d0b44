import { AssemblyAI } from 'assemblyai'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'assemblyai'

// 44 bytes of a WAV header and no samples: enough for the client to send it.
const wav = new Uint8Array(44)

export const collect: Collect = async () => {
  const up = await startUpstream()
  // Neither the REST services nor the sync transcriber retry; baseUrl and syncBaseUrl point both at
  // the loopback upstream.
  const client = new AssemblyAI({ apiKey: 'test-key', baseUrl: up.url, syncBaseUrl: up.url })
  const transcribe = () => client.sync.transcribe(wav)
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 401, body: { error: 'Authentication error, API token missing/invalid' } })
    cases.push({
      library,
      what: 'upstream answered 401 to a transcript lookup (plain Error with only the JSON error as message)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => client.transcripts.get('5551722-f677-48a6')),
    })

    up.reply({ status: 404, body: { error: 'Transcript not found' } })
    cases.push({
      library,
      what: 'upstream answered 404 to a transcript lookup (plain Error, message only)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.transcripts.get('5551722-f677-48a6')),
    })

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { title: 'Unauthorized', detail: 'Invalid API key' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to a sync transcription (SyncTranscriptError, status 401, errorCode)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(transcribe),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { title: 'Too Many Requests', detail: 'Concurrency limit reached' },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (SyncTranscriptError, status 429, retryAfter 7)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(transcribe),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body (SyncTranscriptError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(transcribe),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { title: 'Capacity Exceeded', detail: 'No capacity to serve the request' },
    })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 (SyncTranscriptError, errorCode capacity_exceeded)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(transcribe),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the sync transcriber's own 250 ms deadline fired (DOMException TimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => client.sync.transcribe(wav, {}, { timeout: 250 })),
    })
    return cases
  } finally {
    await up.close()
  }
}
