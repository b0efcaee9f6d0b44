// The little of Deno's and Bun's globals that the examples use, so that tsc can check them on Node.
// In a Deno or Bun project, the runtime's own types take their place.
declare namespace Deno {
  function serve(handler: (request: Request) => Response | Promise<Response>): unknown
}
declare namespace Bun {
  function serve(options: {
    port?: number
    fetch(request: Request): Response | Promise<Response>
    error?(error: Error): Response | Promise<Response>
  }): unknown
}
