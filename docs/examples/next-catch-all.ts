// app/api/[...path]/route.ts: the API paths no other route handler owns
import { type NextOptions, notFoundHandler } from 'http-triage/next'

// One options object for the errors and the 404s of every route (in a shared module, in an app).
export const triage: NextOptions = { log: console }

export const GET = notFoundHandler(triage)
export const POST = GET
export const PUT = GET
export const PATCH = GET
export const DELETE = GET
