import * as core from '@actions/core'

import { placeOf } from '../diagnostics/diagnostic-place.js'
import { firstError } from '../diagnostics/parse-diagnostics.js'
import type { BuildOutcome } from '../engine/build-outcome.js'
import { countResults } from '../engine/build-outcome.js'
import { formatDuration } from '../pool/failure-reason.js'
import type { ModuleResult, Phase } from '../pool/module-result.js'
import type { AnnotationCounts } from './emit-annotations.js'
import { shortReason } from './failure-line.js'
import { fixHints } from './fix-hints.js'

/**
 * GitHub drops a step's whole summary above 1 MiB (bytes, not characters). Everything counts against the budget:
 * the head, the failure table (cut to a note past the budget), then the logs (the first to give way).
 */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024
const SUMMARY_BUDGET = 900 * 1024
const LOG_LIMIT = 16 * 1024
/** A table cell's message: the first error is enough, the rest is in the log and the report. */
const MESSAGE_LIMIT = 500
/** Room kept for the one-line note that says what was left out. */
const NOTE_RESERVE = 300

const bytes = (lines: string[]): number => Buffer.byteLength(lines.join('\n')) + 1

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The summary as Markdown/HTML text: counts, the parallelism decision, times, failures with their logs. */
export function renderSummary(outcome: BuildOutcome, annotations?: AnnotationCounts): string {
  const counts = countResults(outcome.results)
  const parts = [
    `## cython-fanout: ${counts.failed > 0 ? `${counts.failed} of ${counts.total} modules failed` : outcome.cancelled ? 'cancelled' : `${counts.total} modules OK`}`,
    '',
    `| built | from cache | failed | cancelled | skipped | total | time |`,
    `|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${counts.built} | ${counts.cached} | ${counts.failed} | ${counts.cancelled} | ${counts.skipped} | ${counts.total} | ${formatDuration(outcome.durationMs)} |`,
    '',
    `**Parallelism:** ${escapeHtml(outcome.decision.explanation)}`,
    '',
    `**Time per phase** (summed over modules): ${phaseTimes(outcome.results)}`,
    '',
    `Python ${escapeHtml(outcome.toolchain.version)}, Cython ${escapeHtml(outcome.toolchain.cython.version ?? '?')}, ${escapeHtml(outcome.toolchain.compilerVersion)}`,
  ]
  if (annotations && annotations.omittedErrors + annotations.omittedWarnings > 0) {
    parts.push(
      '',
      `GitHub shows 10 errors and 10 warnings per step: ${annotations.omittedErrors} more errors and ${annotations.omittedWarnings} more warnings are only in the report and the logs below.`,
    )
  }
  const hints = fixHints(outcome.results)
  if (hints.length > 0) parts.push('', '### How to fix', '', ...hints.map(h => `- ${escapeHtml(h)}`))
  const failed = outcome.results.filter(r => r.status === 'failed')
  if (failed.length > 0) {
    const table = failureTable(failed, SUMMARY_BUDGET - bytes(parts))
    parts.push('', ...table, '')
    parts.push(...failureLogs(failed, SUMMARY_BUDGET - bytes(parts)))
  }
  return parts.join('\n') + '\n'
}

function phaseTimes(results: ModuleResult[]): string {
  const total = (phase: Phase): number => results.reduce((sum, r) => sum + (r.durations[phase] ?? 0), 0)
  return (['cython', 'compile', 'link'] as const).map(p => `${p} ${formatDuration(total(p))}`).join(', ')
}

/** One row per failed module while the budget lasts, then a note of how many more the report holds. */
function failureTable(failed: ModuleResult[], budget: number): string[] {
  const lines = ['### Failed modules', '', '| module | failure | time | first error at | message |', '|---|---|---:|---|---|']
  let used = bytes(lines)
  for (const [i, r] of failed.entries()) {
    const row = failureRow(r)
    used += Buffer.byteLength(row) + 1
    if (used > budget - NOTE_RESERVE) {
      lines.push('', `${failed.length - i} more failures in the report (left out to keep the summary under GitHub's 1 MiB limit)`)
      break
    }
    lines.push(row)
  }
  return lines
}

function failureRow(r: ModuleResult): string {
  const first = firstError(r.diagnostics)
  const where = first ? placeOf(first) : ''
  const full = first ? first.message : (r.reason ?? '')
  const message = full.length > MESSAGE_LIMIT ? `${full.slice(0, MESSAGE_LIMIT)}...` : full
  return `| \`${escapeHtml(r.module.source)}\` | ${escapeHtml(shortReason(r))} | ${formatDuration(r.durations.total)} | ${escapeHtml(where)} | ${escapeHtml(message).replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`
}

function failureLogs(failed: ModuleResult[], budget: number): string[] {
  const blocks: string[] = []
  let used = 0
  for (const [i, r] of failed.entries()) {
    const log = trimLog(r.output)
    const block = `<details><summary>${escapeHtml(r.module.source)}: ${escapeHtml(shortReason(r))}</summary>\n\n<pre>${escapeHtml(log)}</pre>\n</details>\n`
    used += Buffer.byteLength(block) + 1
    if (used > budget - NOTE_RESERVE) {
      blocks.push(
        `(${failed.length - i} more failure logs left out to keep the summary under GitHub's 1 MiB limit: see the report and the step log)`,
      )
      break
    }
    blocks.push(block)
  }
  return blocks
}

/** The start of a log holds the first error; its end, the exit. Keep both when cutting. */
function trimLog(text: string): string {
  if (text.length <= LOG_LIMIT) return text
  return `${text.slice(0, LOG_LIMIT * 0.75)}\n[... ${text.length - LOG_LIMIT} characters cut ...]\n${text.slice(-LOG_LIMIT * 0.25)}`
}

export async function writeJobSummary(outcome: BuildOutcome, annotations?: AnnotationCounts): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(renderSummary(outcome, annotations)).write()
}
