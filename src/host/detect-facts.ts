import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import * as os from 'node:os'

import { errorText } from '../errors/error-text.js'
import { InputError } from '../errors/input-error.js'
import { readOptionalText } from '../files/optional-file.js'
import { parseByteSize } from '../settings/byte-size.js'
import { type CgroupLocation, readCgroupLimits } from './cgroup.js'
import type { HostFacts } from './host-facts.js'

/**
 * What this machine offers. Every fact has a fallback, so detection never fails a build.
 * A `cgroupRoot`/`procSelfCgroup` override (tests, what-ifs) also skips `process.constrainedMemory()`,
 * which would describe this process instead of the given files.
 */
export async function detectHostFacts(options: CgroupLocation = {}): Promise<HostFacts> {
  const overridden = options.cgroupRoot !== undefined || options.procSelfCgroup !== undefined
  const totalMemory = os.totalmem()
  const [cgroup, affinityCpus, availableMemory, openFileLimit, openFiles] = await Promise.all([
    readCgroupLimits(options),
    detectAffinityCpus(),
    detectAvailableMemory(totalMemory),
    detectOpenFileLimit(),
    countOpenFiles(),
  ])
  return {
    platform: process.platform,
    arch: process.arch,
    logicalCpus: os.cpus().length || affinityCpus,
    affinityCpus,
    cgroupCpuQuota: cgroup.cpuQuota,
    totalMemory,
    availableMemory,
    cgroupMemoryLimit: overridden ? cgroup.memoryLimit : smallestLimit(cgroup.memoryLimit, constrainedMemory(totalMemory)),
    openFileLimit,
    openFiles,
  }
}

/**
 * The soft limit on open files: Linux from /proc/self/limits, other POSIX systems from the shell's `ulimit -n`
 * (macOS starts at 256). Node cannot raise it, and a spawn refused with EMFILE leaks pipe descriptors in Node,
 * so the pool must stay under it from the start rather than back off after hitting it.
 */
async function detectOpenFileLimit(): Promise<number | null> {
  if (process.platform === 'win32') return null
  const limits = process.platform === 'linux' ? await readOptionalText('/proc/self/limits') : null
  const text = limits === null ? await runShell('ulimit -n') : (/^Max open files\s+(\S+)/m.exec(limits)?.[1] ?? '')
  return parseOpenFileLimit(text)
}

/** `1024` -> 1024; `unlimited`, empty or garbage -> null (no limit we can count on). */
export function parseOpenFileLimit(text: string): number | null {
  const value = Number(text.trim())
  return /^\d+$/.test(text.trim()) && value > 0 ? value : null
}

/** Descriptors open now (Linux /proc/self/fd, macOS /dev/fd); 0 where they cannot be listed. */
async function countOpenFiles(): Promise<number> {
  for (const dir of ['/proc/self/fd', '/dev/fd']) {
    try {
      return (await readdir(dir)).length
    } catch {
      // Not this system's way of listing them.
    }
  }
  return 0
}

function runShell(command: string): Promise<string> {
  return new Promise(resolve => {
    execFile('/bin/sh', ['-c', command], { timeout: 5000 }, (error, stdout) => resolve(error ? '' : stdout))
  })
}

/**
 * CPUs in the affinity mask. On Linux from `/proc/self/status`, because `os.availableParallelism()` on
 * Node 24 (libuv 1.49+) also folds in the cgroup quota, and the report should say which one narrowed it.
 */
async function detectAffinityCpus(): Promise<number> {
  const fallback = Math.max(1, os.availableParallelism())
  if (process.platform !== 'linux') return fallback
  const status = await readOptionalText('/proc/self/status')
  const list = status === null ? null : /^Cpus_allowed_list:\s*(\S+)/m.exec(status)
  return (list && countCpuList(list[1])) || fallback
}

/** `0-3,8,10-11` -> 7; null when malformed. */
export function countCpuList(text: string): number | null {
  let count = 0
  for (const range of text.trim().split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(range)
    if (!match) return null
    const first = Number(match[1])
    const last = match[2] === undefined ? first : Number(match[2])
    if (last < first) return null
    count += last - first + 1
  }
  return count > 0 ? count : null
}

/**
 * Linux: MemAvailable (free plus reclaimable cache). macOS: free + inactive + speculative pages from
 * `vm_stat`, because `os.freemem()` there counts only free pages, which macOS keeps low by caching
 * files, and a 7 GiB runner would look like it has 1 GiB. Elsewhere (Windows: free plus standby) os.freemem().
 */
async function detectAvailableMemory(totalMemory: number): Promise<number> {
  const found =
    process.platform === 'linux'
      ? parseMemAvailable((await readOptionalText('/proc/meminfo')) ?? '')
      : process.platform === 'darwin'
        ? parseVmStat(await runVmStat())
        : null
  return Math.min(found ?? os.freemem(), totalMemory)
}

/** `/proc/meminfo`'s `MemAvailable:  24282420 kB` in bytes; null when absent (kernels before 3.14). */
export function parseMemAvailable(meminfo: string): number | null {
  const match = /^MemAvailable:\s*(\d+)\s*kB/m.exec(meminfo)
  return match ? Number(match[1]) * 1024 : null
}

