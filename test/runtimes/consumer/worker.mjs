// The Cloudflare Worker: app.mjs's handler, built at module scope as a user's worker builds it.
// The driver's loopback upstreams come in as bindings.
import { createHandler } from './app.mjs'

const handler = createHandler()

export default {
  fetch(request, env) {
    return handler(request, { closed: env.CLOSED_URL, hanging: env.HANGING_URL })
  },
}
