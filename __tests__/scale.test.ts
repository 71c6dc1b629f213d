import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

/**
 * Correct at any size: past the points where a Cython worker is replaced (every 100 requests per slot), every
 * module must get its own answer. Real Cython, real gcc (at -O0: the point is the count, not the optimiser), and
 * Python imports every module.
 */
const CLI = path.resolve('dist/cli.js')

interface ReportEntry {
  module: string
  source: string
  status: string
  reason: string | null
  signal: string | null
  diagnostics: Array<{ file: string; message: string }>
}

/** `pkg/common.pxd` cimported by `count` modules; `broken(i)` makes module i fail in Cython naming itself. */
function scaleTree(count: number, broken: (i: number) => boolean = () => false): { dir: string; names: string[] } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-scale-')))
  fs.mkdirSync(path.join(dir, 'pkg'))
  fs.writeFileSync(path.join(dir, 'pkg/__init__.py'), '')
  fs.writeFileSync(path.join(dir, 'pkg/common.pxd'), 'cdef int base(int x)\n')
  fs.writeFileSync(
    path.join(dir, 'pkg/common.pyx'),
    '# cython: language_level=3\ncdef int base(int x):\n    return x + 1\n\ndef check():\n    return base(-1)\n',
  )
  const names = ['pkg.common']
  for (let i = 0; i < count - 1; i++) {
    const name = `m${String(i).padStart(4, '0')}`
    const value = broken(i) ? `undeclared_in_${name}` : String(i)
    fs.writeFileSync(
      path.join(dir, `pkg/${name}.pyx`),
      `# cython: language_level=3\nfrom pkg.common cimport base\n\ndef check():\n    return base(${value})\n`,
    )
    names.push(`pkg.${name}`)
  }
  return { dir, names }
}

async function build(dir: string, jobs: number): Promise<{ code: number | null; stderr: string; modules: ReportEntry[] }> {
  const report = path.join(dir, 'report.json')
  const args = [
    '-C',
    dir,
    '--python',
    testPython(),
    '--jobs',
    String(jobs),
    '--no-cache',
    '--compile-args=-O0',
    '--report',
    report,
    'pkg/**/*.pyx',
  ]
  const r = await runNode(CLI, args, { env: cleanEnv() })
  return { code: r.code, stderr: r.stderr, modules: JSON.parse(fs.readFileSync(report, 'utf8')).modules }
}

describe('a build of hundreds of modules', () => {
  it('250 modules with --jobs 1 cross every worker replacement twice: all built once, all import', async () => {
    const { dir, names } = scaleTree(250)
    const r = await build(dir, 1)
    expect(r.stderr).toContain('250 built, 0 from cache, 0 failed of 250 modules')
    expect(r.code).toBe(0)
    expect(r.modules).toHaveLength(250)
    expect(r.modules.filter(m => m.status !== 'built' || m.reason !== null || m.signal !== null)).toEqual([])
    const values = importAndCall(dir, names)
    expect(values['pkg.common']).toBe(0)
    names.slice(1).forEach((name, i) => expect([name, values[name]]).toEqual([name, i + 1]))
  }, 600_000)

  it('210 modules failing in Cython: each report entry holds only its own errors, and no false reason', async () => {
    const { dir, names } = scaleTree(211, () => true)
    const r = await build(dir, 2)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('210 of 211 modules failed')
    const failed = r.modules.filter(m => m.status === 'failed')
    expect(failed).toHaveLength(210)
    for (const entry of failed) {
      const own = path.basename(entry.source, '.pyx')
      expect([entry.module, entry.reason, entry.signal]).toEqual([entry.module, 'cython, exit 1', null])
      expect(entry.diagnostics.length).toBeGreaterThan(0)
      // Every diagnostic is on this module's own source and names this module's own undeclared name.
      expect(entry.diagnostics.filter(d => d.file !== entry.source)).toEqual([])
      expect(entry.diagnostics.filter(d => d.message.includes('undeclared_in_') && !d.message.includes(`undeclared_in_${own}`))).toEqual([])
    }
    expect(r.modules.find(m => m.module === 'pkg.common')?.status).toBe('built')
    expect(names).toHaveLength(211)
  }, 600_000)
})
