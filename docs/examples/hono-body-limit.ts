import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { payloadTooLarge } from 'http-triage'
import { errorHandler } from 'http-triage/hono'

const app = new Hono()
app.use(
  bodyLimit({
    maxSize: 100 * 1024,
    // The default answers with its own text/plain 413, which errorHandler() sends as it is.
    onError: () => {
      throw payloadTooLarge()
    },
  }),
)
app.post('/upload', async (c) => c.json({ received: (await c.req.json()) !== undefined }))
app.onError(errorHandler())
export default app
