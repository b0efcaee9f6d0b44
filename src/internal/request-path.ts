/**
 * The path of a request target, without query or fragment. An origin-form target (`/a/b?x`) keeps
 * its path; an absolute-form one (`http://host/a/b?x`, which a proxy request or a full `Request.url`
 * has) loses its scheme and authority, so no host or query reaches a body or a log. `undefined` when
 * the target has no path (`*`, `host:443`).
 */
export function requestPath(target: string): string | undefined {
  let start = 0
  if (target.charCodeAt(0) !== 47 /* / */) {
    const authority = target.indexOf('://')
    start = authority === -1 ? -1 : target.indexOf('/', authority + 3)
    if (start === -1) return authority === -1 ? undefined : '/'
  }
  let end = target.length
  for (let i = start; i < end; i++) {
    const c = target.charCodeAt(i)
    if (c === 63 /* ? */ || c === 35 /* # */) end = i
  }
  return target.slice(start, end)
}
