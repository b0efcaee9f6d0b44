/** @tryghost/content-api ships no types: the part of its API the collector uses. */
declare module '@tryghost/content-api' {
  interface Options {
    url?: string
    key?: string
    version?: string | boolean
  }
  interface Resource {
    browse(options?: Record<string, unknown>, memberToken?: string): Promise<unknown>
    read(
      data: Record<string, unknown>,
      options?: Record<string, unknown>,
      memberToken?: string,
    ): Promise<unknown>
  }
  interface Api {
    posts: Resource
    pages: Resource
    tags: Resource
    authors: Resource
  }
  function GhostContentAPI(options: Options): Api
  export default GhostContentAPI
}
