/** @tryghost/admin-api ships no types: the part of its API the collector uses. */
declare module '@tryghost/admin-api' {
  interface Options {
    url?: string
    key?: string
    version?: string | boolean
    ghostPath?: string
  }
  interface Resource {
    browse(options?: Record<string, unknown>): Promise<unknown>
    read(data: Record<string, unknown>, query?: Record<string, unknown>): Promise<unknown>
    add(data: Record<string, unknown>, query?: Record<string, unknown>): Promise<unknown>
    edit(data: Record<string, unknown>, query?: Record<string, unknown>): Promise<unknown>
    delete(data: Record<string, unknown>, query?: Record<string, unknown>): Promise<unknown>
  }
  interface Api {
    posts: Resource
    members: Resource
    tags: Resource
  }
  function GhostAdminAPI(options: Options): Api
  export = GhostAdminAPI
}
