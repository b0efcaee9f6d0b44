declare module 'node-couchdb' {
  interface Options {
    host?: string
    port?: number
    protocol?: string
    timeout?: number
    auth?: { user: string; pass: string }
  }
  export default class NodeCouchDB {
    constructor(options?: Options)
    get(db: string, id: string, query?: object): Promise<{ data: unknown; status: number }>
    insert(db: string, doc: object): Promise<{ data: unknown; status: number }>
    update(db: string, doc: object): Promise<{ data: unknown; status: number }>
    del(db: string, id: string, rev: string): Promise<{ data: unknown; status: number }>
    mango(db: string, query: object, params?: object): Promise<{ data: unknown; status: number }>
    createDatabase(db: string): Promise<void>
  }
}
