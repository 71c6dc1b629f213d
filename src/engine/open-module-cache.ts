import * as path from 'node:path'

import { DiskSourceReader, hashFiles } from '../cache/content-hash.js'
import { DependencyResolver } from '../cache/dependency-scan.js'
import { type EnvironmentContext, environmentIncludeDirs, environmentKey } from '../cache/environment-inputs.js'
import { buildContextComposer, combinedFingerprint, moduleFingerprint } from '../cache/fingerprint.js'
import { changedInput, type HashedInput } from '../cache/input-recheck.js'
import { linkInputFiles } from '../cache/link-inputs.js'
import { ModuleStore } from '../cache/module-store.js'
import { errorText } from '../errors/error-text.js'
import type { ModuleSpec } from '../plan/module-spec.js'
import type { ModuleResult } from '../pool/module-result.js'
import type { BuildSettings } from '../settings/settings.js'
import { launcherKeyPart } from '../toolchain/compiler-launcher.js'
import type { ProbedToolchain } from '../toolchain/probe-toolchain.js'
import { pythonAbi } from '../toolchain/toolchain.js'
import type { BuildLog } from './build-log.js'
import type { CacheOutcome, UnstoredModule } from './build-outcome.js'
import type { ModuleCache } from './module-cache.js'
import type { BuildPlan } from './prepare-build.js'

/** What the GitHub cache key is made of: the toolchain, and the hash of every module's fingerprint. */
export interface StoreKeyParts {
  platform: string
  arch: string
  pythonAbi: string
  cythonVersion: string
  fingerprintsHash: string
}

/**
 * Errors that say the store's disk takes no more writes, rather than something about one module. The store wraps
 * the system error in its own message, so the code is also looked for there.
 */
function isDiskRefusal(err: NodeJS.ErrnoException): boolean {
  return /\b(ENOSPC|EDQUOT|EROFS)\b/.test(`${err.code ?? ''} ${err.message}`)
}

/** The content-keyed store, opened for one build: fingerprints computed, entries restored and stored on demand. */
export class OpenCache implements ModuleCache {
  private cached = 0
  private corrupt = 0
  private readonly unstored: UnstoredModule[] = []
  private readonly durations = new Map<string, number>()
  private listed: Promise<Set<string>> | undefined
  /** Set once the store's disk refused a write (full, over quota, read-only): said once, not once per module. */
  private diskRefused = false

  constructor(
    readonly store: ModuleStore,
    private readonly fingerprints: Map<ModuleSpec, string>,
    /** Each module's inputs as hashed for its fingerprint: re-checked before a build is stored. */
    private readonly inputs: Map<ModuleSpec, HashedInput[]>,
    private readonly settings: BuildSettings,
    private readonly toolchain: ProbedToolchain,
    private readonly log: BuildLog,
  ) {}

  keyParts(): StoreKeyParts {
    return {
      platform: this.toolchain.platform,
      arch: this.toolchain.machine,
      pythonAbi: pythonAbi(this.toolchain),
      cythonVersion: this.toolchain.cython.version ?? 'unknown',
      fingerprintsHash: combinedFingerprint([...this.fingerprints.values()]),
    }
  }

  /** Whether the store holds an intact entry for the module (no restore): for the dry-run plan. */
  async has(spec: ModuleSpec): Promise<boolean> {
    // The store as listed at the first call: a module it does not list costs no failing read.
    this.listed ??= this.store.entryFingerprints()
    const fingerprint = this.fingerprintOf(spec)
    if (!(await this.listed).has(fingerprint)) return false
    const found = await this.store.lookup(fingerprint).catch(() => ({ kind: 'missing' as const }))
    return found.kind === 'found'
  }

  /** Whether the store lists an entry for the module, unchecked (no file is read): enough to weigh a shard split. */
  async lists(spec: ModuleSpec): Promise<boolean> {
    this.listed ??= this.store.entryFingerprints()
    return (await this.listed).has(this.fingerprintOf(spec))
  }

