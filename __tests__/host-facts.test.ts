import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { candidateDirs, parseCpuMax, parseMemoryLimit, parseProcSelfCgroup, parseV1Quota, readCgroupLimits } from '../src/host/cgroup.js'
import {
  countCpuList,
  detectHostFacts,
  mergeHostFacts,
  parseMemAvailable,
  parseVmStat,
  readHostFactsFile,
} from '../src/host/detect-facts.js'
import type { HostFacts } from '../src/host/host-facts.js'
import { decideParallelism } from '../src/plan/parallelism.js'
import { DEFAULT_MEMORY_PER_JOB } from '../src/settings/defaults.js'
import { onlyWhen } from './support/only-when.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.join(here, 'fixtures', 'cgroup')
const examples = path.join(here, '..', 'examples', 'host-facts')
const GiB = 1024 ** 3

function fixture(name: string): { cgroupRoot: string; procSelfCgroup: string } {
  return {
    cgroupRoot: path.join(fixtures, name, 'sys', 'fs', 'cgroup'),
    procSelfCgroup: path.join(fixtures, name, 'proc', 'self', 'cgroup'),
  }
}

describe('cgroup parsing', () => {
  it.each([
    ['max 100000\n', null],
    ['200000 100000\n', 2],
    ['250000 100000', 2.5],
    ['50000 100000', 0.5],
    ['max', null],
    ['200000', null],
    ['0 100000', null],
    ['200000 0', null],
    ['lots 100000', null],
    ['', null],
  ])('cpu.max %j -> %p', (text, cpus) => {
    expect(parseCpuMax(text)).toBe(cpus)
  })

  it.each([
    ['-1\n', '100000\n', null],
    ['200000\n', '100000\n', 2],
    ['150000', '100000', 1.5],
    ['abc', '100000', null],
    ['200000', '0', null],
    ['200000', '', null],
  ])('cfs quota %j / period %j -> %p', (quota, period, cpus) => {
    expect(parseV1Quota(quota, period)).toBe(cpus)
  })

  it.each([
    ['max\n', null],
    ['3221225472\n', 3 * GiB],
    ['9223372036854771712\n', null],
    ['12 GB', null],
    ['-5', null],
    ['0', null],
    ['', null],
  ])('memory limit %j -> %p', (text, bytes) => {
    expect(parseMemoryLimit(text)).toBe(bytes)
  })

  it('reads the v2 path and the v1 paths per controller from /proc/self/cgroup', () => {
    const paths = parseProcSelfCgroup('12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/x\n0::/kubepods/pod1\nnonsense\n')
    expect(paths.v2).toBe('/kubepods/pod1')
    expect(paths.v1.get('memory')).toBe('/docker/abc')
    expect(paths.v1.get('cpu')).toBe('/docker/abc')
    expect(paths.v1.get('cpuacct')).toBe('/docker/abc')
  })

  it('looks in the own cgroup, then its ancestors, then the root, and never above the root', () => {
    expect(candidateDirs('/r', '/a/b')).toEqual([path.join('/r', 'a', 'b'), path.join('/r', 'a'), '/r'])
    expect(candidateDirs('/r', '/')).toEqual(['/r'])
    expect(candidateDirs('/r', null)).toEqual(['/r'])
    expect(candidateDirs('/r', '/../../etc')).toEqual([path.join('/r', 'etc'), '/r'])
  })
})

describe('readCgroupLimits on fixture directories', () => {
  it.each([
    ['v2-quota', 2, 4 * GiB],
    ['v2-unlimited', null, null],
    ['v2-nested', 2.5, 3 * GiB],
    ['v1-quota', 2, 2 * GiB],
    ['v1-unlimited', null, null],
    ['v1-docker', 1.5, GiB],
    ['v1-own-path', null, 0.5 * GiB],
    ['malformed', null, null],
    ['missing', null, null],
  ])('%s -> cpu %p, memory %p', async (name, cpuQuota, memoryLimit) => {
    expect(await readCgroupLimits(fixture(name))).toEqual({ cpuQuota, memoryLimit })
  })

  it('treats a root and a /proc/self/cgroup that do not exist as no limits', async () => {
    const nowhere = path.join(fixtures, 'does-not-exist')
    expect(await readCgroupLimits({ cgroupRoot: nowhere, procSelfCgroup: path.join(nowhere, 'cgroup') })).toEqual({
      cpuQuota: null,
      memoryLimit: null,
    })
  })

  it('falls back to the root when /proc/self/cgroup cannot be read', async () => {
    const location = { cgroupRoot: fixture('v2-quota').cgroupRoot, procSelfCgroup: path.join(fixtures, 'none') }
    expect(await readCgroupLimits(location)).toEqual({ cpuQuota: 2, memoryLimit: 4 * GiB })
  })
})

