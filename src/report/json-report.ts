import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type { BuildOutcome } from '../engine/build-outcome.js'
import { countResults } from '../engine/build-outcome.js'
import type { ModuleResult } from '../pool/module-result.js'

export const REPORT_VERSION = 1
/** Marks a file as a report of ours: only such a file is ever replaced. */
export const REPORT_GENERATOR = 'cython-fanout'

/** The JSON report: one entry per module. Its shape is public and documented in the README. */
export function buildReport(outcome: BuildOutcome): object {
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
    modules: outcome.results.map(moduleEntry),
  }
}

function moduleEntry(r: ModuleResult): object {
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
    diagnostics: r.diagnostics.map(d => ({ file: d.file, line: d.line ?? null, column: d.column ?? null, severity: d.severity, message: d.message, tool: d.tool })),
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
  const temp = `${file}.${process.pid}.tmp`
  try {
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(temp, JSON.stringify(buildReport(outcome), null, 2) + '\n')
    await fs.rename(temp, file)
    return null
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => {})
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
  if (!(await isOurReport(file))) return `${file} exists and is not a cython-fanout report; it is left as it is (remove it, or name another file)`
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
