import { H3 } from 'h3'
import { createResponder } from 'http-triage'

const respond = createResponder({ log: console })

export const app: H3 = new H3({
  silent: true, // http-triage logs; h3 need not print the error too
  onError(error, event) {
    // h3 wraps what it did not expect in a 500 marked `unhandled`; classify looks through it to the cause.
    const { status, headers, body } = respond(error, {
      method: event.req.method,
      path: event.url.pathname,
      header: (name) => event.req.headers.get(name),
    })
    return new Response(body, { status, headers })
  },
})
