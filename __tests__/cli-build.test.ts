import { beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { writeFixtureTree, type FixtureModule } from './support/fixture-tree.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode, type RunResult } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')

describe('npx cython-fanout on a 50-module tree', () => {
  let dir: string
  let modules: FixtureModule[]
  let run: RunResult

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-cli-'))
    modules = writeFixtureTree(dir, 50)
    run = await runNode(CLI, ['-C', dir, '--python', testPython(), '--jobs', 'auto', '--no-cache', '--report', 'out/report.json', '**/*.pyx', 'fx/native.c'], { env: cleanEnv() })
  }, 600_000)

  it('builds every module in place, and each imports and works', () => {
    expect(run.stderr).toContain('50 built, 0 from cache, 0 failed of 50 modules')
    expect(run.code).toBe(0)
    const results = importAndCall(dir, modules.map(m => m.name))
    for (const m of modules) expect([m.name, results[m.name]]).toEqual([m.name, m.expected])
  })

  it('shows progress as one line per finished module', () => {
    const lines = run.stderr.split('\n').filter(l => /^\[\s*\d+\/50\] /.test(l))
    expect(lines).toHaveLength(50)
    expect(lines[49]).toMatch(/^\[50\/50\] fx\.\S+ {2}built in \d+\.\d s$/)
  })

  it('writes the report with one entry per module', () => {
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'out/report.json'), 'utf8'))
    expect(report.counts).toMatchObject({ total: 50, built: 50, failed: 0 })
    expect(report.modules).toHaveLength(50)
    const native = report.modules.find((m: { module: string }) => m.module === 'fx.native')
    expect(native).toMatchObject({ source: 'fx/native.c', status: 'built', generated: null })
    expect(native.output).toMatch(/^fx\/native\..*\.so$/)
    expect(report.jobs).toBeGreaterThanOrEqual(1)
  })

  it('leaves no staging directory or temporary file behind', () => {
    const leftovers = fs.readdirSync(dir, { recursive: true }).map(String).filter(f => /cython-fanout-tmp|\.tmp$/.test(f))
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
    [['--cython-args', '-X'], "cython-fanout: Option '--cython-args' argument is ambiguous."],
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
    expect(plan.modules.map((m: { name: string }) => m.name).sort()).toEqual(['fx.core.base', 'fx.core.layer', 'fx.extra.m0', 'fx.m1', 'fx.m2'])
    expect(fs.readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith('.so'))).toEqual([])
  })
})