  /** A hit restores the module; anything wrong with the entry (damaged, gone before restore) rebuilds it instead. */
  async lookup(spec: ModuleSpec): Promise<ModuleResult | undefined> {
    const started = Date.now()
    const fingerprint = this.fingerprintOf(spec)
    const found = await this.store
      .lookup(fingerprint)
      .catch((err: unknown) => ({ kind: 'corrupt' as const, reason: `cannot read it: ${errorText(err)}` }))
    if (found.kind === 'missing') return undefined
    if (found.kind === 'corrupt') return this.rebuild(spec, `is damaged (${found.reason})`)
    try {
      await this.store.restore(found, this.outputsOf(spec, Boolean(found.manifest.files.generated)))
    } catch (err) {
      // Removed or damaged between lookup and restore (another build pruning the same store): a cache problem
      // never fails a module.
      return this.rebuild(spec, `could not be restored (${errorText(err)})`)
    }
    this.cached++
    this.durations.set(spec.name, found.manifest.durationMs)
    return { module: spec, status: 'cached', durations: { total: Date.now() - started }, output: '', diagnostics: [] }
  }

  async save(result: ModuleResult): Promise<void> {
    if (result.status !== 'built') return
    const spec = result.module
    const fingerprint = this.fingerprintOf(spec)
    this.durations.set(spec.name, result.durations.total)
    if (this.diskRefused) return
    const changed = await changedInput(this.inputs.get(spec) ?? [])
    if (changed !== undefined) {
      // Built from other bytes than its key names: installed (it is what was asked for), never stored.
      this.unstored.push({ module: spec.name, file: changed })
      this.log.warning(
        `${spec.name} not cached: ${changed} changed during the build (the built module is installed; the next build compiles it again)`,
      )
      return
    }
    try {
      await this.store.put(fingerprint, this.outputsOf(spec, true), { module: spec.name, durationMs: result.durations.total })
    } catch (err) {
      // A cache that cannot be written never fails the build.
      this.diskRefused = isDiskRefusal(err as NodeJS.ErrnoException)
      const rest = this.diskRefused ? '; no further module is stored in this build' : ''
      this.log.warning(`Could not store ${spec.name} in the cache: ${errorText(err)}${rest}`)
    }
  }

  /** Keeps the durations of this build for the next one's schedule; drops unused entries and keeps the size bound. */
  async close(): Promise<void> {
    try {
      const previous = await this.store.readDurations()
      await this.store.writeDurations({ ...previous, ...Object.fromEntries(this.durations) })
      await this.store.prune(this.store.usedFingerprints(), this.settings.cache.maxSize, { keepUnused: !this.settings.cache.pruneUnused })
    } catch (err) {
      this.log.warning(`Could not tidy the cache: ${errorText(err)}`)
    }
  }

  summary(): CacheOutcome {
    return { enabled: true, dir: this.settings.cache.dir, cached: this.cached, corrupt: this.corrupt, unstored: [...this.unstored] }
  }

  private rebuild(spec: ModuleSpec, problem: string): undefined {
    this.corrupt++
    this.log.warning(`Cache entry for ${spec.name} ${problem}: rebuilding it`)
    return undefined
  }

  /** Where the module's files live: the extension, and Cython's generated C (a plain C module has none of its own). */
  private outputsOf(spec: ModuleSpec, withGenerated: boolean): { extension: string; generated?: string } {
    const wd = this.settings.workingDirectory
    const generated = withGenerated && spec.kind === 'cython' ? { generated: path.join(wd, spec.generated) } : {}
    return { extension: path.join(wd, spec.output), ...generated }
  }

  private fingerprintOf(spec: ModuleSpec): string {
    return this.fingerprints.get(spec) as string
  }
}

/**
 * Opens the store and fingerprints every module of the plan; undefined when the cache is off. Pass the reader that
 * planned the sources, so they are not read and decoded twice.
 */
