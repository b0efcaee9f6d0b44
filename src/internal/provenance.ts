/**
 * Who made an error, as its stack tells: an error that a dependency made on its own (every
 * synchronous frame its stack records lies in an installed package or in the runtime) is the
 * report of something that dependency met, such as an upstream's answer to a call it made for us;
 * an error that application code made, or called a library to make, has a frame of the application.
 * Frames after the runtime's task queue (or marked `async`) are the awaiting callers, not the
 * maker. A stack that records no frame, or no stack, says nothing.
 */

/** How many lines of a stack are looked at (the default `Error.stackTraceLimit` is 10). */
const MAX_LINES = 24
/** A frame of an installed package: npm's, Deno's and Bun's layouts. */
const PACKAGE = /[/\\]node_modules[/\\]|[/\\]deno[/\\]npm[/\\]/
/** A frame of the runtime itself (Node's, Deno's, Bun's built-ins), where a task queue resumes. */
const RUNTIME = /\(?(?:node|ext|native|bun):|\(native\)|<anonymous>/

export function madeByDependency(stack: unknown, message: string | undefined): boolean {
  if (typeof stack !== 'string') return false
  // The frames follow the message, which may itself hold lines that look like frames.
  const start = message !== undefined && message !== '' ? stack.indexOf(message) : -1
  const lines = (start === -1 ? stack : stack.slice(start + (message as string).length)).split(
    '\n',
    MAX_LINES,
  )
  let frames = 0
  for (const line of lines) {
    const at = line.trimStart()
    if (!at.startsWith('at ')) continue
    if (at.startsWith('at async ') || RUNTIME.test(at)) break
    if (!PACKAGE.test(at)) return false
    frames++
  }
  return frames > 0
}
