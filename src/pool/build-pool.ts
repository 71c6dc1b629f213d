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
export async function runBuildPool(modules: ModuleSpec[], ctx: BuildContext, options: PoolOptions, hooks: PoolHooks): Promise<ModuleResult[]> {
  const queue = modules.map((spec, index) => ({ spec, index }))
  const results = new Map<ModuleSpec, ModuleResult>()
  let limit = Math.max(1, options.jobs)
  let active = 0
  let stopping = false
  let saidLowered = false
  const idleWorkers: CythonWorker[] = []
  const workers: CythonWorker[] = []

  const takeWorker = (): CythonWorker => {
    const worker = idleWorkers.pop() ?? new CythonWorker(options.python, options.env, ctx.registry)
    if (!workers.includes(worker)) workers.push(worker)
    return worker
  }

  const runOne = async (item: { spec: ModuleSpec; index: number }): Promise<void> => {
    const cached = await hooks.before?.(item.spec)
    if (cached) return finish(cached)
    const worker = takeWorker()
    try {
      const attempt = await buildModule(item.spec, worker, ctx, item.index)
      if (attempt.kind === 'retry') return lower(item, attempt.error)
      await hooks.after?.(attempt.result)
      finish(attempt.result)
    } finally {
      idleWorkers.push(worker)
    }
  }

  const lower = (item: { spec: ModuleSpec; index: number }, error: string): void => {
    queue.unshift(item)
    limit = Math.max(1, Math.min(limit, active) - 1)
    if (!saidLowered) hooks.lowered(limit, error)
    saidLowered = true
  }

  const finish = (result: ModuleResult): void => {
    results.set(result.module, result)
    if (result.status === 'failed' && options.failFast) stopping = true
    hooks.finished(result, results.size, modules.length)
  }

  await new Promise<void>(resolve => {
    const pump = (): void => {
      while (!stopping && !ctx.signal.aborted && active < limit && queue.length > 0) {
        const item = queue.shift() as { spec: ModuleSpec; index: number }
        active++
        runOne(item)
          .catch(err => finish(internalFailure(item.spec, err)))
          .finally(() => {
            active--
            pump()
          })
      }
      if (active === 0) resolve()
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

function notBuilt(spec: ModuleSpec, status: 'cancelled' | 'skipped'): ModuleResult {
  const reason = status === 'cancelled' ? 'cancelled before it started' : 'not built: fail-fast stopped the build after a failure'
  return { module: spec, status, reason, durations: { total: 0 }, output: '', diagnostics: [] }
}