describe('detectHostFacts on this machine', () => {
  let facts: HostFacts
  beforeAll(async () => {
    facts = await detectHostFacts()
  })

  it('returns sane numbers', () => {
    expect(facts.platform).toBe(process.platform)
    expect(facts.arch).toBe(process.arch)
    expect(facts.logicalCpus).toBe(os.cpus().length)
    expect(facts.affinityCpus).toBeGreaterThanOrEqual(1)
    expect(facts.affinityCpus).toBeLessThanOrEqual(facts.logicalCpus)
    expect(facts.totalMemory).toBe(os.totalmem())
    expect(facts.availableMemory).toBeGreaterThan(0)
    expect(facts.availableMemory).toBeLessThanOrEqual(facts.totalMemory)
    if (facts.cgroupCpuQuota !== null) expect(facts.cgroupCpuQuota).toBeGreaterThan(0)
    if (facts.cgroupMemoryLimit !== null) expect(facts.cgroupMemoryLimit).toBeLessThan(2 ** 53)
    const decision = decideParallelism(facts, { jobs: 'auto', memoryPerJob: DEFAULT_MEMORY_PER_JOB, modules: 100 })
    expect(decision.jobs).toBeGreaterThanOrEqual(1)
    expect(decision.jobs).toBeLessThanOrEqual(facts.logicalCpus)
  })

  const linux = onlyWhen(process.platform === 'linux', 'reads Linux files (/proc, nproc, free)')

  linux('counts the same affinity CPUs as nproc', () => {
    expect(facts.affinityCpus).toBe(Number(execFileSync('nproc', { encoding: 'utf8' }).trim()))
  })

  linux('reports the available memory that free reads, bracketed by reads just before and after', async () => {
    // Compilers of other suites come and go: compare with free's figure read right before and right after.
    const freeSays = (): number => Number(/^Mem:(?:\s+\d+){5}\s+(\d+)/m.exec(execFileSync('free', ['-b'], { encoding: 'utf8' }))?.[1])
    const before = freeSays()
    const detected = (await detectHostFacts()).availableMemory
    const after = freeSays()
    expect(detected).toBeGreaterThanOrEqual(Math.min(before, after) - 64 * 1024 ** 2)
    expect(detected).toBeLessThanOrEqual(Math.max(before, after) + 64 * 1024 ** 2)
  })

  it('reads the cgroup files it is pointed at', async () => {
    const pod = await detectHostFacts(fixture('v2-nested'))
    expect(pod.cgroupCpuQuota).toBe(2.5)
    expect(pod.cgroupMemoryLimit).toBe(3 * GiB)
    const unlimited = await detectHostFacts(fixture('v1-unlimited'))
    expect(unlimited.cgroupCpuQuota).toBeNull()
    expect(unlimited.cgroupMemoryLimit).toBeNull()
  })
})

describe('platform parsers', () => {
  it.each([
    ['0-1', 2],
    ['0-3,8,10-11', 7],
    ['5', 1],
    ['0-3\n', 4],
    ['', null],
    ['3-1', null],
    ['a-b', null],
  ])('Cpus_allowed_list %j -> %p', (text, count) => {
    expect(countCpuList(text)).toBe(count)
  })

  it('reads MemAvailable from /proc/meminfo text', () => {
    expect(parseMemAvailable('MemTotal:       24684084 kB\nMemFree:        23478220 kB\nMemAvailable:   24282420 kB\n')).toBe(
      24282420 * 1024,
    )
    expect(parseMemAvailable('MemTotal:       24684084 kB\n')).toBeNull()
  })

  it('adds free, inactive and speculative pages from vm_stat', () => {
    const vmStat = [
      'Mach Virtual Memory Statistics: (page size of 16384 bytes)',
      'Pages free:                               12000.',
      'Pages active:                            150000.',
      'Pages inactive:                          140000.',
      'Pages speculative:                         4000.',
      'Pages wired down:                         90000.',
    ].join('\n')
    expect(parseVmStat(vmStat)).toBe((12000 + 140000 + 4000) * 16384)
    expect(parseVmStat('')).toBeNull()
    expect(parseVmStat('Mach Virtual Memory Statistics: (page size of 4096 bytes)\n')).toBeNull()
  })
})

