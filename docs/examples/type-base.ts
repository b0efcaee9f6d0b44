import { errorHandler } from 'http-triage/hono'

// "type": "https://api.example.com/problems/not-found", "instance": "/orders/7"
export const onError = errorHandler({ typeBase: 'https://api.example.com/problems/', instance: true })
