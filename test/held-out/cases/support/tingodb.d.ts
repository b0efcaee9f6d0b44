declare module 'tingodb' {
  type Cb<T = unknown> = (err: Error | null, result?: T) => void
  interface Cursor {
    skip(n: unknown): Cursor
    toArray(cb: Cb<unknown[]>): void
  }
  interface Collection {
    ensureIndex(spec: object, options: object, cb: Cb): void
    insert(doc: object, cb: Cb): void
    findOne(query: object, cb: Cb): void
    find(query: object): Cursor
    update(query: object, doc: object, options?: object, cb?: Cb): void
  }
  interface Db {
    collection(name: string, options?: object, cb?: Cb<Collection>): Collection
    close(cb: Cb): void
  }
  interface Engine {
    Db: new (path: string, options: object) => Db
    ObjectID: new (id?: unknown) => unknown
  }
  const factory: (options?: object) => Engine
  export default factory
}