describe('--host-facts files', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'host-facts-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function factsFile(text: string): Promise<string> {
    const file = path.join(dir, `facts-${Math.random().toString(36).slice(2)}.json`)
    await writeFile(file, text)
    return file
  }

  it.each([
    [
      '{"cpus": 4}',
      /unknown field "cpus"; accepted fields are platform, arch, logicalCpus, affinityCpus, cgroupCpuQuota, totalMemory, availableMemory, cgroupMemoryLimit, openFileLimit, openFiles$/,
    ],
    ['{"logicalCpus": "four"}', /field "logicalCpus" is "four"; expected a whole number of 1 or more$/],
    ['{"logicalCpus": 0}', /field "logicalCpus" is 0; expected a whole number of 1 or more$/],
    ['{"affinityCpus": 2.5}', /field "affinityCpus" is 2.5; expected a whole number of 1 or more$/],
    ['{"totalMemory": -1}', /field "totalMemory" is -1; expected bytes \(a number of 0 or more\) or a size such as "16GiB"$/],
    ['{"availableMemory": "lots"}', /field "availableMemory" is "lots"; expected bytes/],
    ['{"cgroupCpuQuota": -2}', /field "cgroupCpuQuota" is -2; expected a number of CPUs above 0 \(may be fractional\) or null$/],
    ['{"cgroupMemoryLimit": true}', /field "cgroupMemoryLimit" is true; expected bytes .* or null$/],
    ['{"platform": "windows"}', /field "platform" is "windows"; expected one of linux, win32, darwin, /],
    ['{"arch": ""}', /field "arch" is ""; expected a name such as x64 or arm64$/],
    ['{"totalMemory": "8GiB", "availableMemory": "9GiB"}', /field "availableMemory" is more than totalMemory/],
    ['[4, 16]', /expected a JSON object with some of the fields platform, arch, /],
    ['null', /expected a JSON object/],
    ['{"logicalCpus": 4,}', /not JSON \(/],
  ])('%s is refused with a one-line error naming the file and the field', async (text, message) => {
    const file = await factsFile(text)
    const error = await readHostFactsFile(file).then(
      () => null,
      (err: Error) => err,
    )
    expect(error?.message).toMatch(message)
    expect(error?.message).toContain(`Invalid host facts file "${file}": `)
    expect(error?.message).not.toContain('\n')
  })

  it('names a file it cannot read', async () => {
    const file = path.join(dir, 'absent.json')
    await expect(readHostFactsFile(file)).rejects.toThrow(`Cannot read host facts file "${file}": ENOENT`)
  })

  it('accepts sizes as strings and null limits', async () => {
    const file = await factsFile('{"totalMemory": "16GiB", "availableMemory": 1000, "cgroupMemoryLimit": null, "cgroupCpuQuota": 0.5}')
    expect(await readHostFactsFile(file)).toEqual({
      totalMemory: 16 * GiB,
      availableMemory: 1000,
      cgroupMemoryLimit: null,
      cgroupCpuQuota: 0.5,
    })
  })

  const detected: HostFacts = {
    platform: 'linux',
    arch: 'x64',
    logicalCpus: 2,
    affinityCpus: 2,
    cgroupCpuQuota: null,
    totalMemory: 24 * GiB,
    availableMemory: 23 * GiB,
    cgroupMemoryLimit: null,
    openFileLimit: 1024,
    openFiles: 24,
  }

  it('takes a field left out from the detected facts', () => {
    expect(mergeHostFacts({ platform: 'win32', cgroupCpuQuota: 1.5 }, detected)).toEqual({
      ...detected,
      platform: 'win32',
      cgroupCpuQuota: 1.5,
      openFileLimit: null,
    })
    expect(mergeHostFacts({}, detected)).toEqual(detected)
    expect(mergeHostFacts({ cgroupMemoryLimit: null }, { ...detected, cgroupMemoryLimit: GiB }).cgroupMemoryLimit).toBeNull()
  })

  it("does not take this machine's open-file limit for another platform", () => {
    expect(mergeHostFacts({ platform: 'win32' }, detected).openFileLimit).toBeNull()
    expect(mergeHostFacts({ platform: 'darwin', openFileLimit: 256 }, detected).openFileLimit).toBe(256)
    expect(mergeHostFacts({ logicalCpus: 8 }, detected).openFileLimit).toBe(1024)
  })

  it('does not mix two machines: named CPUs are all in the affinity, named memory all available', () => {
    const merged = mergeHostFacts({ logicalCpus: 96, totalMemory: 384 * GiB }, detected)
    expect(merged).toMatchObject({ logicalCpus: 96, affinityCpus: 96, totalMemory: 384 * GiB, availableMemory: 384 * GiB })
    expect(mergeHostFacts({ logicalCpus: 96, affinityCpus: 48 }, detected).affinityCpus).toBe(48)
  })

  it.each([
    ['ubuntu-4cpu.json', 4, ['cpu']],
    ['windows-96cpu.json', 61, ['platform']],
    ['k8s-pod-2cpu-quota.json', 2, ['cpu', 'memory']],
    ['macos-arm64.json', 2, ['memory']],
  ])('example %s is complete and plans %d jobs for 200 modules', async (name, jobs, binding) => {
    const partial = await readHostFactsFile(path.join(examples, name))
    expect(Object.keys(partial).sort()).toEqual(Object.keys(detected).sort())
    const decision = decideParallelism(mergeHostFacts(partial, detected), {
      jobs: 'auto',
      memoryPerJob: DEFAULT_MEMORY_PER_JOB,
      modules: 200,
    })
    expect(decision.jobs).toBe(jobs)
    expect(decision.binding).toEqual(binding)
  })
})
