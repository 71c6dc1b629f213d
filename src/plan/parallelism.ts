import { InputError } from '../errors/input-error.js'
import type { HostFacts } from '../host/host-facts.js'
import { formatBytes } from '../settings/byte-size.js'

/**
 * Python's ProcessPoolExecutor refuses more than 61 workers on Windows (WaitForMultipleObjects' limit),
 * which is how `cythonize -j 96` crashed; capping here keeps any step handed to Python below it.
 */
export const WINDOWS_MAX_JOBS = 61

/**
 * Open files one job holds at its peak: its Cython worker's three pipes, a compiler's two, and the pipe ends a
 * spawn holds for a moment. Measured here with /proc/PID/fd: about 5 per job at rest above a base of about 24.
 */
export const FILES_PER_JOB = 8
/** Open files kept free for everything else (cache reads and writes, the report, the probe). */
export const FILES_RESERVED = 8

export interface Limit {
  name: string
  value: number
  why: string
}

export interface ParallelismRequest {
  jobs: number | 'auto'
  /** Bytes. */
  memoryPerJob: number
  modules: number
  /**
   * Compiles go to other machines (a distcc launcher): their slots replace the local CPUs as a limit. `what` says
   * whose slots and where the figure comes from, e.g. `distcc: 8 slots on 2 hosts (DISTCC_HOSTS)`.
   */
  remote?: { slots: number; what: string }
}

export interface ParallelismDecision {
  jobs: number
  requested: number | 'auto'
  /** Every limit considered, in a fixed order: cpu (or remote), memory, modules, platform (Windows), open-files, requested. */
  limits: Limit[]
  /** Names of the limits equal to `jobs`. */
  binding: string[]
  /** An explicit jobs request was lowered to the safe value. */
  lowered: boolean
  explanation: string
}

/** How many modules to build at once: the smallest of every limit, at least 1. */
export function decideParallelism(facts: HostFacts, request: ParallelismRequest): ParallelismDecision {
  checkRequest(request)
  const usual = [
    computeLimit(facts, request.remote),
    memoryLimit(facts, request.memoryPerJob),
    modulesLimit(request.modules),
    ...platformLimit(facts),
  ]
  const safe = [...usual, ...openFilesLimit(facts, Math.min(...usual.map(limit => limit.value)))]
  const safeJobs = Math.max(1, Math.min(...safe.map(limit => limit.value)))
  const explicit = request.jobs === 'auto' ? null : request.jobs
  const jobs = explicit === null ? safeJobs : Math.min(explicit, safeJobs)
  const limits = explicit === null ? safe : [...safe, { name: 'requested', value: explicit, why: `requested ${explicit}` }]
  const binding = limits.filter(limit => limit.value === jobs).map(limit => limit.name)
  const lowered = explicit !== null && explicit > jobs
  return { jobs, requested: request.jobs, limits, binding, lowered, explanation: explain(jobs, explicit, lowered, limits, binding) }
}

function checkRequest(request: ParallelismRequest): void {
  if (request.jobs !== 'auto' && !(Number.isInteger(request.jobs) && request.jobs >= 1)) {
    throw new InputError(`Invalid jobs "${request.jobs}": expected a whole number of 1 or more, or auto`)
  }
  if (!(request.memoryPerJob > 0 && Number.isFinite(request.memoryPerJob))) {
    throw new InputError(`Invalid memory-per-job "${request.memoryPerJob}": expected a size above 0 such as 2GiB, 1.5GiB or 800MiB`)
  }
}

/**
 * Where the compiles run bounds how many run at once: the local CPUs, or with a remote launcher the remote slots. The
 * local CPUs then still run Cython and distcc's preprocessing, which is why distcc itself tells users to run `make -j`
 * at its slot count, not at the local CPU count; memory stays a limit of its own (every job's processes live here).
 */
function computeLimit(facts: HostFacts, remote: ParallelismRequest['remote']): Limit {
  const cpu = cpuLimit(facts)
  if (!remote) return cpu
  const value = Math.max(1, Math.floor(remote.slots))
  return { name: 'remote', value, why: `${remote.what}; compiles run there, so the ${cpu.why} here do not bound jobs` }
}