export async function openModuleCache(
  settings: BuildSettings,
  plan: BuildPlan,
  log: BuildLog,
  reader = new DiskSourceReader(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenCache | undefined> {
  if (!settings.cache.enabled) return undefined
  const store = new ModuleStore(settings.cache.dir)
  await store.checkOwnership() // before any file is hashed: a cache-dir that is not a store is a usage error
  const msvc = plan.toolchain.compiler.type === 'msvc'
  const envContext: EnvironmentContext = { platform: plan.toolchain.platform, msvc, workingDirectory: settings.workingDirectory }
  // Headers found through CPATH and friends are inputs like those found through include-dirs.
  const includeDirs = [...settings.includeDirs, ...environmentIncludeDirs(env, envContext)]
  const scan = { workingDirectory: settings.workingDirectory, includeDirs, pythonPath: plan.toolchain.sysPath ?? [] }
  const resolver = new DependencyResolver(scan, reader)
  const link = { workingDirectory: settings.workingDirectory, linkArgs: settings.linkArgs, msvc }
  const buildContext = buildContextComposer({ ...sharedContext(settings, plan.toolchain), environment: environmentKey(env, envContext) })
  const fingerprints = new Map<ModuleSpec, string>()
  const inputs = new Map<ModuleSpec, HashedInput[]>()
  for (const spec of plan.modules) {
    const files = [...resolver.filesOf(spec), ...linkInputFiles(spec, link, file => reader.sha256(file) !== undefined)]
    const hashed = hashFiles(files, reader)
    fingerprints.set(spec, moduleFingerprint(hashed, buildContext(moduleContext(spec))))
    inputs.set(
      spec,
      hashed.map((file, i) => ({ ...file, path: files[i].path })),
    )
  }
  return new OpenCache(store, fingerprints, inputs, settings, plan.toolchain, log)
}

/** Recorded durations of earlier builds, from the local store, for longest-first scheduling. */
export async function recordedDurations(settings: BuildSettings): Promise<Record<string, number>> {
  if (!settings.cache.enabled) return {}
  return new ModuleStore(settings.cache.dir).readDurations().catch(() => ({}))
}

/** Everything outside the module's own files that changes what gets built. No absolute checkout paths. */
function sharedContext(settings: BuildSettings, t: ProbedToolchain): Record<string, string | string[]> {
  const relative = (p: string): string =>
    path.isAbsolute(p) && !path.relative(settings.workingDirectory, p).startsWith('..') ? path.relative(settings.workingDirectory, p) : p
  const c = t.compiler
  return {
    cython: t.cython.version ?? '',
    cythonArgs: settings.cythonArgs,
    compiler:
      c.type === 'unix'
        ? [...c.compilerSo, '|', ...c.compilerSoCxx, '|', ...c.linkerSo, '|', ...c.linkerSoCxx]
        : c.type === 'msvc'
          ? [c.cc, ...c.compileOptions, '|', c.linker, ...c.ldflagsShared]
          : [c.error],
    compilerVersion: t.compilerVersion,
    python: [t.implementation, t.version, t.extSuffix, t.soabi ?? '', t.freeThreaded ? 'free-threaded' : 'gil'],
    buildExt: [...t.buildExt.includeDirs, '|', ...t.buildExt.libraryDirs, '|', ...t.buildExt.libraries],
    platform: [t.platform, t.machine, t.sysconfigPlatform],
    buildEnv: Object.entries(t.buildEnv ?? {}).map(([k, v]) => `${k}=${v}`),
    archflags: t.archflags ?? '',
    includeDirs: settings.includeDirs.map(relative),
    defines: settings.defines.map(([n, v]) => (v === null ? n : `${n}=${v}`)),
    compileArgs: settings.compileArgs,
    linkArgs: settings.linkArgs,
    // Only a launcher that can change the output is keyed (see launcherKeyPart); absent otherwise, so keys stay as they were.
    ...launcherContext(settings),
  }
}

function launcherContext(settings: BuildSettings): Record<string, string[]> {
  const part = launcherKeyPart(settings.compilerLauncher, process.env, settings.workingDirectory)
  return part.length > 0 ? { compilerLauncher: part } : {}
}

function moduleContext(spec: ModuleSpec): Record<string, string | string[]> {
  return {
    module: spec.name,
    source: spec.source,
    output: spec.output,
    generated: spec.generated,
    language: spec.language,
    directives: JSON.stringify(spec.directives),
    ...moduleCythonContext(spec),
  }
}

/** Per-module Cython options (from setup.py's cythonize()) change the output: in the key, only when present (older keys stay). */
function moduleCythonContext(spec: ModuleSpec): Record<string, string[]> {
  const args = [...(spec.cythonArgs ?? []), ...(spec.cythonIncludeDirs ?? []).flatMap(d => ['-I', d])]
  return args.length > 0 ? { moduleCythonArgs: args } : {}
}
