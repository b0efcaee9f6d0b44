// The Cloudflare Worker of the otel column: otel.mjs's checks, each run and its outcome sent back (http-triage/otel, and
// @opentelemetry/sdk-metrics bundled in) run inside a request. A bundle of its own, so that the
// SDK in a Worker can fail this column and nothing else.
import { runChecks } from './in-worker.mjs'
import { OTEL_CHECKS } from './otel.mjs'

export default {
  async fetch() {
    return Response.json(await runChecks(OTEL_CHECKS))
  },
}
