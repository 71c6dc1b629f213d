import { errorText } from '../errors/error-text.js'
import type { ModuleSpec } from '../plan/module-spec.js'
import { type BuildAttempt, type BuildContext, buildModule } from './build-module.js'
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

/** Builds one module with a slot's Cython worker; the pool's only way to do work (tests pass their own). */
export type ModuleBuilder = (spec: ModuleSpec, cython: CythonWorker, ctx: BuildContext, index: number) => Promise<BuildAttempt>

export interface PoolOptions {
  jobs: number
  failFast: boolean
  python: string
  env: NodeJS.ProcessEnv
  /** Defaults to the real buildModule. */
  build?: ModuleBuilder
  /** Base of the back-off before a refused module is tried again (tries x this); 250 ms by default. */
  backoffMs?: number
}

/** A module whose processes the OS keeps refusing, even one at a time, fails after this many tries. */
const MAX_START_TRIES = 5

interface QueueItem {
  spec: ModuleSpec
  index: number
  tries: number
}

/**
 * One bounded pool over all modules. Each slot takes the next module and carries it through Cython, compile and
 * link, so one module's C compile overlaps others' Cython: no barrier between the phases.
 */
export function runBuildPool(modules: ModuleSpec[], ctx: BuildContext, options: PoolOptions, hooks: PoolHooks): Promise<ModuleResult[]> {
  return new BuildPool(modules, ctx, options, hooks).run()
}

class BuildPool {
  private readonly queue: QueueItem[]
  private readonly results = new Map<ModuleSpec, ModuleResult>()
  private readonly idleWorkers: CythonWorker[] = []
  private readonly workers = new Set<CythonWorker>()
  private limit: number
  private active = 0
  /** Modules sitting out a back-off before another try. */
  private waiting = 0
  private stopping = false
  private saidLowered = false
  private resolveDone = (): void => {}

  constructor(
    private readonly modules: ModuleSpec[],
    private readonly ctx: BuildContext,
    private readonly options: PoolOptions,
    private readonly hooks: PoolHooks,
  ) {
    this.queue = modules.map((spec, index) => ({ spec, index, tries: 0 }))
    this.limit = Math.max(1, options.jobs)
  }

  async run(): Promise<ModuleResult[]> {
    await new Promise<void>(resolve => {
      this.resolveDone = resolve
      this.ctx.signal.addEventListener('abort', () => this.pump(), { once: true })
      this.pump()
    })
    for (const worker of this.workers) worker.close()
    const status = this.ctx.signal.aborted ? 'cancelled' : 'skipped'
    return this.modules.map(spec => this.results.get(spec) ?? notBuilt(spec, status))
  }

  /** Starts modules while there is room; ends the run when nothing is running or waiting. */
  private pump(): void {
    while (!this.stopping && !this.ctx.signal.aborted && this.active < this.limit && this.queue.length > 0) {
      const item = this.queue.shift() as QueueItem
      this.active++
      this.runOne(item)
        .catch(err => this.finish(internalFailure(item.spec, err)))
        .finally(() => {
          this.active--
          this.pump()
        })
    }
    if (this.active === 0 && (this.waiting === 0 || this.stopping || this.ctx.signal.aborted)) this.resolveDone()
  }

  private async runOne(item: QueueItem): Promise<void> {
    const cached = await this.hooks.before?.(item.spec)
    if (cached) return this.finish(cached)
    const worker = this.idleWorkers.pop() ?? new CythonWorker(this.options.python, this.options.env, this.ctx.registry)
    this.workers.add(worker)
    try {
      const attempt = await (this.options.build ?? buildModule)(item.spec, worker, this.ctx, item.index)
      if (attempt.kind === 'retry') return this.lower(item, attempt.error)
      await this.hooks.after?.(attempt.result)
      this.finish(attempt.result)
    } finally {
      // Keep no more live Cython workers than the (possibly lowered) limit: each holds processes and pipes.
      if (this.idleWorkers.length + 1 > this.limit) worker.close()
      this.idleWorkers.push(worker)
    }
  }

  /** The OS refused a process for lack of resources: run fewer at once, and try this module again shortly. */
  private lower(item: QueueItem, error: string): void {
    item.tries++
    if (item.tries >= MAX_START_TRIES) return this.finish(startRefused(item.spec, error, item.tries))
    this.limit = Math.max(1, Math.min(this.limit, this.active) - 1)
    for (const idle of this.idleWorkers) idle.close()
    if (!this.saidLowered) this.hooks.lowered(this.limit, error)
    this.saidLowered = true
    this.waiting++
    setTimeout(
      () => {
        this.waiting--
        this.queue.unshift(item)
        this.pump()
      },
      (this.options.backoffMs ?? 250) * item.tries,
    )
  }

  private finish(result: ModuleResult): void {
    this.results.set(result.module, result)
    if (result.status === 'failed' && !result.module.optional && this.options.failFast) this.stopping = true
    this.hooks.finished(result, this.results.size, this.modules.length)
  }
}

function internalFailure(spec: ModuleSpec, err: unknown): ModuleResult {
  const message = errorText(err)
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
