import type { DiskSourceReader } from '../cache/content-hash.js'
import { detectHostFacts, mergeHostFacts } from '../host/detect-facts.js'
import type { HostFacts } from '../host/host-facts.js'
import { findSources } from '../plan/find-sources.js'
import type { ModuleSpec } from '../plan/module-spec.js'
import { decideParallelism, type ParallelismDecision } from '../plan/parallelism.js'
import { scheduleLongestFirst } from '../plan/schedule.js'
import type { BuildSettings } from '../settings/settings.js'
import { checkLauncher, type RemoteCapacity, remoteCapacity } from '../toolchain/compiler-launcher.js'
import { type ProbedToolchain, probeToolchain } from '../toolchain/probe-toolchain.js'
import type { BuildLog } from './build-log.js'
import { planProjectModules } from './plan-project.js'

/** Everything decided before the first process starts. */
export interface BuildPlan {
  settings: BuildSettings
  toolchain: ProbedToolchain
  facts: HostFacts
  decision: ParallelismDecision
  /** In the order they will start: longest first. */
  modules: ModuleSpec[]
  /** How long asking Python about its toolchain took. */
  toolchainMs: number
}

export interface PrepareOptions {
  /** `--host-facts`: facts to use instead of detected ones (a field left out is detected). */
  hostFacts?: Partial<HostFacts>
  /** Earlier builds' per-module durations, for longest-first scheduling. */
  recordedMs?: Record<string, number>
  /** Reads the sources (pass the reader the dependency scan will use: each file is then read once). */
  reader?: DiskSourceReader
}

export async function prepareBuild(settings: BuildSettings, log: BuildLog, options: PrepareOptions = {}): Promise<BuildPlan> {
  // Host facts are reads of /proc and the like: they need nothing else, so they run while Python starts.
  // So is the search for sources (the toolchain only names the outputs): on a large tree it hides under Python's start.
  const detecting = detectHostFacts()
  const finding = findSources(settings.sources, settings.workingDirectory)
  for (const started of [detecting, finding]) started.catch(() => undefined) // awaited below, after the probe
  const probeStarted = Date.now()
  const toolchain = await probeToolchain(settings.python, settings.workingDirectory)
  const toolchainMs = Date.now() - probeStarted
  log.info(describeToolchain(toolchain))
  const modules = await planProjectModules(
    settings,
    toolchain,
    settings.declared ? [] : checkFound(settings, await finding, log),
    log,
    options.reader,
  )
  const facts = mergeHostFacts(options.hostFacts ?? {}, await detecting)
  checkLauncher(settings.compilerLauncher, process.env, settings.workingDirectory)
  const remote = describeRemote(remoteCapacity(settings.compilerLauncher, process.env))
  const decision = decideParallelism(facts, { jobs: settings.jobs, memoryPerJob: settings.memoryPerJob, modules: modules.length, remote })
  if (decision.lowered) log.warning(`jobs ${settings.jobs} lowered: ${decision.explanation}`)
  log.info(decision.explanation)
  return { settings, toolchain, facts, decision, modules: scheduleLongestFirst(modules, options.recordedMs ?? {}), toolchainMs }
}

function checkFound(settings: BuildSettings, sources: string[], log: BuildLog): string[] {
  if (sources.length === 0) {
    const message = `No source files matched sources (${settings.sources.join(', ')}) in ${settings.workingDirectory}`
    if (settings.ifNoFilesFound === 'error') throw new Error(`${message}; check the patterns, or set if-no-files-found to warn or ignore`)
    if (settings.ifNoFilesFound === 'warn') log.warning(message)
  }
  return sources
}

function describeRemote(capacity: RemoteCapacity | undefined): { slots: number; what: string } | undefined {
  if (!capacity) return undefined
  const hosts = `${capacity.hosts} host${capacity.hosts === 1 ? '' : 's'}`
  return { slots: capacity.slots, what: `${capacity.launcher}: ${capacity.slots} remote compile slots on ${hosts} (${capacity.source})` }
}

function describeToolchain(t: ProbedToolchain): string {
  return `Python ${t.version} (${t.executable}), Cython ${t.cython.version}, ${t.compilerVersion}, extension suffix ${t.extSuffix}`
}

/** The plan as `--dry-run` prints it (a public shape, documented in the README). */
export interface DryRunPlan {
  jobs: number
  requested: ParallelismDecision['requested']
  limits: ParallelismDecision['limits']
  explanation: string
  facts: HostFacts
  python: { executable: string; version: string; extSuffix: string; cython: string | null }
  toBuild: number
  fromCache: number
  modules: DryRunModule[]
}

export interface DryRunModule {
  name: string
  source: string
  language: ModuleSpec['language']
  generated: string
  output: string
  /** The store already holds an intact entry: the build would take it from the cache. */
  cached: boolean
}

/** The plan as `--dry-run` prints it; with the cache on, which modules the store already holds. */
export async function planToJson(plan: BuildPlan, isCached?: (spec: ModuleSpec) => Promise<boolean>): Promise<DryRunPlan> {
  const cached = await Promise.all(plan.modules.map(m => (isCached ? isCached(m) : false)))
  return {
    jobs: plan.decision.jobs,
    requested: plan.decision.requested,
    limits: plan.decision.limits,
    explanation: plan.decision.explanation,
    facts: plan.facts,
    python: {
      executable: plan.toolchain.executable,
      version: plan.toolchain.version,
      extSuffix: plan.toolchain.extSuffix,
      cython: plan.toolchain.cython.version,
    },
    toBuild: cached.filter(c => !c).length,
    fromCache: cached.filter(Boolean).length,
    modules: plan.modules.map((m, i) => ({
      name: m.name,
      source: m.source,
      language: m.language,
      generated: m.generated,
      output: m.output,
      cached: cached[i],
      ...declaredFields(m),
    })),
  }
}

/** What a setup.py or extensions file (or a .pxd) set for the module, shown so the extraction can be checked. */
function declaredFields(m: ModuleSpec): Record<string, unknown> {
  const set = Object.entries(m.directives).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== undefined))
  return {
    ...(set.length > 0 ? { directives: Object.fromEntries(set) } : {}),
    ...(m.cythonArgs && m.cythonArgs.length > 0 ? { cythonArgs: m.cythonArgs } : {}),
    ...(m.optional ? { optional: true } : {}),
  }
}
