// hapi-rate-limit ships no types (batch AW): a hapi plugin object.
declare module 'hapi-rate-limit' {
  import type { Plugin } from '@hapi/hapi'

  const plugin: Plugin<Record<string, unknown>>
  export default plugin
}
