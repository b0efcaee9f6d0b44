declare module '@hapi/content' {
  export function type(header: string): { mime: string; boundary?: string; charset?: string }
  export function disposition(header: string): { name?: string; filename?: string }
  const Content: { type: typeof type; disposition: typeof disposition }
  export default Content
}
