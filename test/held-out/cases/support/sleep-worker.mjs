// A worker-pool task for the held-out collectors: takes `ms` milliseconds, then answers `ms`.
export default (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms))
