import { describe, expect, it } from '@jest/globals'

import { parseCpuMax, parseMemoryLimit, parseV1Quota } from '../src/host/cgroup.js'
import { parseOpenFileLimit } from '../src/host/detect-facts.js'
import type { HostFacts } from '../src/host/host-facts.js'
import { decideParallelism } from '../src/plan/parallelism.js'
import { DEFAULT_MEMORY_PER_JOB } from '../src/settings/defaults.js'

const GiB = 1024 ** 3

function host(overrides: Partial<HostFacts>): HostFacts {
  return {
    platform: 'linux',
    arch: 'x64',
    logicalCpus: 4,
    affinityCpus: overrides.logicalCpus ?? 4,
    cgroupCpuQuota: null,
    totalMemory: 16 * GiB,
    availableMemory: 14 * GiB,
    cgroupMemoryLimit: null,
    openFileLimit: 1024,
    openFiles: 24,
    ...overrides,
  }
}

interface Case {
  name: string
  facts: HostFacts
  memoryPerJob?: number
  modules?: number
  jobs: number
  binding: string[]
  why?: Record<string, string>
}

const cases: Case[] = [
  {
    name: 'GitHub ubuntu runner, 4 CPUs and 16 GiB',
    facts: host({}),
    jobs: 4,
    binding: ['cpu'],
    why: { cpu: '4 usable CPUs', memory: 'memory 14 GiB / 1.5 GiB per job = 9', modules: '50 modules to build' },
  },
  {
    name: 'GitHub windows runner, 4 CPUs and 16 GiB',
    facts: host({ platform: 'win32' }),
    jobs: 4,
    binding: ['cpu'],
    why: { platform: 'Windows cap 61' },
  },
  {
    name: 'GitHub macOS arm64 runner, 3 CPUs and 7 GiB (4 GiB available)',
    facts: host({ platform: 'darwin', arch: 'arm64', logicalCpus: 3, totalMemory: 7 * GiB, availableMemory: 4 * GiB }),
    jobs: 2,
    binding: ['memory'],
    why: { cpu: '3 usable CPUs', memory: 'memory 4 GiB / 1.5 GiB per job = 2' },
  },
  {
    name: '96-core Windows runner stops at 61 (ProcessPoolExecutor)',
    facts: host({ platform: 'win32', logicalCpus: 96, totalMemory: 384 * GiB, availableMemory: 370 * GiB }),
    modules: 500,
    jobs: 61,
    binding: ['platform'],
  },
  {
    name: '96-core Linux runner has no platform cap',
    facts: host({ logicalCpus: 96, totalMemory: 384 * GiB, availableMemory: 370 * GiB }),
    modules: 500,
    jobs: 96,
    binding: ['cpu'],
  },
  {
    name: '64-CPU Kubernetes pod with cgroup v2 cpu.max "200000 100000"',
    facts: host({ logicalCpus: 64, totalMemory: 256 * GiB, availableMemory: 200 * GiB, cgroupCpuQuota: parseCpuMax('200000 100000\n') }),
    jobs: 2,
    binding: ['cpu'],
    why: { cpu: '2 usable CPUs (cgroup quota 2 of 64 host CPUs)' },
  },
  {
    name: 'the same pod with cgroup v1 cfs_quota_us/cfs_period_us',
    facts: host({
      logicalCpus: 64,
      totalMemory: 256 * GiB,
      availableMemory: 200 * GiB,
      cgroupCpuQuota: parseV1Quota('200000\n', '100000\n'),
    }),
    jobs: 2,
    binding: ['cpu'],
    why: { cpu: '2 usable CPUs (cgroup quota 2 of 64 host CPUs)' },
  },
  {
    name: 'affinity narrower than the CPU count',
    facts: host({ logicalCpus: 16, affinityCpus: 6, availableMemory: 60 * GiB }),
    jobs: 6,
    binding: ['cpu'],
    why: { cpu: '6 usable CPUs (affinity 6 of 16 host CPUs)' },
  },
  {
    name: 'affinity and quota both narrower: the smaller one is named first',
    facts: host({ logicalCpus: 16, affinityCpus: 6, cgroupCpuQuota: 3, availableMemory: 60 * GiB }),
    jobs: 3,
    binding: ['cpu'],
    why: { cpu: '3 usable CPUs (cgroup quota 3, affinity 6 of 16 host CPUs)' },
  },
  {
    name: 'memory.max 3 GiB with 1 GiB per job',
    facts: host({ logicalCpus: 8, availableMemory: 30 * GiB, cgroupMemoryLimit: parseMemoryLimit('3221225472\n') }),
    memoryPerJob: GiB,
    jobs: 3,
    binding: ['memory'],
    why: { memory: 'memory 3 GiB (cgroup limit) / 1 GiB per job = 3' },
  },
  {
    name: 'cgroup memory limit above the available memory does not bind',
    facts: host({ logicalCpus: 8, availableMemory: 5 * GiB, cgroupMemoryLimit: 8 * GiB }),
    memoryPerJob: GiB,
    jobs: 5,
    binding: ['memory'],
    why: { memory: 'memory 5 GiB / 1 GiB per job = 5' },
  },
  {
    name: 'memory for less than one job still builds one at a time',
    facts: host({ availableMemory: GiB }),
    memoryPerJob: 2 * GiB,
    jobs: 1,
    binding: ['memory'],
    why: { memory: 'memory 1 GiB / 2 GiB per job < 1, so 1' },
  },
  { name: 'one module', facts: host({}), modules: 1, jobs: 1, binding: ['modules'], why: { modules: '1 module to build' } },
  {
    name: 'no modules counts as one',
    facts: host({}),
    modules: 0,
    jobs: 1,
    binding: ['modules'],
    why: { modules: 'no modules to build, so 1' },
  },
  {
    name: 'fractional quota 2.5 rounds down to 2',
    facts: host({ logicalCpus: 8, availableMemory: 30 * GiB, cgroupCpuQuota: parseCpuMax('250000 100000') }),
    jobs: 2,
    binding: ['cpu'],
    why: { cpu: '2 usable CPUs (cgroup quota 2.5 of 8 host CPUs)' },
  },
  {
    name: 'quota 0.5 still gives one job',
    facts: host({ logicalCpus: 8, cgroupCpuQuota: parseCpuMax('50000 100000') }),
    jobs: 1,
    binding: ['cpu'],
    why: { cpu: '1 usable CPU (cgroup quota 0.5 of 8 host CPUs)' },
  },
  {
    name: 'a quota above the host CPU count is not mentioned',
    facts: host({ cgroupCpuQuota: 16 }),
    jobs: 4,
    binding: ['cpu'],
    why: { cpu: '4 usable CPUs' },
  },
]

