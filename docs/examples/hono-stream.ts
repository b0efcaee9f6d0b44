import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { catchThrown, errorHandler, notFoundHandler, streamErrorHandler } from 'http-triage/hono'

const triage = { log: console }
const onStreamError = streamErrorHandler(triage)

const app = new Hono()
app.use(catchThrown())
app.get('/feed', (c) =>
  stream(
    c,
    async (s) => {
      await s.write('first chunk\n')
      throw new Error('the feed broke')
    },
    onStreamError(c),
  ),
)
app.onError(errorHandler(triage))
app.notFound(notFoundHandler(triage))
export default app
