// A JSON body read as co-body (koa-bodyparser's and @koa/bodyparser's reader) reads it, for the
// frameworks that leave body parsing to the app (Koa, node:http): raw-body's 413 for a body over the
// limit, made as raw-body makes it (http-errors, `entity.too.large`), and a parse error that carries
// status 400 and the text, as co-body's lib/json.js leaves it.
import createError from 'http-errors'

export async function readJson(req, limit) {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) {
    throw createError(413, 'request entity too large', { type: 'entity.too.large', limit })
  }
  let text = ''
  for await (const chunk of req) text += String(chunk)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw Object.assign(error, { status: 400, body: text })
  }
}
