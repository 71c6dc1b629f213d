import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import type { BuildOutcome } from '../src/engine/build-outcome.js'
import type { ModuleResult } from '../src/pool/module-result.js'
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../src/report/job-summary.js'
import { testPython } from './support/python.js'
import { runAction } from './support/run-action.js'

/** 2,000 modules failing in Cython, each with 20 error lines in its log (multi-byte text included). */
function failingResults(count: number): ModuleResult[] {
  return Array.from({ length: count }, (_, i) => {
    const source = `pkg/sub_${i}/módulo_${i}.pyx`
    const lines = Array.from({ length: 20 }, (_, l) => `${source}:${l + 1}:4: Cannot convert 'ñandú <${'x'.repeat(60)}>' to Python object`)
    return {
      module: {
        name: `pkg.sub_${i}.módulo_${i}`,
        source,
        kind: 'cython',
        language: 'c',
        generated: source.replace(/\.pyx$/, '.c'),
        output: '',
        size: 0,
        directives: {},
      },
      status: 'failed',
      phase: 'cython',
      exitCode: 1,
      reason: 'cython, exit 1',
      durations: { cython: 300, total: 310 },
      output: `Error compiling Cython file:\n${lines.join('\n')}\n`,
      diagnostics: [
        { file: source, line: 1, column: 4, severity: 'error', message: `Cannot convert 'ñandú' ${'y'.repeat(900)}`, tool: 'cython' },
      ],
    } as unknown as ModuleResult
  })
}

function outcome(results: ModuleResult[]): BuildOutcome {
  return {
    results,
    decision: { jobs: 2, requested: 'auto', limits: [], explanation: '2 jobs: 2 usable CPUs', lowered: false },
    toolchain: { version: '3.11.2', cython: { version: '0.29.32' }, compilerVersion: 'gcc 12' },
    workingDirectory: '/w',
    startedAt: new Date(0),
    durationMs: 1000,
    cancelled: false,
    cache: { enabled: false, dir: '', cached: 0, corrupt: 0 },
  } as unknown as BuildOutcome
}

describe('the job summary stays under GitHub’s 1 MiB', () => {
  it('counts the failure table too, and says how many failures only the report holds', () => {
    const text = renderSummary(outcome(failingResults(2000)))
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_LIMIT_BYTES)
    const rows = text.split('\n').filter(l => l.startsWith('| `pkg/')).length
    const note = /^(\d+) more failures in the report/m.exec(text)
    expect(note).not.toBeNull()
    expect(rows + Number(note?.[1])).toBe(2000)
    expect(rows).toBeGreaterThan(100)
  })

  it('keeps everything for a handful of failures', () => {
    const text = renderSummary(outcome(failingResults(5)))
    expect(text.split('\n').filter(l => l.startsWith('| `pkg/'))).toHaveLength(5)
    expect(text).not.toContain('more failures in the report')
    expect(text.match(/<details>/g)).toHaveLength(5)
  })
})

describe('a real failing build', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-summary-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('puts the failure in the table and its log in the summary, with no note', async () => {
    fs.writeFileSync(path.join(dir, 'ok.pyx'), 'def check():\n    return 1\n')
    fs.writeFileSync(path.join(dir, 'bad.pyx'), 'def f(:\n    pass\n')
    const run = await runAction(dir, { python: testPython(), cache: 'false' })
    expect(run.code).toBe(1)
    expect(run.summary).toMatch(/^\| `bad\.pyx` \| cython, exit 1 \|/m)
    expect(run.summary).toContain('<details><summary>bad.pyx: cython, exit 1</summary>')
    expect(run.summary).not.toContain('more failures in the report')
    expect(Buffer.byteLength(run.summary)).toBeLessThan(SUMMARY_LIMIT_BYTES)
  }, 120_000)
})
