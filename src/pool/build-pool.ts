import type { ModuleSpec } from '../plan/module-spec.js'
import { type BuildContext, buildModule } from './build-module.js'
import { CythonWorker } from './cython-worker.js'
import type { ModuleResult } from './module-result.js'

export interface PoolHooks {
  /** A module's end, in finishing order, with its place in the count: printed at once as one group. */
  finished(result: ModuleResult, done: number, total: number): void
  /** Said once, when the OS refuses a process for lack of resources and the pool runs fewer jobs. */
  lowered(jobs: number, error: string): void
  /** Consulted before a module is built: a result here (a cache hit) means it is not built. */
  before?(spec: ModuleSpec): Promise<ModuleResult | undefined>
  /** After a module is built, before it counts as finished (the cache stores it here). */
  after?(result: ModuleResult): Promise<void>
}

export interface PoolOptions {
  jobs: number
  failFast: boolean
  python: string
  env: NodeJS.ProcessEnv
}

/**
 * One bounded pool over all modules. Each slot takes the next module and carries it through Cython, compile and
 * link, so one module's C compile overlaps others' Cython: no barrier between the phases.
 */
/** A module whose processes the OS keeps refusing, even one at a time, fails after this many tries. */
const MAX_START_TRIES = 5

interface QueueItem {
  spec: ModuleSpec
  index: number
  tries: number
}

export async function runBuildPool(modules: ModuleSpec[], ctx: BuildContext, options: PoolOptions, hooks: PoolHooks): Promise<ModuleResult[]> {
  const queue: QueueItem[] = modules.map((spec, index) => ({ spec, index, tries: 0 }))
  const results = new Map<ModuleSpec, ModuleResult>()
  let limit = Math.max(1, options.jobs)
  let active = 0
  let waiting = 0 // modules sitting out a back-off before another try
  let stopping = false
  let saidLowered = false
  const idleWorkers: CythonWorker[] = []
  const workers: CythonWorker[] = []

  const takeWorker = (): CythonWorker => {
    const worker = idleWorkers.pop() ?? new CythonWorker(options.python, options.env, ctx.registry)
    if (!workers.includes(worker)) workers.push(worker)
    return worker
  }

  const runOne = async (item: QueueItem): Promise<void> => {
    const cached = await hooks.before?.(item.spec)
    if (cached) return finish(cached)
    const worker = takeWorker()
    try {
      const attempt = await buildModule(item.spec, worker, ctx, item.index)
      if (attempt.kind === 'retry') return lower(item, attempt.error)
      await hooks.after?.(attempt.result)
      finish(attempt.result)
    } finally {
      // Keep no more live Cython workers than the (possibly lowered) limit: each holds processes and pipes.
      if (idleWorkers.length + 1 > limit) worker.close()
      idleWorkers.push(worker)
    }
  }

  /** The OS refused a process for lack of resources: run fewer at once, and try this module again shortly. */
  const lower = (item: QueueItem, error: string): void => {
    item.tries++
    if (item.tries >= MAX_START_TRIES) return finish(startRefused(item.spec, error, item.tries))
    limit = Math.max(1, Math.min(limit, active) - 1)
    for (const idle of idleWorkers) idle.close()
    if (!saidLowered) hooks.lowered(limit, error)
    saidLowered = true
    waiting++
    setTimeout(() => {
      waiting--
      queue.unshift(item)
      pump()
    }, 250 * item.tries)
  }

  const finish = (result: ModuleResult): void => {
    results.set(result.module, result)
    if (result.status === 'failed' && options.failFast) stopping = true
    hooks.finished(result, results.size, modules.length)
  }

  let pump = (): void => {}
  await new Promise<void>(resolve => {
    pump = (): void => {
      while (!stopping && !ctx.signal.aborted && active < limit && queue.length > 0) {
        const item = queue.shift() as QueueItem
        active++
        runOne(item)
          .catch(err => finish(internalFailure(item.spec, err)))
          .finally(() => {
            active--
            pump()
          })
      }
      if (active === 0 && (waiting === 0 || stopping || ctx.signal.aborted)) resolve()
    }
    ctx.signal.addEventListener('abort', pump, { once: true })
    pump()
  })
  for (const worker of workers) worker.close()
  return modules.map(spec => results.get(spec) ?? notBuilt(spec, ctx.signal.aborted ? 'cancelled' : 'skipped'))
}

function internalFailure(spec: ModuleSpec, err: unknown): ModuleResult {
  const message = err instanceof Error ? err.message : String(err)
  return { module: spec, status: 'failed', reason: message, durations: { total: 0 }, output: message + '\n', diagnostics: [] }
}

function startRefused(spec: ModuleSpec, error: string, tries: number): ModuleResult {
  const reason = `could not start a process: ${error} (the system is out of processes, files or memory), ${tries} tries`
  return { module: spec, status: 'failed', reason, durations: { total: 0 }, output: reason + '\n', diagnostics: [] }
}

function notBuilt(spec: ModuleSpec, status: 'cancelled' | 'skipped'): ModuleResult {
  const reason = status === 'cancelled' ? 'cancelled before it started' : 'not built: fail-fast stopped the build after a failure'
  return { module: spec, status, reason, durations: { total: 0 }, output: '', diagnostics: [] }
}
