import type { Phase } from './module-result.js'
import type { ProcessOutcome } from './run-process.js'

const PHASE_WORDS: Record<Phase, string> = { cython: 'cython', compile: 'C compile', link: 'link' }

/** Errors that mean "the machine is short of processes, files or memory right now", not "this module is broken". */
const RESOURCE_CODES = new Set(['EAGAIN', 'EMFILE', 'ENFILE', 'ENOMEM'])

export function isResourceShortage(code: string): boolean {
  return RESOURCE_CODES.has(code)
}

/**
 * A compiler driver that cannot start its own passes under a process or memory limit prints this and exits 1
 * (gcc: `fatal error: cannot execute 'cc1': vfork: Resource temporarily unavailable`): a shortage, not a bad module.
 */
const SHORTAGE_OUTPUT = /\b(?:v?fork|posix_spawn|clone|pex_one)\b[^\n]*: (?:Resource temporarily unavailable|Cannot allocate memory)/

/** The short code for a failed step whose output shows the machine refused it a process; undefined otherwise. */
export function shortageInOutput(output: string): string | undefined {
  const match = SHORTAGE_OUTPUT.exec(output)
  if (!match) return undefined
  return match[0].endsWith('Cannot allocate memory') ? 'ENOMEM' : 'EAGAIN'
}

/** One plain-words reason per way a step can fail. */
export function describeFailure(phase: Phase, outcome: ProcessOutcome, timeoutMs: number | null, searchPath?: string): string {
  const where = PHASE_WORDS[phase]
  if (outcome.internalError) return `internal error in cython-fanout (${where}): ${outcome.internalError}; please report it`
  if (outcome.timedOut) return `${where} exceeded timeout-per-file (${formatDuration(timeoutMs ?? 0)}) and was stopped`
  if (outcome.startError) return startFailure(where, outcome.startError, searchPath)
  if (outcome.signal) return `killed by ${outcome.signal}${signalHint(outcome.signal)}`
  return `${where}, exit ${outcome.exitCode}`
}

function startFailure(where: string, error: { code: string; message: string }, searchPath?: string): string {
  const program = /spawn (\S+)/.exec(error.message)?.[1] ?? 'the program'
  if (error.code === 'ENOENT') return `${where}: could not start ${program}: not found (looked on PATH: ${searchPath ?? ''})`
  if (error.code === 'EACCES') return `${where}: could not start ${program}: permission denied`
  return `${where}: could not start ${program}: ${error.code}`
}

function signalHint(signal: string): string {
  if (signal === 'SIGKILL') return ': out of memory?'
  if (signal === 'SIGSEGV' || signal === 'SIGBUS') return ': the program crashed'
  return ''
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}
