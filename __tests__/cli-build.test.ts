import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { beforeAll, describe, expect, it } from '@jest/globals'

import { type FixtureModule, writeFixtureTree } from './support/fixture-tree.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode, type RunResult } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')

describe('npx cython-fanout on a 10-module tree', () => {
  let dir: string
  let modules: FixtureModule[]
  let run: RunResult

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-cli-'))
    modules = writeFixtureTree(dir, 10)
    run = await runNode(
      CLI,
      ['-C', dir, '--python', testPython(), '--jobs', 'auto', '--no-cache', '--report', 'out/report.json', '**/*.pyx', 'fx/native.c'],
      { env: cleanEnv() },
    )
  }, 600_000)

  it('builds every module in place, and each imports and works', () => {
    expect(run.stderr).toContain('10 built, 0 from cache, 0 failed of 10 modules')
    expect(run.code).toBe(0)
    const results = importAndCall(
      dir,
      modules.map(m => m.name),
    )
    for (const m of modules) expect([m.name, results[m.name]]).toEqual([m.name, m.expected])
  })

  it('shows progress as one line per finished module', () => {
    const lines = run.stderr.split('\n').filter(l => /^\[\s*\d+\/10\] /.test(l))
    expect(lines).toHaveLength(10)
    expect(lines[9]).toMatch(/^\[10\/10\] fx\.\S+ {2}built in \d+\.\d s$/)
  })

  it('writes the report with one entry per module', () => {
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'out/report.json'), 'utf8'))
    expect(report.counts).toMatchObject({ total: 10, built: 10, failed: 0 })
    expect(report.modules).toHaveLength(10)
    const native = report.modules.find((m: { module: string }) => m.module === 'fx.native')
    expect(native).toMatchObject({ source: 'fx/native.c', status: 'built', generated: null })
    expect(native.output).toMatch(/^fx\/native\..*\.so$/)
    expect(report.jobs).toBeGreaterThanOrEqual(1)
  })

  it('leaves no staging directory or temporary file behind', () => {
    const leftovers = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter(f => /cython-fanout-tmp|\.tmp$/.test(f))
    expect(leftovers).toEqual([])
  })
})

describe('the local command as a command-line tool', () => {
  const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'cf-cli-'))

  it('--help prints the usage and exits 0', async () => {
    const r = await runNode(CLI, ['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: cython-fanout \[options\] \[SOURCES\.\.\.\]/)
    expect(r.stdout).toContain('--working-directory')
  })

  it.each([
    [['--jobs', '0'], 'cython-fanout: Invalid jobs "0": expected "auto" or a positive whole number such as 4'],
    [['--jobs', '1.5'], 'cython-fanout: Invalid jobs "1.5": expected "auto" or a positive whole number such as 4'],
    [['--bogus'], "cython-fanout: Unknown option '--bogus'"],
    [['--memory-per-job', 'lots'], 'cython-fanout: Invalid memory-per-job "lots"'],
    [['--cython-args=-X "open'], 'cython-fanout: Invalid cython-args: unclosed " quote'],
    // A value starting with a dash is taken (`--cython-args -3`); a missing value is still bad usage.
    [['--cython-args'], "cython-fanout: Option '--cython-args <value>' argument missing"],
  ])('bad usage %j exits 2 with one line', async (args, message) => {
    const r = await runNode(CLI, args)
    expect(r.code).toBe(2)
    expect(r.stderr.startsWith(message)).toBe(true)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('says which Python was not found', async () => {
    const r = await runNode(CLI, ['-C', tmp(), '--python', '/nonexistent/python3.99'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Python not found: tried /nonexistent/python3.99 on PATH')
  })

  it('says when the Python has no Cython, and which interpreter here has it', async () => {
    const venv = path.join(tmp(), 'venv')
    execFileSync(testPython(), ['-m', 'venv', '--without-pip', venv])
    const python = path.join(venv, 'bin', 'python')
    const dir = tmp()
    fs.writeFileSync(path.join(dir, 'a.pyx'), 'def f():\n    return 1\n')
    const r = await runNode(CLI, ['-C', dir, '--python', python])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      new RegExp(
        `^cython-fanout: Cython is not installed for ${python} \\(Python [\\d.]+\\): install it with "${python} -m pip install cython", or build for \\S+, which has Cython`,
      ),
    )
  })

  it('says when sources match nothing', async () => {
    const r = await runNode(CLI, ['-C', tmp(), '--python', testPython(), 'src/**/*.pyx'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('No source files matched sources (src/**/*.pyx)')
  })

  it('--dry-run prints the plan as JSON on stdout and builds nothing', async () => {
    const dir = tmp()
    writeFixtureTree(dir, 6)
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--dry-run'])
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout)
    expect(plan.jobs).toBeGreaterThanOrEqual(1)
    expect(Array.isArray(plan.limits)).toBe(true)
    expect(plan.modules.map((m: { name: string }) => m.name).sort()).toEqual([
      'fx.core.base',
      'fx.core.layer',
      'fx.extra.m0',
      'fx.m1',
      'fx.m2',
    ])
    expect(
      fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter(f => f.endsWith('.so')),
    ).toEqual([])
  })
})

describe('--dry-run --host-facts: what a runner we do not have would get', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-whatif-'))
  writeFixtureTree(dir, 71) // 70 .pyx modules: more than any of these runners' safe job count except the 96-core one

  it.each([
    ['ubuntu-4cpu.json', 4, /^4 jobs: 4 usable CPUs; memory .* per job = \d+; 70 modules to build$/],
    ['windows-96cpu.json', 61, /^61 jobs: 96 usable CPUs; memory .*; 70 modules to build; Windows cap 61$/],
    [
      'k8s-pod-2cpu-quota.json',
      2,
      /^2 jobs: 2 usable CPUs \(cgroup quota 2 of 64 host CPUs\); memory 4 GiB \(cgroup limit\) \/ 1\.5 GiB per job = 2; 70 modules to build$/,
    ],
    ['macos-arm64.json', 2, /^2 jobs: 3 usable CPUs; memory .* \/ 1\.5 GiB per job = 2; 70 modules to build$/],
  ])('%s -> %i jobs, with the reasons', async (file, jobs, explanation) => {
    const r = await runNode(CLI, [
      '-C',
      dir,
      '--python',
      testPython(),
      '--dry-run',
      '--host-facts',
      path.resolve('examples/host-facts', file),
    ])
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout)
    expect(plan.jobs).toBe(jobs)
    expect(plan.explanation).toMatch(explanation)
    expect(plan.limits.map((l: { name: string }) => l.name)).toEqual(expect.arrayContaining(['cpu', 'memory', 'modules']))
    expect(plan.modules).toHaveLength(70)
  })

  it('refuses --host-facts without --dry-run, and a bad facts file, in one line each', async () => {
    const bad = path.join(dir, 'bad-facts.json')
    fs.writeFileSync(bad, JSON.stringify({ platform: 'windows', logicalCpus: 4 }))
    const noDry = await runNode(CLI, ['-C', dir, '--host-facts', bad])
    expect(noDry.code).toBe(2)
    expect(noDry.stderr).toBe('cython-fanout: --host-facts describes another runner, so it only works with --dry-run\n')
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--dry-run', '--host-facts', bad])
    expect(r.code).toBe(2) // bad usage, as the help promises
    expect(r.stderr.trim().split('\n').pop()).toMatch(/^cython-fanout: .*bad-facts\.json.*platform/)
  })
})
