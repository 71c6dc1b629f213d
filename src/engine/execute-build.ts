import * as fs from 'node:fs/promises'

import { attachDiagnostics } from '../diagnostics/attach-diagnostics.js'
import { runBuildPool } from '../pool/build-pool.js'
import { formatDuration } from '../pool/failure-reason.js'
import type { ModuleResult } from '../pool/module-result.js'
import { ChildRegistry } from '../pool/process-tree.js'
import { compilerEnvironment } from '../toolchain/command-lines.js'
import type { BuildLog } from './build-log.js'
import type { BuildOutcome } from './build-outcome.js'
import type { ModuleCache } from './module-cache.js'
import type { BuildPlan } from './prepare-build.js'
import { makeStagingRoot, removeStaleStaging } from './staging-dir.js'

export interface ExecuteOptions {
  signal: AbortSignal
  log: BuildLog
  cache?: ModuleCache
  /** Every child of this build: the faces end them all on cancellation. */
  registry?: ChildRegistry
}

/** Runs the plan: the pool over all modules, each result logged as one group when it ends. */
export async function executeBuild(plan: BuildPlan, options: ExecuteOptions): Promise<BuildOutcome> {
  const started = Date.now()
  const { settings, toolchain } = plan
  const stagingBase = settings.outputDir ?? settings.workingDirectory
  for (const name of await removeStaleStaging(stagingBase)) options.log.info(`Removed ${name}, left behind by a build that was killed`)
  const stagingRoot = await makeStagingRoot(stagingBase)
  const registry = options.registry ?? new ChildRegistry()
  const cache = options.cache
  const compilerEnv = compilerEnvironment(toolchain, process.env)
  // Each finished result with its diagnostics, in place of the pool's own (attaching returns a new result).
  const diagnosed = new Map<ModuleResult['module'], ModuleResult>()
  let results: ModuleResult[]
  try {
    const pooled = await runBuildPool(
      plan.modules,
      {
        workingDirectory: settings.workingDirectory,
        toolchain,
        flags: settings,
        stagingRoot,
        timeoutPerFile: settings.timeoutPerFile,
        signal: options.signal,
        registry,
        compilerEnv,
      },
      { jobs: plan.decision.jobs, failFast: settings.failFast, python: toolchain.executable, env: process.env },
      {
        finished: (result, done, total) => {
          const withDiagnostics = attachDiagnostics(result, settings.workingDirectory)
          diagnosed.set(result.module, withDiagnostics)
          logResult(options.log, withDiagnostics, done, total)
        },
        lowered: (jobs, error) =>
          options.log.warning(`The system refused to start a process (${error}): running ${jobs} job(s) at a time from now on`),
        before: cache && (spec => cache.lookup(spec)),
        after: cache && (result => cache.save(result)),
      },
    )
    results = pooled.map(result => diagnosed.get(result.module) ?? result)
  } finally {
    registry.killAll()
    await fs.rm(stagingRoot, { recursive: true, force: true }).catch(() => {})
  }
  return {
    results,
    decision: plan.decision,
    facts: plan.facts,
    toolchain,
    workingDirectory: settings.workingDirectory,
    startedAt: new Date(started),
    durationMs: Date.now() - started,
    cancelled: options.signal.aborted,
    cache: options.cache?.summary() ?? { enabled: false, dir: '', cached: 0, corrupt: 0 },
  }
}

/** `[37/120] pkg.mod  built in 3.2 s`, with the module's output in the same group. */
function logResult(log: BuildLog, result: ModuleResult, done: number, total: number): void {
  const width = String(total).length
  const what = result.status === 'failed' ? `FAILED (${result.reason})` : result.status === 'cached' ? 'from cache' : result.status
  const time = result.status === 'built' || result.status === 'failed' ? ` in ${formatDuration(result.durations.total)}` : ''
  log.group(`[${String(done).padStart(width)}/${total}] ${result.module.name}  ${what}${time}`, result.output, result.status === 'failed')
  if (result.status === 'failed' && result.module.optional)
    log.warning(`Optional module ${result.module.name} failed (${result.reason}): the build goes on without it`)
}
