import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

// plain JavaScript without type declarations: imported through a variable so TypeScript treats them as `any`
const load = (file: string) => import(path.resolve('bench', file))
const measure = await load('measure.mjs')
const tools = await load('tools.mjs')
const run = await load('run.mjs')
const results = await load('results.mjs')

const made: string[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-runner-'))
  made.push(dir)
  return dir
}
afterAll(() => made.forEach(d => fs.rmSync(d, { recursive: true, force: true })))

/** Everything bench/RESULTS.md renders from, with nothing measured. */
function minimalResults() {
  const empty = { fanout: [], cythonize: [], build_ext: [] }
  return {
    config: {
      tools: ['fanout', 'cythonize', 'build_ext'],
      jobs: 2,
      runs: 5,
      modules: 120,
      seed: 1,
      heavyScale: 1,
      python: 'py',
      limits: {},
      argv: [],
    },
    machine: { cpu: 'x', logicalCpus: 2, availableParallelism: 2, memoryGiB: 4, os: 'Linux', loadAverage: '1' },
    versions: {
      node: 'v20',
      python: '3.11',
      executable: 'py',
      cython: '0.29',
      setuptools: '66',
      cc: 'gcc',
      compilerVersion: 'gcc 12',
      cflags: '-O2',
    },
    corpus: { moduleCount: 120, counts: {}, edits: { pyx: { path: 'a.pyx' }, pxd: { path: 'b.pxd', dependents: 84 } } },
    runs: { cold: empty, fresh: empty, touched: empty, editPyx: empty, editPxd: empty },
    lowerBound: null,
    overhead: null,
  }
}

describe('bench runner: options', () => {
  it('defaults to the full benchmark and shrinks everything for --smoke', () => {
    const full = run.parseOptions([])
    expect(full).toMatchObject({ modules: 120, runs: 5, jobs: 2, heavyScale: 1, tools: ['fanout', 'cythonize', 'build_ext'] })
    expect(full.results).toBe(path.resolve('bench/RESULTS.md'))
    const smoke = run.parseOptions(['--smoke', '--jobs', '3'])
    expect(smoke).toMatchObject({ modules: 8, runs: 1, jobs: 3, heavyScale: 0.1 })
    expect(smoke.results.startsWith(path.resolve('bench/work'))).toBe(true)
  })

  it('rejects bad values in one line naming the option', () => {
    expect(() => run.parseOptions(['--runs', '0'])).toThrow('--runs 0: expected an integer >= 1')
    expect(() => run.parseOptions(['--tools', 'fanout,make'])).toThrow(/--tools fanout,make: expected .*fanout, cythonize, build_ext/)
    expect(() => run.parseOptions(['--tools', 'fanout,fanout'])).toThrow(/distinct/)
    expect(() => run.parseOptions(['--only', 'builds'])).toThrow('--only builds: expected overhead')
    expect(() => run.parseOptions(['--only', 'overhead', '--tools', 'cythonize'])).toThrow(/--only overhead measures cython-fanout/)
  })

  it('runs the overhead alone in its own work dir, never writing bench/RESULTS.md', () => {
    const only = run.parseOptions(['--only', 'overhead', '--runs', '5'])
    expect(only).toMatchObject({ only: 'overhead', runs: 5, overheadModules: 1000, work: path.resolve('bench/work/overhead') })
    expect(only.results).toBe(path.resolve('bench/work/overhead/RESULTS-overhead.md'))
    expect(run.parseOptions(['--only', 'overhead', '--smoke']).overheadModules).toBe(100)
    expect(run.parseOptions([]).only).toBeNull()
  })

  it('parses --limit for the rows that can be cut, in one line naming the forms', () => {
    expect(run.parseOptions([]).limits).toEqual({})
    expect(run.parseOptions(['--limit', 'touched=0, editPxd=1']).limits).toEqual({ touched: 0, editPxd: 1 })
    const forms = /--limit .*: expected SCENARIO=RUNS\[,\.\.\.\] with SCENARIO one of touched, editPyx, editPxd$/
    for (const bad of ['cold=1', 'fresh=2', 'touched', 'touched=-1', 'touched=x', '']) {
      expect(() => run.parseOptions(['--limit', bad])).toThrow(forms)
    }
  })

  it("always measures cython-fanout, repeats the others' cold build as their fresh checkout, and honours --limit", () => {
    const limits = { touched: 0, editPxd: 1 }
    expect(['cold', 'fresh', 'touched', 'editPyx', 'editPxd'].map(s => run.stepKind(s, 'fanout', 3, limits))).toEqual(
      Array(5).fill('measure'),
    )
    expect(run.stepKind('fresh', 'cythonize', 0, {})).toBe('cold')
    expect(run.stepKind('cold', 'build_ext', 4, limits)).toBe('measure')
    expect(run.stepKind('touched', 'cythonize', 0, limits)).toBe('skip')
    expect(run.stepKind('editPxd', 'cythonize', 0, limits)).toBe('measure')
    expect(run.stepKind('editPxd', 'build_ext', 1, limits)).toBe('skip')
    expect(run.stepKind('editPyx', 'build_ext', 4, limits)).toBe('measure')
  })
})

