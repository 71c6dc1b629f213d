import * as fs from 'node:fs/promises'
import * as path from 'node:path'

import type { DiagnosticTool, Severity } from '../diagnostics/diagnostic.js'
import type { BuildCounts, BuildOutcome, CacheOutcome } from '../engine/build-outcome.js'
import { countResults } from '../engine/build-outcome.js'
import { writeFileAtomically } from '../files/atomic-write.js'
import type { ModuleSpec } from '../plan/module-spec.js'
import type { Limit } from '../plan/parallelism.js'
import type { ModuleResult, ModuleStatus, Phase } from '../pool/module-result.js'

export const REPORT_VERSION = 1 as const
/** Marks a file as a report of ours: only such a file is ever replaced. */
export const REPORT_GENERATOR = 'cython-fanout' as const

/** The JSON report: one entry per module. Its shape is public and documented in the README. */
export interface BuildReport {
  /** Always `cython-fanout`: how a report of ours is told from any other file. */
  generator: typeof REPORT_GENERATOR
  version: typeof REPORT_VERSION
  startedAt: string
  durationMs: number
  cancelled: boolean
  counts: BuildCounts
  jobs: number
  parallelism: { explanation: string; limits: Limit[] }
  python: { executable: string; version: string; extSuffix: string; cython: string | null; compiler: string }
  cache: CacheOutcome
  /** This build's part of a sharded build, with the whole split; null when not sharding. */
  shard: BuildOutcome['shard'] | null
  modules: ModuleReport[]
}

/** One module's entry in the report. */
export interface ModuleReport {
  source: string
  module: string
  output: string
  /** Cython's generated C; null for a plain C module. */
  generated: string | null
  language: ModuleSpec['language']
  status: ModuleStatus
  phase: Phase | null
  exitCode: number | null
  signal: string | null
  reason: string | null
  durationsMs: ModuleResult['durations']
  /** Every Cython, compiler and linker command line run for the module, in order (argv). */
  commands: string[][]
  diagnostics: DiagnosticReport[]
}

export interface DiagnosticReport {
  file: string
  line: number | null
  column: number | null
  severity: Severity
  message: string
  tool: DiagnosticTool
}

export function buildReport(outcome: BuildOutcome): BuildReport {
  return {
    generator: REPORT_GENERATOR,
    version: REPORT_VERSION,
    startedAt: outcome.startedAt.toISOString(),
    durationMs: outcome.durationMs,
    cancelled: outcome.cancelled,
    counts: countResults(outcome.results),
    jobs: outcome.decision.jobs,
    parallelism: { explanation: outcome.decision.explanation, limits: outcome.decision.limits },
    python: {
      executable: outcome.toolchain.executable,
      version: outcome.toolchain.version,
      extSuffix: outcome.toolchain.extSuffix,
      cython: outcome.toolchain.cython.version,
      compiler: outcome.toolchain.compilerVersion,
    },
    cache: outcome.cache,
    shard: outcome.shard ?? null,
    modules: outcome.results.map(moduleEntry),
  }
}

function moduleEntry(r: ModuleResult): ModuleReport {
  return {
    source: r.module.source,
    module: r.module.name,
    output: r.module.output,
    generated: r.module.kind === 'cython' ? r.module.generated : null,
    language: r.module.language,
    status: r.status,
    phase: r.phase ?? null,
    exitCode: r.exitCode ?? null,
    signal: r.signal ?? null,
    reason: r.reason ?? null,
    durationsMs: r.durations,
    commands: r.commands ?? [],
    diagnostics: r.diagnostics.map(d => ({
      file: d.file,
      line: d.line ?? null,
      column: d.column ?? null,
      severity: d.severity,
      message: d.message,
      tool: d.tool,
    })),
  }
}

/**
 * Writes the report; never throws, since a report is never worth failing a green build for. Returns null when
 * written, else the warning to show. A file that is not a report of ours (a source named by mistake) is never
 * replaced. Written to a temporary name and renamed, so a reader never sees half a report.
 */
export async function writeReport(file: string, outcome: BuildOutcome): Promise<string | null> {
  const refusal = await refusalToReplace(file)
  if (refusal) return `report: not written, ${refusal}`
  try {
    await fs.mkdir(path.dirname(file), { recursive: true })
    await writeFileAtomically(file, JSON.stringify(buildReport(outcome), null, 2) + '\n')
    return null
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    return `report: could not write ${file} (${e.code ?? e.message}); the build itself is unaffected`
  }
}

/** Why `file` must be left alone, or null when it is absent or an earlier report of ours. */
async function refusalToReplace(file: string): Promise<string | null> {
  const stat = await fs.lstat(file).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : err))
  if (stat === null) return null
  if (stat instanceof Error) return `${file} cannot be checked (${(stat as NodeJS.ErrnoException).code ?? stat.message})`
  if (stat.isDirectory()) return `${file} is a directory; name a file such as ${path.join(file, 'cython-fanout-report.json')}`
  if (!stat.isFile()) return `${file} is not a regular file`
  if (!(await isOurReport(file)))
    return `${file} exists and is not a cython-fanout report; it is left as it is (remove it, or name another file)`
  return null
}

async function isOurReport(file: string): Promise<boolean> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as { generator?: unknown }
    return parsed !== null && typeof parsed === 'object' && parsed.generator === REPORT_GENERATOR
  } catch {
    return false
  }
}
