import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import { testPython } from './support/python.js'
import { runAction } from './support/run-action.js'
import { cleanEnv, runNode } from './support/run-node.js'

/** The report never costs the user a file, and a report problem never turns a green build red. */
const roots: string[] = []
afterAll(() => roots.forEach(r => fs.rmSync(r, { recursive: true, force: true })))

const SOURCE = 'def check():\n    return 3\n'

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-report-'))
  roots.push(dir)
  fs.mkdirSync(path.join(dir, 'pkg'))
  fs.writeFileSync(path.join(dir, 'pkg/m000.pyx'), SOURCE)
  return dir
}

const cli = (dir: string, report: string) =>
  runNode(path.resolve('dist/cli.js'), ['--python', testPython(), '--no-cache', '-C', dir, '--report', report], { env: cleanEnv() })

/** Every `*.tmp` under dir: a half-written report left behind. */
function leftovers(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter(f => f.endsWith('.tmp'))
}

describe('report in the local command', () => {
  it('never replaces a source named as the report: a warning naming report, the build stays green', async () => {
    const dir = project()
    const r = await cli(dir, 'pkg/m000.pyx')
    expect(r.code).toBe(0)
    expect(fs.readFileSync(path.join(dir, 'pkg/m000.pyx'), 'utf8')).toBe(SOURCE)
    expect(r.stderr).toMatch(/^warning: report: not written, .*pkg\/m000\.pyx exists and is not a cython-fanout report/m)
    expect(leftovers(dir)).toEqual([])
  }, 120_000)

  it('treats a directory named as the report as a warning, and leaves no temporary file', async () => {
    const dir = project()
    fs.mkdirSync(path.join(dir, 'out'))
    const r = await cli(dir, 'out')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^warning: report: not written, .*out is a directory/m)
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual([])
    expect(leftovers(dir)).toEqual([])
  }, 120_000)

  it('turns a report that cannot be written (its parent is a file) into a warning', async () => {
    const dir = project()
    const r = await cli(dir, 'pkg/m000.pyx/report.json')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^warning: report: not written, .*m000\.pyx\/report\.json cannot be checked \(ENOTDIR\)/m)
    expect(leftovers(dir)).toEqual([])
  }, 120_000)

  it('replaces its own earlier report, which it recognises by the generator field', async () => {
    const dir = project()
    expect((await cli(dir, 'report.json')).code).toBe(0)
    const first = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'))
    expect(first.generator).toBe('cython-fanout')
    const r = await cli(dir, 'report.json')
    expect(r.stderr).not.toContain('warning: report')
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).startedAt).not.toBe(first.startedAt)
  }, 120_000)
})

describe('report in the action', () => {
  it.each([
    ['a source', 'pkg/m000.pyx', /report: not written, .*is not a cython-fanout report/],
    ['a directory', 'pkg', /report: not written, .*pkg is a directory/],
  ])(
    'naming %s: a warning, the source kept, a green build, no temporary file',
    async (_what, report, warning) => {
      const dir = project()
      const run = await runAction(dir, { python: testPython(), cache: 'false', report })
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(new RegExp(`^::warning::${warning.source}`, 'm'))
      expect(run.stdout).not.toContain('::error')
      expect(fs.readFileSync(path.join(dir, 'pkg/m000.pyx'), 'utf8')).toBe(SOURCE)
      expect(run.outputs.built).toBe('1')
      expect(run.outputs.report).toBe('')
      expect(leftovers(dir)).toEqual([])
    },
    120_000,
  )
})