describe('bench runner: measurement', () => {
  it('rotates the tool order run by run', () => {
    const ids = ['a', 'b', 'c']
    expect([0, 1, 2, 3].map(r => measure.rotation(ids, r).join(''))).toEqual(['abc', 'bca', 'cab', 'abc'])
  })

  it('summarises as median and spread', () => {
    expect(measure.summarise([5, 1, 3, 100])).toEqual({ median: 4, min: 1, max: 100, n: 4 })
    expect(measure.summarise([])).toBeNull()
  })

  it('takes the lower bound as max(sum / jobs, longest module)', () => {
    const rows = [
      { name: 'a', cython: 1, compile: 3 },
      { name: 'b', cython: 0.5, compile: 1.5 },
      { name: 'c', cython: 0, compile: 2 },
    ]
    expect(run.lowerBoundOf(rows, 2)).toMatchObject({ sum: 8, bound: 4, longest: { name: 'a', seconds: 4 } })
    expect(run.lowerBoundOf([...rows, { name: 'big', cython: 1, compile: 20 }], 2).bound).toBe(21)
  })

  it('counts rewritten extension files and leaves outputs alone when touching sources', async () => {
    const dir = tempDir()
    const so = path.join(dir, 'm.cpython-311-x86_64-linux-gnu.so')
    const pyx = path.join(dir, 'm.pyx')
    fs.writeFileSync(so, 'x')
    fs.writeFileSync(pyx, 'def check(): return 1\n')
    const old = new Date(Date.now() - 60_000)
    fs.utimesSync(so, old, old)
    fs.utimesSync(pyx, old, old)
    const before = measure.builtFiles(dir)
    measure.touchSources(dir)
    expect(fs.statSync(pyx).mtimeMs).toBeGreaterThan(fs.statSync(so).mtimeMs)
    expect(measure.countRewritten(before, measure.builtFiles(dir))).toBe(0)
    fs.writeFileSync(path.join(dir, 'n.cpython-311-x86_64-linux-gnu.so'), 'y')
    fs.writeFileSync(so, 'xx')
    expect(measure.countRewritten(before, measure.builtFiles(dir))).toBe(2)
  })

  it('times a real process and reports a failure with its log', async () => {
    const dir = tempDir()
    const ok = await measure.timedOk({
      cmd: process.execPath,
      args: ['-e', 'setTimeout(() => {}, 200)'],
      cwd: dir,
      log: path.join(dir, 'ok.log'),
    })
    expect(ok.seconds).toBeGreaterThanOrEqual(0.2)
    const fail = measure.timedOk({
      cmd: process.execPath,
      args: ['-e', 'console.error("boom"); process.exit(3)'],
      cwd: dir,
      log: path.join(dir, 'f.log'),
      what: 'demo',
    })
    await expect(fail).rejects.toThrow(/demo failed \(exit 3\)[\s\S]*boom/)
  })
})

