import * as path from 'node:path'

import { DiskSourceReader } from '../cache/content-hash.js'
import type { HostFacts } from '../host/host-facts.js'
import type { ModuleSpec } from '../plan/module-spec.js'
import { scheduleLongestFirst } from '../plan/schedule.js'
import type { ChildRegistry } from '../pool/process-tree.js'
import type { BuildSettings } from '../settings/settings.js'
import type { BuildLog } from './build-log.js'
import type { BuildOutcome } from './build-outcome.js'
import { executeBuild } from './execute-build.js'
import { type OpenCache, openModuleCache, recordedDurations, type StoreKeyParts } from './open-module-cache.js'
import { type BuildPlan, type DryRunPlan, planToJson, prepareBuild } from './prepare-build.js'
import { logShard, modulesOfShard, selectShard, type ShardSelection } from './select-shard.js'
import { placeForSetuptools, setuptoolsBuildLib } from './setuptools-build-lib.js'

export interface EngineOptions {
  log: BuildLog
  signal: AbortSignal
  registry?: ChildRegistry
  hostFacts?: Partial<HostFacts>
  /** The action fills the store from GitHub's cache here, once the key (which needs every fingerprint) is known. */
  restoreStore?: (parts: StoreKeyParts, dir: string) => Promise<void>
}

/** What the engine itself spent before any compiler starts (Python's start-up for the toolchain query apart). */
export interface EngineTimings {
  toolchainMs: number
  planMs: number
  fingerprintMs: number
}

export type EngineResult = { kind: 'plan'; plan: DryRunPlan & { timings: EngineTimings } } | { kind: 'outcome'; outcome: BuildOutcome }

/** The one engine behind both faces: plan, fingerprint, then (unless a dry run) build through the compile cache. */
export async function runEngine(settings: BuildSettings, options: EngineOptions): Promise<EngineResult> {
  const { plan, cache, timings } = await planAndFingerprint(settings, options)
  // For the split only: a listed entry weighs 0 (a damaged one is rebuilt anyway, by whichever shard holds it).
  const isCached = (spec: ModuleSpec): Promise<boolean> => (cache ? cache.lists(spec) : Promise.resolve(false))
  if (settings.dryRun) {
    const shard = await takeShard(plan, settings, await recordedDurations(settings), isCached, options.log)
    return { kind: 'plan', plan: { ...(await planToJson(plan, cache && (spec => cache.has(spec)))), ...(shard ? { shard } : {}), timings } }
  }
  let recorded = await recordedDurations(settings)
  if (cache && options.restoreStore) {
    await options.restoreStore(cache.keyParts(), settings.cache.dir)
    // The restored store brings the durations of the last build: schedule with them.
    recorded = await cache.store.readDurations().catch(() => ({}))
    plan.modules = scheduleLongestFirst(plan.modules, recorded)
  }
  const shard = await takeShard(plan, settings, recorded, isCached, options.log)
  const outcome = await executeBuild(plan, { signal: options.signal, log: options.log, registry: options.registry, cache })
  await cache?.close()
  await placeForSetuptoolsWhenDeclared(settings, outcome, options.log)
  return { kind: 'outcome', outcome: shard ? { ...outcome, shard } : outcome }
}

/** With `shard: I/N`, narrows the plan to this shard's modules (after the restore: cached modules weigh nothing). */
async function takeShard(
  plan: BuildPlan,
  settings: BuildSettings,
  recorded: Record<string, number>,
  isCached: (spec: ModuleSpec) => Promise<boolean>,
  log: BuildLog,
): Promise<ShardSelection | undefined> {
  if (settings.shard && !settings.cache.enabled)
    log.warning(
      `shard ${settings.shard.kind === 'part' ? 'I/N' : 'gather/N'} with the cache off: no store carries modules between the shards and the gather step`,
    )
  if (settings.shard?.kind === 'gather')
    log.info(`Gathering ${settings.shard.count} shards: building every module no shard left in the store`)
  if (settings.shard?.kind !== 'part') return undefined
  const selection = await selectShard(plan.modules, settings.shard, recorded, isCached)
  logShard(log, selection, plan.modules.length)
  plan.modules = modulesOfShard(plan.modules, selection)
  return selection
}

/** With setup-py, the modules also go where setuptools looks, so the project's own build then compiles nothing. */
async function placeForSetuptoolsWhenDeclared(settings: BuildSettings, outcome: BuildOutcome, log: EngineOptions['log']): Promise<void> {
  if (settings.declared?.kind !== 'setup-py' || settings.outputDir !== null) return
  const buildLib = setuptoolsBuildLib(path.dirname(settings.declared.file), outcome.toolchain)
  try {
    const placed = await placeForSetuptools(outcome.results, settings.workingDirectory, buildLib)
    if (placed > 0)
      log.info(
        `Also copied ${placed} modules to ${buildLib}, where setuptools looks: setup.py build_ext --inplace and pip install -e then compile nothing`,
      )
  } catch (err) {
    log.warning(`Could not copy the modules to ${buildLib} for setuptools: ${(err as Error).message}`)
  }
}

/**
 * The plan and, with the cache on, every module's fingerprint. One reader serves both, so each source is read and
 * decoded once; it is dropped on return (it holds every file's text), before any compiler starts.
 */
async function planAndFingerprint(
  settings: BuildSettings,
  options: EngineOptions,
): Promise<{ plan: BuildPlan; cache: OpenCache | undefined; timings: EngineTimings }> {
  const started = Date.now()
  const reader = settings.cache.enabled ? new DiskSourceReader() : undefined
  const plan = await prepareBuild(settings, options.log, {
    hostFacts: options.hostFacts,
    recordedMs: await recordedDurations(settings),
    reader,
  })
  const planned = Date.now()
  const cache = await openModuleCache(settings, plan, options.log, reader)
  // The engine's own overhead, apart from asking Python about its toolchain (a Python start-up, not our work).
  const timings = { toolchainMs: plan.toolchainMs, planMs: planned - started - plan.toolchainMs, fingerprintMs: Date.now() - planned }
  return { plan, cache, timings }
}
