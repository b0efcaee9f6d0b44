import { createRequire } from 'node:module'
import type * as Errors from 'http-status-errors'
import type { Collect, HeldOutCase } from '../case.js'
import { serveApp } from './support/app.js'

const library = 'http-status-errors'

// The package assigns its classes in a forEach (CommonJS): Node's ESM import cannot see the names.
const {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  InternalServerError,
  MethodNotAllowedError,
  NotAuthenticatedError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
  TeapotError,
  UnavailableError,
} = createRequire(import.meta.url)('http-status-errors') as typeof Errors

// A video catalog whose handlers and middleware throw http-status-errors (status, meta).
export const collect: Collect = async () => {
  const videos = new Map([
    ['v-1', { id: 'v-1', title: 'Intro', regions: ['FR', 'DE'], live: false }],
    ['v-2', { id: 'v-2', title: 'Match', regions: ['FR'], live: true }],
  ])
  let transcoderUp = true
  const app = await serveApp({
    middleware: [
      ({ url, headers }) => {
        if (url.pathname.startsWith('/admin') && headers.authorization === undefined)
          throw new NotAuthenticatedError()
        if (url.pathname.startsWith('/admin') && headers.authorization !== 'Bearer root')
          throw new ForbiddenError('Admin role required', { role: 'viewer' })
      },
    ],
    routes: {
      'GET /videos/:id': ({ params, headers }) => {
        const video = videos.get(params.id ?? '')
        if (!video) throw new NotFoundError(`Video ${params.id} not found`)
        const region = String(headers['x-region'] ?? 'FR')
        if (!video.regions.includes(region))
          throw new UnavailableError(`Video ${params.id} is not licensed in ${region}`, { region })
        return video
      },
      'POST /videos': ({ url }) => {
        const title = url.searchParams.get('title')
        if (!title) throw new BadRequestError('Query parameter "title" is required', { param: 'title' })
        if ([...videos.values()].some((v) => v.title === title))
          throw new ConflictError(`A video titled ${title} exists`)
        return { title }
      },
      'DELETE /videos/:id': ({ params }) => {
        if (videos.get(params.id ?? '')?.live)
          throw new MethodNotAllowedError('Live videos cannot be deleted')
        return null
      },
      'POST /videos/:id/transcode': () => {
        if (!transcoderUp) throw new ServiceUnavailableError('Transcoder queue is paused')
        return null
      },
      'GET /videos/:id/subtitles': () => {
        throw new NotImplementedError('Subtitles are not implemented')
      },
      'GET /admin/stats': () => {
        try {
          return JSON.parse('{"views": NaN}')
        } catch (error) {
          throw new InternalServerError('Stats cache is corrupt', { cause: error })
        }
      },
      'POST /coffee/brew': () => {
        throw new TeapotError()
      },
    },
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /videos/v-9: handler threw NotFoundError (status 404, util.inherits Error)',
      why: 'errors that carry a status: 404',
      expect: { status: 404 },
      error: await app.rejection('/videos/v-9'),
    })
    cases.push({
      library,
      what: 'GET /videos/v-2 from region DE: handler threw UnavailableError (status 451) with meta { region }',
      why: 'errors that carry a status: 451',
      expect: { status: 451 },
      error: await app.rejection('/videos/v-2', { headers: { 'x-region': 'DE' } }),
    })
    cases.push({
      library,
      what: 'POST /videos without ?title: handler threw BadRequestError (status 400) with meta { param }',
      why: 'errors that carry a status: 400',
      expect: { status: 400 },
      error: await app.rejection('/videos', { method: 'POST' }),
    })
    cases.push({
      library,
      what: 'GET /videos/v-1/subtitles: handler threw NotImplementedError (status 501)',
      why: 'errors that carry a status: 501 (explicit not-implemented)',
      expect: { status: 501 },
      error: await app.rejection('/videos/v-1/subtitles'),
    })
    cases.push({
      library,
      what: 'GET /admin/stats without Authorization: middleware threw NotAuthenticatedError (status 401, default message)',
      why: 'errors that carry a status: 401 (the error carries no challenge)',
      expect: { status: 401 },
      error: await app.rejection('/admin/stats'),
    })
    cases.push({
      library,
      what: 'GET /admin/stats as root: handler threw InternalServerError (status 500) with meta { cause: SyntaxError }',
      why: 'errors that carry a status: 500 the app chose',
      expect: { status: 500 },
      error: await app.rejection('/admin/stats', { headers: { authorization: 'Bearer root' } }),
    })
    cases.push({
      library,
      what: 'POST /coffee/brew (an easter-egg route): handler threw TeapotError (status 418)',
      why: 'errors that carry a status: 418 is in 400-599, the app chose it',
      expect: { status: 418 },
      error: await app.rejection('/coffee/brew', { method: 'POST' }),
    })
    transcoderUp = false
    cases.push({
      library,
      what: 'POST /videos/v-1/transcode while the queue is paused: handler threw ServiceUnavailableError (status 503)',
      why: 'errors that carry a status: 503 (retryable)',
      expect: { status: 503, retryable: true },
      error: await app.rejection('/videos/v-1/transcode', { method: 'POST' }),
    })
  } finally {
    await app.close()
  }
  return cases
}