/** Usable CPUs: the host's, narrowed by the affinity mask and the cgroup quota (a fractional quota rounds down). */
function cpuLimit(facts: HostFacts): Limit {
  const host = Math.max(1, facts.logicalCpus)
  const narrowers: Array<{ label: string; cpus: number }> = []
  if (facts.affinityCpus < host) narrowers.push({ label: `affinity ${facts.affinityCpus}`, cpus: facts.affinityCpus })
  if (facts.cgroupCpuQuota !== null && facts.cgroupCpuQuota < host) {
    narrowers.push({ label: `cgroup quota ${round(facts.cgroupCpuQuota)}`, cpus: facts.cgroupCpuQuota })
  }
  const value = Math.max(1, Math.floor(Math.min(host, ...narrowers.map(narrower => narrower.cpus))))
  const labels = narrowers.sort((a, b) => a.cpus - b.cpus).map(narrower => narrower.label)
  const detail = labels.length > 0 ? ` (${labels.join(', ')} of ${host} host CPUs)` : ''
  return { name: 'cpu', value, why: `${value} usable ${plural(value, 'CPU')}${detail}` }
}

/**
 * The memory budget is what the compilers can still get: the runner's available memory (free plus
 * reclaimable cache; the OS, the runner agent and services already hold the rest of the total), capped by
 * the cgroup limit, which kills the whole container's processes beyond it whatever the host has free.
 */
function memoryLimit(facts: HostFacts, memoryPerJob: number): Limit {
  const cgroupBinds = facts.cgroupMemoryLimit !== null && facts.cgroupMemoryLimit < facts.availableMemory
  const budget = cgroupBinds ? (facts.cgroupMemoryLimit as number) : facts.availableMemory
  const fits = Math.floor(budget / memoryPerJob)
  const source = cgroupBinds ? ' (cgroup limit)' : ''
  const result = fits >= 1 ? `= ${fits}` : '< 1, so 1'
  return {
    name: 'memory',
    value: Math.max(1, fits),
    why: `memory ${formatBytes(budget)}${source} / ${formatBytes(memoryPerJob)} per job ${result}`,
  }
}

function modulesLimit(modules: number): Limit {
  const value = Math.max(1, Math.floor(modules))
  const why = modules >= 1 ? `${value} ${plural(value, 'module')} to build` : 'no modules to build, so 1'
  return { name: 'modules', value, why }
}

function platformLimit(facts: HostFacts): Limit[] {
  return facts.platform === 'win32' ? [{ name: 'platform', value: WINDOWS_MAX_JOBS, why: `Windows cap ${WINDOWS_MAX_JOBS}` }] : []
}

/**
 * A spawn refused with EMFILE leaks its pipe descriptors in Node, so backing off after the fact leaves less room each
 * time: stay within the open-file limit from the start. Listed only when it binds (`below`: the other limits' least),
 * so the usual explanation is not padded with a limit of thousands.
 */
function openFilesLimit(facts: HostFacts, below: number): Limit[] {
  if (facts.openFileLimit === null || facts.openFileLimit === undefined) return []
  const spare = facts.openFileLimit - (facts.openFiles ?? 0) - FILES_RESERVED
  const fits = Math.floor(spare / FILES_PER_JOB)
  const value = Math.max(1, fits)
  const result = fits >= 1 ? `= ${fits}` : '< 1, so 1'
  const why = `open files: limit ${facts.openFileLimit}, ${facts.openFiles ?? 0} in use, ${FILES_RESERVED} kept free, / ${FILES_PER_JOB} per job ${result}`
  return value <= below ? [{ name: 'open-files', value, why }] : []
}

const LIMIT_LABELS: Record<string, string> = {
  cpu: 'usable CPUs',
  remote: 'remote compile slots',
  memory: 'memory',
  modules: 'modules to build',
  platform: 'the Windows cap',
  'open-files': 'the open-file limit',
}

function explain(jobs: number, explicit: number | null, lowered: boolean, limits: Limit[], binding: string[]): string {
  const reasons = limits.map(limit => limit.why).join('; ')
  const head = `${jobs} ${plural(jobs, 'job')}`
  if (lowered) {
    const by = binding.map(name => LIMIT_LABELS[name] ?? name).join(' and ')
    return `${head} (requested ${explicit}, lowered to fit ${by}): ${reasons}`
  }
  return explicit === null ? `${head}: ${reasons}` : `${head} (as requested): ${reasons}`
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
