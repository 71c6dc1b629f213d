import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { beforeAll, describe, expect, it } from '@jest/globals'

import { importAndCall, testPython } from './support/python.js'
import { runAction } from './support/run-action.js'

/**
 * One run over modules with known errors beside good ones (fixtures/failing-tree). The compiler is a wrapper that
 * SIGKILLs itself on killed.c, standing in for the OOM killer. The tree sits in a sub-directory of the workspace,
 * so annotations must carry repository-relative paths.
 */
describe('a build where 6 of 9 modules fail', () => {
  let workspace: string
  let run: Awaited<ReturnType<typeof runAction>>
  let report: { counts: Record<string, number>; modules: Array<Record<string, unknown>> }

  beforeAll(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-fail-'))
    fs.cpSync('__tests__/fixtures/failing-tree', path.join(workspace, 'proj'), { recursive: true })
    const killer = path.join(workspace, 'killer-cc')
    fs.writeFileSync(killer, '#!/bin/sh\nfor a in "$@"; do case "$a" in *killed.c) kill -9 $$ ;; esac; done\nexec gcc "$@"\n', {
      mode: 0o755,
    })
    run = await runAction(workspace, { 'working-directory': 'proj', python: testPython(), cache: 'false' }, { env: { CC: killer } })
    report = JSON.parse(fs.readFileSync(run.outputs.report, 'utf8'))
  }, 300_000)

  it('fails the step with one line naming every failed module and why', () => {
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      '::error::6 of 9 modules failed: fails/bad_header.pyx (C compile, exit 1), fails/bad_include.pyx (cython, exit 1), ' +
        'fails/bad_link.pyx (link, exit 1), fails/bad_syntax.pyx (cython, exit 1), fails/bad_type.pyx (cython, exit 1), ' +
        'fails/killed.pyx (killed by SIGKILL: out of memory?)\n',
    )
    expect(run.outputs).toMatchObject({ built: '3', failed: '6' })
  })

  it('puts an error annotation on each failing line, ranked one per module first', () => {
    const errors = run.stdout.split('\n').filter(l => l.startsWith('::error '))
    const places = errors.map(l => /file=([^,:]+)(?:,line=(\d+))?(?:,col=(\d+))?/.exec(l)?.slice(1).filter(Boolean).join(':'))
    expect(places.slice(0, 6)).toEqual([
      'proj/fails/bad_header.pyx:7', // a C error in generated code, mapped back to the .pyx line
      'proj/fails/broken.pxi:2:18', // bad_include.pyx's error is in the included .pxi, reported there
      'proj/fails/bad_link.pyx', // the linker names no line
      'proj/fails/bad_syntax.pyx:3:12',
      'proj/fails/bad_type.pyx:4:18',
      'proj/fails/killed.pyx:1',
    ])
    // gcc quotes with ‘’ in a UTF-8 locale and '' in the C locale.
    expect(errors[0]).toMatch(/::expected expression before [‘']\)[’'] token$/)
    expect(errors[1]).toContain('::undeclared name not builtin: undefined_name')
    expect(errors[2]).toContain('::cannot find -lcython_fanout_no_such_lib')
    expect(errors[3]).toContain("::Expected ')', found ':'")
    expect(errors[5]).toContain('::fails.killed: killed by SIGKILL: out of memory?')
    expect(run.stdout).toContain(
      '::notice title=How to fix::Library cython_fanout_no_such_lib was not found at link time (needed by fails/bad_link.pyx)',
    )
  })

  it('writes a job summary with the failure table and each log collapsed', () => {
    expect(run.summary).toContain('## cython-fanout: 6 of 9 modules failed')
    expect(run.summary).toContain('| module | failure | time | first error at | message |')
    expect(run.summary).toMatch(
      /\| `fails\/bad_type\.pyx` \| cython, exit 1 \| [\d.]+ s \| fails\/bad_type\.pyx:4:18 \| Unicode literals do not support coercion/,
    )
    expect(run.summary).toMatch(
      /\| `fails\/killed\.pyx` \| killed by SIGKILL: out of memory\? \| [\d.]+ s \| {2}\| killed by SIGKILL: out of memory\? \|/,
    )
    expect(run.summary.match(/<details><summary>/g)).toHaveLength(6)
    // the missing library is the build's setup, not the code: the summary says how to fix it
    expect(run.summary).toContain(
      '### How to fix\n\n- Library cython_fanout_no_such_lib was not found at link time (needed by fails/bad_link.pyx): install it',
    )
    // Logs are HTML-escaped: no raw `<` inside a <pre> block (C++ templates must not become tags).
    const logs = [...run.summary.matchAll(/<pre>([^]*?)<\/pre>/g)].map(m => m[1])
    expect(logs).toHaveLength(6)
    expect(logs.filter(l => l.includes('<'))).toEqual([])
  })

  it('reports every module in the JSON report with phase, exit code, signal and diagnostics', () => {
    expect(report.counts).toMatchObject({ total: 9, built: 3, failed: 6 })
    const bySource = Object.fromEntries(report.modules.map(m => [m.source, m]))
    expect(bySource['fails/bad_type.pyx']).toMatchObject({ status: 'failed', phase: 'cython', exitCode: 1, signal: null })
    expect(bySource['fails/bad_type.pyx'].diagnostics).toContainEqual(
      expect.objectContaining({ file: 'fails/bad_type.pyx', line: 4, column: 18, severity: 'error', tool: 'cython' }),
    )
    expect(bySource['fails/killed.pyx']).toMatchObject({ status: 'failed', phase: 'compile', exitCode: null, signal: 'SIGKILL' })
    expect(bySource['fails/bad_link.pyx']).toMatchObject({ status: 'failed', phase: 'link', exitCode: 1 })
    expect(bySource['fails/bad_header.pyx']).toMatchObject({ status: 'failed', phase: 'compile', exitCode: 1 })
    expect(bySource['fails/good_a.pyx']).toMatchObject({ status: 'built', phase: null })
  })

  it('still built every good module, and each imports', () => {
    expect(importAndCall(path.join(workspace, 'proj'), ['fails.good_a', 'fails.good_b', 'fails.good_cpp'])).toEqual({
      'fails.good_a': 'good a',
      'fails.good_b': 42,
      'fails.good_cpp': 6,
    })
  })

  it('leaves no partial output of a failed module', () => {
    const files = fs.readdirSync(path.join(workspace, 'proj/fails'))
    expect(files.filter(f => f.endsWith('.so')).sort()).toEqual(
      ['good_a', 'good_b', 'good_cpp'].map(n => expect.stringMatching(new RegExp(`^${n}\\.`))),
    )
  })
})