describe('bench runner: reading cython-fanout output', () => {
  it("counts statuses from the report's module list", () => {
    const file = path.join(tempDir(), 'report.json')
    const modules = [{ status: 'built' }, { status: 'cached' }, { status: 'cached' }]
    fs.writeFileSync(file, JSON.stringify({ counts: { total: 3 }, modules, parallelism: { limits: [{ name: 'cpu' }] } }))
    expect(tools.reportStatuses(file)).toEqual({ built: 1, cached: 2 })
    fs.writeFileSync(file, 'not json')
    expect(tools.reportStatuses(file)).toBeNull()
  })

  it('sums the time of the modules it built, from the report', () => {
    const file = path.join(tempDir(), 'report.json')
    const modules = [
      { status: 'built', durationsMs: { total: 1500 } },
      { status: 'cached', durationsMs: { total: 9 } },
      { status: 'built', durationsMs: { total: 2500 } },
    ]
    fs.writeFileSync(file, JSON.stringify({ modules }))
    expect(tools.reportModuleSeconds(file)).toBe(4)
    fs.writeFileSync(file, JSON.stringify({ modules: [{ status: 'cached', durationsMs: { total: 9 } }] }))
    expect(tools.reportModuleSeconds(file)).toBeNull()
  })

  it("reads the engine's own timings from a dry-run plan", () => {
    const plan = JSON.stringify({ modules: [], timings: { toolchainMs: 420, planMs: 120, fingerprintMs: 230 } })
    expect(run.engineTimings(plan)).toEqual({ toolchainMs: 420, planMs: 120, fingerprintMs: 230, engineMs: 350 })
    expect(run.engineTimings(JSON.stringify({ modules: [] }))).toBeNull()
    expect(run.engineTimings('not json')).toBeNull()
  })

  it('combines the lower bound measured before and after the runs, module by module', () => {
    const before = [
      { name: 'a', cython: 1, compile: 9 },
      { name: 'b', cython: 1, compile: 3 },
    ]
    const after = [
      { name: 'a', cython: 1, compile: 11 },
      { name: 'b', cython: 1, compile: 5 },
    ]
    const lb = run.combinedLowerBound([before, after], 2)
    expect(lb).toMatchObject({ jobs: 2, sum: 16, cython: 2, bound: 11, longest: { name: 'a', seconds: 11 } })
    expect(lb.measurements).toEqual([
      { sum: 14, bound: 10 },
      { sum: 18, bound: 12 },
    ])
    const text = results.renderMarkdown({ ...minimalResults(), lowerBound: lb })
    expect(text).toContain(
      "- measured before and after the runs (the host's speed drifts): serial sums 14.00 s and 18.00 s; the bound uses each module's mean",
    )
  })

  it('counts the modules of a dry-run plan', () => {
    expect(tools.planSize(JSON.stringify({ jobs: 2, modules: [1, 2, 3], limits: [[1], [2], [3], [4]] }))).toBe(3)
    expect(tools.planSize(JSON.stringify({ jobs: 2 }))).toBeNull()
    expect(tools.planSize('oops')).toBeNull()
  })
})

describe('bench runner: targets', () => {
  const entry = (seconds: number, built?: number) => ({ seconds, rewritten: built ?? 0, statuses: built === undefined ? null : { built } })
  const base = {
    config: { tools: ['fanout', 'cythonize', 'build_ext'], jobs: 2 },
    lowerBound: { bound: 10 },
    overhead: { modules: 1000, seconds: [1.3, 1.4, 1.35], engineMs: [300, 420, 350] },
    runs: {
      cold: { fanout: [entry(10.5)], cythonize: [entry(20)], build_ext: [entry(25)] },
      fresh: { fanout: [entry(0.5)], cythonize: [entry(20)], build_ext: [entry(25)] },
      touched: { fanout: [], cythonize: [], build_ext: [] },
      editPyx: { fanout: [entry(1, 1), entry(1, 1)], cythonize: [], build_ext: [] },
      editPxd: { fanout: [], cythonize: [], build_ext: [] },
    },
  }

  it('judges each target from the medians', () => {
    const verdicts = results.targets(base).map((t: { status: string }) => t.status)
    expect(verdicts).toEqual(['met', 'met', 'met', 'met', 'met'])
  })

  it("judges the overhead on the engine's own time, showing the wall time beside it", () => {
    expect(results.overheadTarget(base.overhead)).toEqual({
      target: 'engine overhead for 1000 modules < 0.5 s',
      value: '0.350 s (wall 1.350 s)',
      status: 'met',
    })
    expect(results.overheadTarget({ ...base.overhead, engineMs: [600, 520, 700] }).status).toBe('NOT met')
    expect(results.overheadTarget({ modules: 1000, seconds: [0.2] }).status).toBe('not measured')
    const markdown = results.renderOverheadMarkdown({
      config: { argv: ['--only', 'overhead'] },
      machine: { cpu: 'x', logicalCpus: 2, availableParallelism: 2, memoryGiB: 4, os: 'Linux', loadAverage: '1' },
      versions: {
        node: 'v20',
        python: '3.11',
        executable: 'py',
        cython: '0.29',
        setuptools: '66',
        cc: 'gcc',
        compilerVersion: 'gcc 12',
        cflags: '-O2',
      },
      overhead: {
        ...base.overhead,
        planMs: [100, 120, 110],
        fingerprintMs: [200, 300, 240],
        toolchainMs: [400, 420, 410],
        planned: 1000,
        command: 'node dist/cli.js --dry-run',
      },
    })
    expect(markdown).toContain('| engine overhead for 1000 modules < 0.5 s | 0.350 s (wall 1.350 s) | met |')
    expect(markdown).toContain('**engine overhead: 350 ms (300-420)** (plan 110 ms (100-120), fingerprint 240 ms (200-300))')
    expect(markdown).toMatch(/loading dist\/cli\.js,\s+one Python start-up/)
  })

  it('shows each figure with its spread and the number of runs behind it', () => {
    const table = results.renderTable({
      ...base,
      lowerBound: null,
      runs: { ...base.runs, cold: { ...base.runs.cold, fanout: [entry(10.5), entry(9), entry(12)] } },
    })
    expect(table).toMatch(/cold build \(empty cache\)\s+10\.5 s \(9\.0-12\.0, n=3\) \[0\]\s+20\.0 s \(n=1\) \[0\]/)
    expect(table).toMatch(/outputs kept, sources touched \(bonus\)\s+n\/a \[n\/a\]/)
  })

  it("splits the cold build's distance from the lower bound into packing and per-module slowdown", () => {
    const lb = { jobs: 2, sum: 100, bound: 50, cython: 10, compile: 90, longest: { name: 'm', seconds: 5 }, slowest: [] }
    const cold = {
      fanout: [
        { seconds: 60, moduleSeconds: 115 },
        { seconds: 58, moduleSeconds: 112 },
        { seconds: 70, moduleSeconds: null },
      ],
    }
    const b = results.coldBreakdown({ lowerBound: lb, runs: { cold } })
    expect(b.packing.n).toBe(2)
    expect(b.packing.median).toBeCloseTo((60 / 57.5 + 58 / 56) / 2)
    expect(b.slowdown.median).toBeCloseTo(1.135)
    expect(results.coldBreakdown({ lowerBound: lb, runs: { cold: { fanout: [{ seconds: 60 }] } } })).toBeNull()
    const table = results.renderTable({ ...base, lowerBound: lb, runs: { ...base.runs, cold: { ...base.runs.cold, ...cold } } })
    expect(table).toMatch(/- slowdown: summed module time in the parallel build \/ the serial sum = 1\.135x \(1\.120-1\.150\)/)
  })

  it('says which rows --limit measured fewer times, and nothing when none', () => {
    expect(results.limitsText({ runs: 5, limits: {} })).toEqual([])
    expect(results.limitsText({ runs: 1, limits: { editPxd: 1 } })).toEqual([])
    const text = results.limitsText({ runs: 5, limits: { touched: 0, editPxd: 1 } }).join('\n')
    expect(text).toContain(
      'measured in "outputs kept, sources touched (bonus)" in no run and "widely cimported .pxd edited" in the first run only',
    )
  })

  it('says NOT met and not measured where they apply', () => {
    const worse = structuredClone(base)
    worse.runs.cold.fanout = [entry(19)]
    worse.runs.editPyx.fanout = [entry(1, 1), entry(5, 8)]
    worse.overhead = null as never
    const t = results.targets(worse)
    expect(t.map((x: { status: string }) => x.status)).toEqual(['NOT met', 'NOT met', 'met', 'NOT met', 'not measured'])
    expect(t[3].value).toBe('1/8')
  })
})