describe('decideParallelism with jobs: auto', () => {
  it.each(cases)('$name -> $jobs', ({ facts, memoryPerJob, modules, jobs, binding, why }) => {
    const decision = decideParallelism(facts, {
      jobs: 'auto',
      memoryPerJob: memoryPerJob ?? DEFAULT_MEMORY_PER_JOB,
      modules: modules ?? 50,
    })
    expect(decision.jobs).toBe(jobs)
    expect(decision.binding).toEqual(binding)
    expect(decision.lowered).toBe(false)
    expect(decision.requested).toBe('auto')
    for (const [name, text] of Object.entries(why ?? {})) {
      expect(decision.limits.find(limit => limit.name === name)?.why).toBe(text)
    }
    expect(decision.explanation).toBe(`${jobs} ${jobs === 1 ? 'job' : 'jobs'}: ${decision.limits.map(limit => limit.why).join('; ')}`)
  })

  it('lists every limit considered, the platform cap only on Windows', () => {
    const names = (facts: HostFacts): string[] =>
      decideParallelism(facts, { jobs: 'auto', memoryPerJob: GiB, modules: 9 }).limits.map(limit => limit.name)
    expect(names(host({}))).toEqual(['cpu', 'memory', 'modules'])
    expect(names(host({ platform: 'win32' }))).toEqual(['cpu', 'memory', 'modules', 'platform'])
  })

  it('explains a Kubernetes pod in one line', () => {
    const facts = host({ logicalCpus: 64, cgroupCpuQuota: 4, availableMemory: 15.6 * GiB, platform: 'win32' })
    const decision = decideParallelism(facts, { jobs: 'auto', memoryPerJob: 2 * GiB, modules: 12 })
    expect(decision.explanation).toBe(
      '4 jobs: 4 usable CPUs (cgroup quota 4 of 64 host CPUs); memory 15.6 GiB / 2 GiB per job = 7; 12 modules to build; Windows cap 61',
    )
  })
})

