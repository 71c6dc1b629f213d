import * as path from 'node:path'

import { readOptionalText } from '../files/optional-file.js'

/**
 * The CPU and memory limits a Linux container puts on this process (cgroup v1 or v2).
 * `nproc` and Python's `os.cpu_count()` ignore them, and Node 20's `os.availableParallelism()` does too,
 * so a 2-CPU pod on a 64-CPU host would otherwise start 64 compilers.
 */
export interface CgroupLimits {
  /** CPUs (quota / period, may be fractional); null when none. */
  cpuQuota: number | null
  /** Bytes; null when none. */
  memoryLimit: number | null
}

export interface CgroupLocation {
  /** A directory laid out like `/sys/fs/cgroup`. */
  cgroupRoot?: string
  /** A file laid out like `/proc/self/cgroup`. */
  procSelfCgroup?: string
}

/** The cgroup paths of this process: the v2 path (`0::/path`) and v1 paths by controller. */
export interface CgroupPaths {
  v2: string | null
  v1: Map<string, string>
}

const INTEGER = /^\d+$/

/** cgroup v2 `cpu.max`: `max 100000` = none, `200000 100000` = 2 CPUs. */
export function parseCpuMax(text: string): number | null {
  const fields = text.trim().split(/\s+/)
  if (fields.length !== 2 || fields[0] === 'max') return null
  return quotaInCpus(fields[0], fields[1])
}

/** cgroup v1 `cpu.cfs_quota_us` and `cpu.cfs_period_us`: quota -1 = none. */
export function parseV1Quota(quota: string, period: string): number | null {
  return quotaInCpus(quota.trim(), period.trim())
}

function quotaInCpus(quota: string, period: string): number | null {
  if (!INTEGER.test(quota) || !INTEGER.test(period)) return null
  const cpus = Number(quota) / Number(period)
  return cpus > 0 && Number.isFinite(cpus) ? cpus : null
}

/**
 * v2 `memory.max` or v1 `memory.limit_in_bytes`: `max` = none. v1 writes "none" as a huge number
 * (9223372036854771712); anything past 2^53 bytes (8 PiB) is no real limit and not even exact as a number.
 */
export function parseMemoryLimit(text: string): number | null {
  const value = text.trim()
  if (!INTEGER.test(value)) return null
  const bytes = Number(value)
  return bytes > 0 && bytes <= Number.MAX_SAFE_INTEGER ? bytes : null
}

/** `/proc/self/cgroup` lines are `id:controllers:path`; v2 has id 0 and no controllers. */
export function parseProcSelfCgroup(text: string): CgroupPaths {
  const paths: CgroupPaths = { v2: null, v1: new Map() }
  for (const line of text.split('\n')) {
    const match = /^(\d+):([^:]*):(\/.*)$/.exec(line.trim())
    if (!match) continue
    const [, id, controllers, cgroupPath] = match
    if (id === '0' && controllers === '') paths.v2 = cgroupPath
    for (const controller of controllers.split(',')) if (controller) paths.v1.set(controller, cgroupPath)
  }
  return paths
}

/**
 * Reads both layouts and keeps the smallest limit found: in a hybrid layout the v1 controllers hold the
 * limits, and whichever limit exists is enforced. Never throws; anything unreadable counts as no limit.
 */
export async function readCgroupLimits(location: CgroupLocation = {}): Promise<CgroupLimits> {
  const root = location.cgroupRoot ?? '/sys/fs/cgroup'
  const paths = parseProcSelfCgroup((await readOptionalText(location.procSelfCgroup ?? '/proc/self/cgroup')) ?? '')
  const v2Dirs = candidateDirs(root, paths.v2)
  const cpuDirs = v1Mounts(root, ['cpu', 'cpu,cpuacct']).flatMap(mount => candidateDirs(mount, paths.v1.get('cpu') ?? null))
  const memoryDirs = candidateDirs(path.join(root, 'memory'), paths.v1.get('memory') ?? null)
  const [v2Cpu, v1Cpu, v2Memory, v1Memory] = await Promise.all([
    readEach(v2Dirs, async dir => parseOptional(await readOptionalText(path.join(dir, 'cpu.max')), parseCpuMax)),
    readEach(cpuDirs, readV1Quota),
    readEach(v2Dirs, async dir => parseOptional(await readOptionalText(path.join(dir, 'memory.max')), parseMemoryLimit)),
    readEach(memoryDirs, async dir => parseOptional(await readOptionalText(path.join(dir, 'memory.limit_in_bytes')), parseMemoryLimit)),
  ])
  return { cpuQuota: smallest([...v2Cpu, ...v1Cpu]), memoryLimit: smallest([...v2Memory, ...v1Memory]) }
}

/**
 * The process's own cgroup directory and its ancestors up to the root: a limit set on a parent
 * (a Kubernetes pod, a systemd slice) binds the children too. Inside a cgroup namespace, or when the
 * container mounts only its own cgroup, the own path is missing under the root and the root itself answers.
 */
export function candidateDirs(mount: string, cgroupPath: string | null): string[] {
  const dirs: string[] = []
  const parts = (cgroupPath ?? '/').split('/').filter(part => part && part !== '.' && part !== '..')
  for (let depth = parts.length; depth > 0; depth--) dirs.push(path.join(mount, ...parts.slice(0, depth)))
  dirs.push(mount)
  return dirs
}

function v1Mounts(root: string, names: string[]): string[] {
  return names.map(name => path.join(root, name))
}

async function readV1Quota(dir: string): Promise<number | null> {
  const [quota, period] = await Promise.all([
    readOptionalText(path.join(dir, 'cpu.cfs_quota_us')),
    readOptionalText(path.join(dir, 'cpu.cfs_period_us')),
  ])
  return quota === null || period === null ? null : parseV1Quota(quota, period)
}

async function readEach(dirs: string[], read: (dir: string) => Promise<number | null>): Promise<Array<number | null>> {
  return Promise.all(dirs.map(read))
}

function parseOptional(text: string | null, parse: (text: string) => number | null): number | null {
  return text === null ? null : parse(text)
}

function smallest(values: Array<number | null>): number | null {
  const found = values.filter((value): value is number => value !== null)
  return found.length > 0 ? Math.min(...found) : null
}
