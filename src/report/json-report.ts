import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type { BuildOutcome } from '../engine/build-outcome.js'
import { countResults } from '../engine/build-outcome.js'
import type { ModuleResult } from '../pool/module-result.js'

export const REPORT_VERSION = 1

/** The JSON report: one entry per module. Its shape is public and documented in the README. */
export function buildReport(outcome: BuildOutcome): object {
  return {
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

/** Written to a temporary name and renamed, so a reader never sees half a report. */
export async function writeReport(file: string, outcome: BuildOutcome): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  await fs.writeFile(temp, JSON.stringify(buildReport(outcome), null, 2) + '\n')
  await fs.rename(temp, file)
}