describe('decideParallelism with explicit jobs', () => {
  const pod = host({ logicalCpus: 64, cgroupCpuQuota: 2, totalMemory: 256 * GiB, availableMemory: 200 * GiB })

  it('lowers a request above the safe value and says which limit applied', () => {
    const decision = decideParallelism(pod, { jobs: 64, memoryPerJob: DEFAULT_MEMORY_PER_JOB, modules: 40 })
    expect(decision).toMatchObject({ jobs: 2, requested: 64, lowered: true, binding: ['cpu'] })
    expect(decision.limits.at(-1)).toEqual({ name: 'requested', value: 64, why: 'requested 64' })
    expect(decision.explanation).toBe(
      '2 jobs (requested 64, lowered to fit usable CPUs): 2 usable CPUs (cgroup quota 2 of 64 host CPUs); ' +
        'memory 200 GiB / 1.5 GiB per job = 133; 40 modules to build; requested 64',
    )
  })

  it('names every limit that binds when it lowers', () => {
    const decision = decideParallelism(host({ availableMemory: 8 * GiB }), { jobs: 10, memoryPerJob: 2 * GiB, modules: 40 })
    expect(decision.jobs).toBe(4)
    expect(decision.binding).toEqual(['cpu', 'memory'])
    expect(decision.explanation).toMatch(/^4 jobs \(requested 10, lowered to fit usable CPUs and memory\): /)
  })

  it('lowers a 96-job request on Windows to the cap', () => {
    const facts = host({ platform: 'win32', logicalCpus: 128, totalMemory: 512 * GiB, availableMemory: 500 * GiB })
    const decision = decideParallelism(facts, { jobs: 96, memoryPerJob: GiB, modules: 1000 })
    expect(decision).toMatchObject({ jobs: 61, lowered: true, binding: ['platform'] })
    expect(decision.explanation).toContain('lowered to fit the Windows cap')
  })

  it('honours a request below the safe value', () => {
    const decision = decideParallelism(host({ logicalCpus: 16, availableMemory: 60 * GiB }), { jobs: 3, memoryPerJob: GiB, modules: 40 })
    expect(decision).toMatchObject({ jobs: 3, requested: 3, lowered: false, binding: ['requested'] })
    expect(decision.explanation).toMatch(/^3 jobs \(as requested\): 16 usable CPUs; .*; requested 3$/)
  })

  it('a request equal to the safe value is not lowered', () => {
    const decision = decideParallelism(host({}), { jobs: 4, memoryPerJob: GiB, modules: 40 })
    expect(decision).toMatchObject({ jobs: 4, lowered: false, binding: ['cpu', 'requested'] })
  })

  it.each([0, -2, 1.5, Number.NaN])('rejects jobs %p with a one-line error', jobs => {
    expect(() => decideParallelism(host({}), { jobs, memoryPerJob: GiB, modules: 1 })).toThrow(
      /^Invalid jobs ".*": expected a whole number of 1 or more, or auto$/,
    )
  })

  it.each([0, -1, Number.POSITIVE_INFINITY])('rejects memoryPerJob %p with a one-line error', memoryPerJob => {
    expect(() => decideParallelism(host({}), { jobs: 'auto', memoryPerJob, modules: 1 })).toThrow(/^Invalid memory-per-job /)
  })
})

describe('DEFAULT_MEMORY_PER_JOB', () => {
  it('is the measured 1.5 GiB', () => {
    expect(DEFAULT_MEMORY_PER_JOB).toBe(1.5 * GiB)
  })
})

describe('the open-file limit', () => {
  it('binds under a low ulimit -n and says so; absent from the explanation when it does not bind', () => {
    const low = decideParallelism(host({ openFileLimit: 32, openFiles: 20 }), { jobs: 'auto', memoryPerJob: GiB, modules: 40 })
    expect(low.jobs).toBe(1)
    expect(low.binding).toContain('open-files')
    expect(low.explanation).toContain('open files: limit 32, 20 in use, 8 kept free, / 8 per job < 1, so 1')
    const mac = decideParallelism(
      host({ logicalCpus: 64, totalMemory: 256 * GiB, availableMemory: 200 * GiB, openFileLimit: 256, openFiles: 24 }),
      { jobs: 'auto', memoryPerJob: GiB, modules: 500 },
    )
    expect(mac.jobs).toBe(28)
    expect(mac.binding).toEqual(['open-files'])
    const usual = decideParallelism(host({}), { jobs: 'auto', memoryPerJob: GiB, modules: 40 })
    expect(usual.limits.map(limit => limit.name)).toEqual(['cpu', 'memory', 'modules'])
    const unknown = decideParallelism(host({ openFileLimit: null }), { jobs: 8, memoryPerJob: GiB, modules: 40 })
    expect(unknown.limits.map(limit => limit.name)).toEqual(['cpu', 'memory', 'modules', 'requested'])
  })

  it('an explicit jobs above it is lowered, naming it', () => {
    const d = decideParallelism(host({ openFileLimit: 64, openFiles: 24 }), { jobs: 4, memoryPerJob: GiB, modules: 40 })
    expect(d.jobs).toBe(4)
    const lowered = decideParallelism(host({ logicalCpus: 16, openFileLimit: 48, openFiles: 24 }), {
      jobs: 8,
      memoryPerJob: GiB,
      modules: 40,
    })
    expect(lowered.jobs).toBe(2)
    expect(lowered.explanation).toMatch(/^2 jobs \(requested 8, lowered to fit the open-file limit\)/)
  })

  it('reads ulimit -n as a number, and unlimited or garbage as none', () => {
    expect(parseOpenFileLimit('1024\n')).toBe(1024)
    expect(parseOpenFileLimit('unlimited\n')).toBeNull()
    expect(parseOpenFileLimit('')).toBeNull()
    expect(parseOpenFileLimit('12abc')).toBeNull()
  })
})