/** macOS `vm_stat`: (free + inactive + speculative) pages times the page size it prints; null when unparsable. */
export function parseVmStat(text: string): number | null {
  const pageSize = /page size of (\d+) bytes/.exec(text)
  if (!pageSize) return null
  const pages = ['Pages free', 'Pages inactive', 'Pages speculative'].map(label => {
    const match = new RegExp(`^${label}:\\s*(\\d+)`, 'm').exec(text)
    return match ? Number(match[1]) : null
  })
  if (pages[0] === null) return null
  return pages.reduce<number>((sum, count) => sum + (count ?? 0), 0) * Number(pageSize[1])
}

function runVmStat(): Promise<string> {
  return new Promise(resolve => {
    execFile('vm_stat', { timeout: 5000 }, (error, stdout) => resolve(error ? '' : stdout))
  })
}

/** `process.constrainedMemory()` says 2^64 (or 0 on old Node) for "no limit": anything at or above total is none. */
function constrainedMemory(totalMemory: number): number | null {
  const value = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0
  return value > 0 && value < totalMemory ? value : null
}

function smallestLimit(a: number | null, b: number | null): number | null {
  if (a === null) return b
  return b === null ? a : Math.min(a, b)
}

// --- `--host-facts FILE`: plan for another runner -------------------------------------------------------

const PLATFORMS = ['linux', 'win32', 'darwin', 'freebsd', 'openbsd', 'netbsd', 'aix', 'sunos', 'android', 'cygwin']

type FieldCheck = (value: unknown) => number | string | null | undefined

const positiveInteger: FieldCheck = value => (Number.isInteger(value) && (value as number) >= 1 ? (value as number) : undefined)
const positiveOrNull: FieldCheck = value => (value === null ? null : typeof value === 'number' && value > 0 ? value : undefined)
const bytes: FieldCheck = value => {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined
  if (typeof value !== 'string') return undefined
  try {
    return parseByteSize(value, 'size')
  } catch {
    return undefined
  }
}

const FIELDS: Record<keyof HostFacts, { check: FieldCheck; accepted: string }> = {
  platform: { check: v => (PLATFORMS.includes(v as string) ? (v as string) : undefined), accepted: `one of ${PLATFORMS.join(', ')}` },
  arch: { check: v => (typeof v === 'string' && v.trim() !== '' ? v : undefined), accepted: 'a name such as x64 or arm64' },
  logicalCpus: { check: positiveInteger, accepted: 'a whole number of 1 or more' },
  affinityCpus: { check: positiveInteger, accepted: 'a whole number of 1 or more' },
  cgroupCpuQuota: { check: positiveOrNull, accepted: 'a number of CPUs above 0 (may be fractional) or null' },
  totalMemory: { check: bytes, accepted: 'bytes (a number of 0 or more) or a size such as "16GiB"' },
  availableMemory: { check: bytes, accepted: 'bytes (a number of 0 or more) or a size such as "14GiB"' },
  cgroupMemoryLimit: {
    check: v => (v === null ? null : bytes(v)),
    accepted: 'bytes (a number of 0 or more), a size such as "4GiB", or null',
  },
  openFileLimit: { check: v => (v === null ? null : positiveInteger(v)), accepted: 'a whole number of 1 or more (ulimit -n), or null' },
  openFiles: {
    check: v => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined),
    accepted: 'a whole number of 0 or more',
  },
}

/** Reads and validates a `--host-facts` file; each fault is one line naming the file, the field and what is accepted. */
export async function readHostFactsFile(file: string): Promise<Partial<HostFacts>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new InputError(`Cannot read host facts file "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new InputError(`Invalid host facts file "${file}": not JSON (${errorText(error).split('\n')[0]})`)
  }
  return validateHostFacts(json, file)
}

export function validateHostFacts(json: unknown, file: string): Partial<HostFacts> {
  const fieldList = Object.keys(FIELDS).join(', ')
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(`Invalid host facts file "${file}": expected a JSON object with some of the fields ${fieldList}`)
  }
  const facts: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(json)) {
    const field = FIELDS[name as keyof HostFacts]
    if (!field) throw new InputError(`Invalid host facts file "${file}": unknown field "${name}"; accepted fields are ${fieldList}`)
    const checked = field.check(value)
    if (checked === undefined) {
      throw new InputError(`Invalid host facts file "${file}": field "${name}" is ${JSON.stringify(value)}; expected ${field.accepted}`)
    }
    facts[name] = checked
  }
  const partial = facts as Partial<HostFacts>
  if (partial.availableMemory !== undefined && partial.totalMemory !== undefined && partial.availableMemory > partial.totalMemory) {
    throw new InputError(`Invalid host facts file "${file}": field "availableMemory" is more than totalMemory; expected at most the total`)
  }
  return partial
}

/**
 * A field left out of the file is taken from this machine, except where that would mix two machines:
 * a file that names its CPUs gets all of them as affinity, one that names its total memory gets
 * it all as available, rather than this machine's affinity or free memory, and one that names another platform
 * gets no open-file limit unless it names one.
 */
export function mergeHostFacts(partial: Partial<HostFacts>, detected: HostFacts): HostFacts {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<HostFacts>
  const merged: HostFacts = { ...detected, ...defined }
  if (defined.logicalCpus !== undefined && defined.affinityCpus === undefined) merged.affinityCpus = defined.logicalCpus
  if (defined.totalMemory !== undefined && defined.availableMemory === undefined) merged.availableMemory = defined.totalMemory
  if (defined.platform !== undefined && defined.platform !== detected.platform && !('openFileLimit' in defined)) merged.openFileLimit = null
  return merged
}
