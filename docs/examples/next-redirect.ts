// app/api/account/route.ts
import { withTriage } from 'http-triage/next'
import { redirect } from 'next/navigation'

export const GET = withTriage(async (request: Request) => {
  if (!request.headers.get('cookie')?.includes('session=')) redirect('/login') // rethrown: Next answers 307
  const account = await fetch('http://accounts.internal/me') // refused → 503, too slow → 504
  return Response.json(await account.json())
})
