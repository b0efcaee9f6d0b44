import { CoreV1Api, KubeConfig } from '@kubernetes/client-node'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@kubernetes/client-node'

/** A Kubernetes API `Status` object, as the API server sends it with an error. */
function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }
}

function coreApi(server: string): CoreV1Api {
  const kc = new KubeConfig()
  kc.loadFromOptions({
    clusters: [{ name: 'loopback', server, skipTLSVerify: true }],
    users: [{ name: 'ci', token: 'not-a-real-service-account-token' }],
    contexts: [{ name: 'loopback', cluster: 'loopback', user: 'ci' }],
    currentContext: 'loopback',
  })
  // The generated client never retries and has no request timeout option. Its reset and refusal
  // are node-fetch's FetchError passed through unchanged, so they are not collected.
  return kc.makeApiClient(CoreV1Api)
}

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = coreApi(up.url)
  const readPod = () => api.readNamespacedPod({ name: 'web-0', namespace: 'default' })
  const createPod = () => api.createNamespacedPod({ namespace: 'default', body: pod })
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 401, body: status(401, 'Unauthorized', 'Unauthorized') })
    cases.push({
      library,
      what: 'the API server answered 401 Unauthorized to our bearer token (ApiException, code 401, body and headers)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(readPod),
    })

    up.reply({
      status: 403,
      body: status(
        403,
        'Forbidden',
        'pods "web-0" is forbidden: User "system:serviceaccount:ci:deployer" cannot get resource "pods" in API group "" in the namespace "default"',
      ),
    })
    cases.push({
      library,
      what: 'the API server answered 403 Forbidden by RBAC (ApiException, code 403)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(readPod),
    })

    up.reply({ status: 404, body: status(404, 'NotFound', 'pods "web-0" not found') })
    cases.push({
      library,
      what: 'the API server answered 404 NotFound for a pod (ApiException, code 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(readPod),
    })

    up.reply({ status: 409, body: status(409, 'AlreadyExists', 'pods "web-0" already exists') })
    cases.push({
      library,
      what: 'the API server answered 409 AlreadyExists to createNamespacedPod (ApiException, code 409)',
      why: WHY.upstream4xx,
      upstreamStatus: 409,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(createPod),
    })

    up.reply({
      status: 422,
      body: status(422, 'Invalid', 'Pod "web-0" is invalid: spec.containers[0].image: Required value'),
    })
    cases.push({
      library,
      what: 'the API server answered 422 Invalid to createNamespacedPod (ApiException, code 422)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(createPod),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: status(429, 'TooManyRequests', 'storage is (re)initializing'),
    })
    cases.push({
      library,
      what: 'the API server answered 429 TooManyRequests with Retry-After: 7 (ApiException, code 429, headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(readPod),
    })

    up.reply({
      status: 500,
      body: status(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out'),
    })
    cases.push({
      library,
      what: 'the API server answered 500 InternalError (ApiException, code 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(readPod),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    })
    cases.push({
      library,
      what: 'a load balancer in front of the API server answered 502 with an HTML page (ApiException, code 502, the HTML as body)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(readPod),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'),
    })
    cases.push({
      library,
      what: 'the API server answered 503 ServiceUnavailable with Retry-After: 7 (ApiException, code 503, headers kept)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(readPod),
    })

    return cases
  } finally {
    await up.close()
  }
}
