// The little of Next.js that the examples use, so that tsc can check them without the `next`
// package (its `redirect()` signature, from next/navigation). In a Next.js app, Next's own types
// take its place.
declare module 'next/navigation' {
  export function redirect(url: string, type?: 'replace' | 'push'): never
}
