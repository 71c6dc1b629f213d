import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { beforeAll, describe, expect, it } from '@jest/globals'

import { type FixtureModule, writeFixtureTree } from './support/fixture-tree.js'
import { importAndCall, testPython } from './support/python.js'
import { runAction } from './support/run-action.js'

describe('dist/main.js run as the runner runs it, on a 50-module tree', () => {
  let dir: string
  let modules: FixtureModule[]
  let run: Awaited<ReturnType<typeof runAction>>

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-action-'))
    modules = writeFixtureTree(dir, 10)
    run = await runAction(dir, { sources: '**/*.pyx\nfx/native.c', python: testPython(), jobs: 'auto', cache: 'false' })
  }, 600_000)

  it('succeeds and writes jobs, built, failed and report outputs', () => {
    expect(run.stdout).not.toContain('::error')
    expect(run.code).toBe(0)
    expect(Number(run.outputs.jobs)).toBeGreaterThanOrEqual(1)
    expect(run.outputs.built).toBe('10')
    expect(run.outputs.failed).toBe('0')
    expect(run.outputs.report).toBe(path.join(run.runnerTemp, 'cython-fanout-report.json'))
    const report = JSON.parse(fs.readFileSync(run.outputs.report, 'utf8'))
    expect(report.modules).toHaveLength(10)
  })

  it('built modules that import and work', () => {
    const results = importAndCall(
      dir,
      modules.map(m => m.name),
    )
    expect(modules.filter(m => results[m.name] !== m.expected)).toEqual([])
  })

  it('prints each module in its own log group', () => {
    const groups = run.stdout.split('\n').filter(l => l.startsWith('::group::'))
    expect(groups).toHaveLength(10)
    expect(run.stdout.split('\n').filter(l => l === '::endgroup::')).toHaveLength(10)
  })

  it('writes a job summary with the counts and the parallelism decision', () => {
    expect(run.summary).toContain('## cython-fanout: 10 modules OK')
    expect(run.summary).toMatch(/\| 10 \| 0 \| 0 \| 0 \| 0 \| 10 \|/)
    expect(run.summary).toContain('**Parallelism:**')
  })
})

describe('bad input in the action', () => {
  it('fails the step with one line naming the input', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-action-'))
    const run = await runAction(dir, { jobs: 'many' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::Invalid jobs "many": expected "auto" or a positive whole number such as 4')
  })
})
