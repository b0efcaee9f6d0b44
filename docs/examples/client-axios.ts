import axios, { type AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'
import { retryDecision } from 'http-triage/client'

type Config = InternalAxiosRequestConfig & { attempt?: number }

/** axios with http-triage's retry policy: an interceptor asks retryDecision before each retry. */
export function withRetries(instance: AxiosInstance): AxiosInstance {
  instance.interceptors.response.use(undefined, async (error: AxiosError) => {
    const config = error.config as Config | undefined
    if (!config) throw error
    const attempt = config.attempt ?? 1
    const { retry, delay } = retryDecision({
      method: config.method ?? 'get',
      attempt,
      status: error.response?.status,
      headers: error.response?.headers,
      requestHeaders: config.headers,
      error: error.response ? undefined : error, // axios copies the system code (ECONNREFUSED …)
      signal: config.signal instanceof AbortSignal ? config.signal : undefined,
    })
    if (!retry) throw error
    await new Promise((resolve) => setTimeout(resolve, delay))
    return instance.request({ ...config, attempt: attempt + 1 } as Config)
  })
  return instance
}

export const api = withRetries(axios.create({ baseURL: 'https://api.example.com' }))
