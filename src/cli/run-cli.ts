import * as os from 'node:os'
import * as path from 'node:path'

import { describeDiagnostic } from '../diagnostics/diagnostic-place.js'
import { firstError } from '../diagnostics/parse-diagnostics.js'
import type { BuildLog } from '../engine/build-log.js'
import type { BuildOutcome } from '../engine/build-outcome.js'
import { countResults } from '../engine/build-outcome.js'
import { type Cancellation, cancelOnSignals } from '../engine/cancellation.js'
import { runEngine } from '../engine/run-engine.js'
import { errorText } from '../errors/error-text.js'
import { InputError } from '../errors/input-error.js'
import { readHostFactsFile } from '../host/detect-facts.js'
import { failureLine } from '../report/failure-line.js'
import { fixHints } from '../report/fix-hints.js'
import { writeReport } from '../report/json-report.js'
import { runnerSafe, runnerSafeJson } from '../report/untrusted-text.js'
import { type BuildSettings, parseSettings } from '../settings/settings.js'
import { probeToolchain } from '../toolchain/probe-toolchain.js'
import { type CliRequest, HELP, parseCliArgs, UsageError } from './cli-args.js'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
  version: string
  /** Inside a GitHub workflow (GITHUB_ACTIONS=true) the runner reads commands from stdout and stderr alike. */
  underRunner?: boolean
}

/** The local command: the same engine as the action, with exit codes 0 (built), 1 (failed), 2 (bad usage). */
export async function runCli(argv: string[], face: CliIo): Promise<number> {
  const io = face.underRunner ? shielded(face) : face
  let request: CliRequest
  let settings: BuildSettings
  try {
    request = parseCliArgs(argv)
    if (request.help) return (io.stdout(HELP), 0)
    if (request.version) return (io.stdout(`cython-fanout ${io.version}\n`), 0)
    settings = parseSettings(request.raw, { baseDirectory: io.cwd, cacheDir: userCacheDir(), pruneUnusedCacheEntries: false })
    if (request.hostFactsFile && !settings.dryRun)
      throw new UsageError('--host-facts describes another runner, so it only works with --dry-run')
  } catch (err) {
    io.stderr(`cython-fanout: ${errorText(err)}\n`)
    return 2
  }
  const log = cliLog(io, request.verbose)
  const cancellation = cancelOnSignals(() => log.warning('Cancelling: stopping every compiler and Cython process of this build'))
  try {
    return await build(request, settings, io, log, cancellation)
  } catch (err) {
    io.stderr(`cython-fanout: ${errorText(err)}\n`)
    return exitCodeOf(err)
  } finally {
    cancellation.dispose()
  }
}

async function build(request: CliRequest, settings: BuildSettings, io: CliIo, log: BuildLog, cancellation: Cancellation): Promise<number> {
  if (request.showToolchain)
    return (io.stdout(JSON.stringify(await probeToolchain(settings.python, settings.workingDirectory), null, 2) + '\n'), 0)
  const hostFacts = request.hostFactsFile ? await readHostFactsFile(path.resolve(io.cwd, request.hostFactsFile)) : undefined
  const result = await runEngine(settings, { log, signal: cancellation.signal, registry: cancellation.registry, hostFacts })
  if (result.kind === 'plan') return (io.stdout(JSON.stringify(result.plan, null, 2) + '\n'), 0)
  const reportProblem = settings.reportPath ? await writeReport(settings.reportPath, result.outcome) : null
  if (reportProblem) log.warning(reportProblem)
  return printOutcome(result.outcome, io)
}

/** The closing lines: counts, each failed module's first error, and the one-line failure summary. */
function printOutcome(outcome: BuildOutcome, io: CliIo): number {
  const counts = countResults(outcome.results)
  const cancelled = (counts.cancelled ? `, ${counts.cancelled} cancelled` : '') + (counts.skipped ? `, ${counts.skipped} skipped` : '')
  io.stderr(
    `\n${counts.built} built, ${counts.cached} from cache, ${counts.failed} failed${cancelled} of ${counts.total} modules (${outcome.decision.jobs} ${outcome.decision.jobs === 1 ? 'job' : 'jobs'})\n`,
  )
  for (const r of outcome.results.filter(r => r.status === 'failed')) {
    const first = firstError(r.diagnostics)
    io.stderr(`  ${r.module.source}: ${first ? describeDiagnostic(first) : r.reason}\n`)
  }
  for (const hint of fixHints(outcome.results)) io.stderr(`hint: ${hint}\n`)
  const line = failureLine(outcome.results)
  if (line) io.stderr(`${line}\n`)
  if (outcome.cancelled) io.stderr('Build cancelled.\n')
  return line || outcome.cancelled ? 1 : 0
}

function cliLog(io: CliIo, verbose: boolean): BuildLog {
  return {
    info: m => io.stderr(`${m}\n`),
    warning: m => io.stderr(`warning: ${m}\n`),
    group: (title, body, failed) => io.stderr(`${title}\n${(failed || verbose) && body.trim() ? body.replace(/\n?$/, '\n') : ''}`),
  }
}

/**
 * Both streams guarded against workflow commands (names and build output are not ours): the log on stderr is
 * bracketed where needed; stdout carries only JSON (and help), kept parseable.
 */
function shielded(io: CliIo): CliIo {
  return { ...io, stdout: text => io.stdout(runnerSafeJson(text)), stderr: text => io.stderr(runnerSafe(text)) }
}

/** 2 for bad usage (an option, an input, a `--host-facts` file, a source outside the working directory), else 1. */
export function exitCodeOf(err: unknown): number {
  return err instanceof InputError ? 2 : 1
}

/** The per-user cache directory, as each OS names it. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'cython-fanout', 'Cache')
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'cython-fanout')
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'cython-fanout')
}