describe('the scale row', () => {
  it('generates N modules with a manifest of what each check() returns', async () => {
    const scale = await load('scale.mjs')
    const dir = tempDir()
    expect(scale.generateScaleTree(dir, 5)).toBe(5)
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'bench-manifest.json'), 'utf8'))
    expect(manifest.modules.map((m: { name: string; expected: number }) => [m.name, m.expected])).toEqual([
      ['scalepkg.common', 0],
      ['scalepkg.m0000', 1],
      ['scalepkg.m0001', 2],
      ['scalepkg.m0002', 3],
      ['scalepkg.m0003', 4],
    ])
    expect(fs.readFileSync(path.join(dir, 'scalepkg/m0003.pyx'), 'utf8')).toContain('return base(3)')
  })

  it('reports wall times against the lower bound and cythonize', () => {
    const row = results.scaleRows({
      modules: 1000,
      jobs: 2,
      tools: { fanout: { seconds: 300 }, cythonize: { seconds: 400 } },
      lowerBound: { bound: 250 },
    })
    expect(row).toEqual([['cold, 1000 modules, -j 2', '300.0 s', '400.0 s', '250.0 s', '1.200x', '0.750x']])
    expect(results.scaleRows({ modules: 10, jobs: 2, tools: { fanout: { seconds: 3 } }, lowerBound: null })[0].slice(2)).toEqual([
      'not measured',
      'not measured',
      'n/a',
      'n/a',
    ])
  })

  it('--only scale and --scale-modules are accepted; a bad count is refused', () => {
    expect(run.parseOptions(['--only', 'scale', '--scale-modules', '50'])).toMatchObject({ only: 'scale', scaleModules: 50 })
    expect(run.parseOptions(['--smoke']).scaleModules).toBe(1000)
    expect(() => run.parseOptions(['--scale-modules', '2'])).toThrow('--scale-modules 2: expected an integer >= 4')
  })
})
