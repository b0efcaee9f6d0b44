// The Cloudflare Worker of the workerd row: test/apps' fetch and Hono apps (with the packed
// package's adapters) under /fetch and /hono, and the core checks run inside a request at /core.
// The driver's loopback upstreams come in as bindings, so the apps are built at the first request.
import * as core from 'http-triage'
import * as fetchAdapter from 'http-triage/fetch'
import * as honoAdapter from 'http-triage/hono'
import { create as fetchApp } from './apps/fetch.mjs'
import { create as honoApp } from './apps/hono.mjs'
import { actions, conformanceRoutes } from './apps/routes.mjs'
import { CORE_CHECKS, upstreamChecks } from './core.mjs'
import { runChecks } from './in-worker.mjs'

let apps

async function build(upstreams) {
  const setup = {
    core,
    routes: conformanceRoutes(actions(upstreams, core.httpError)),
    options: { log: false },
  }
  return {
    fetch: await fetchApp({ ...setup, adapter: fetchAdapter }),
    hono: await honoApp({ ...setup, adapter: honoAdapter }),
  }
}

export default {
  async fetch(request, env) {
    const upstreams = { closed: env.CLOSED_URL, hanging: env.HANGING_URL, garbage: env.GARBAGE_URL }
    apps ??= build(upstreams)
    const url = new URL(request.url)
    if (url.pathname === '/core') {
      return Response.json(await runChecks({ ...CORE_CHECKS, ...(await upstreamChecks(upstreams)) }))
    }
    const [, prefix, ...rest] = url.pathname.split('/')
    const app = (await apps)[prefix]
    if (!app) return new Response('no such prefix', { status: 400 })
    url.pathname = `/${rest.join('/')}`
    return app.fetch(new Request(url, request))
  },
}
