import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { processesIn } from './support/process-table.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')
const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/** A tree of good modules plus `slow.pyx`, whose "compiler" (a wrapper set as CC) just sleeps. */
function treeWithSlowCompiler(): { dir: string; cc: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-faults-')))
  for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, `${n}.pyx`), `def check():\n    return "${n}"\n`)
  fs.writeFileSync(path.join(dir, 'slow.pyx'), 'def check():\n    return "slow"\n')
  const cc = path.join(dir, 'slow-cc')
  fs.writeFileSync(cc, '#!/bin/sh\nfor a in "$@"; do case "$a" in *slow.c) exec sleep 120 ;; esac; done\nexec gcc "$@"\n', { mode: 0o755 })
  return { dir, cc }
}

describe('a worker that hangs, dies or cannot start', () => {
  it('timeout-per-file stops the module, ends its process, and the others finish', async () => {
    const { dir, cc } = treeWithSlowCompiler()
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--timeout-per-file', '20s'], { env: cleanEnv({ CC: cc }) })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('slow.pyx: C compile exceeded timeout-per-file (20.0 s) and was stopped')
    expect(r.stderr).toContain('1 of 4 modules failed: slow.pyx (C compile exceeded timeout-per-file (20.0 s) and was stopped)')
    expect(r.stderr).toContain('3 built, 0 from cache, 1 failed of 4 modules')
    expect(processesIn(dir)).toEqual([])
    expect(importAndCall(dir, ['a', 'b', 'c'])).toEqual({ a: 'a', b: 'b', c: 'c' })
  }, 120_000)

  it('a compiler killed from outside with SIGKILL fails that module only', async () => {
    const { dir, cc } = treeWithSlowCompiler()
    const run = runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache'], { env: cleanEnv({ CC: cc }) })
    let victim: number | undefined
    for (let i = 0; i < 100 && victim === undefined; i++) {
      await sleep(200)
      victim = processesIn(dir).find(p => p.cmd.startsWith('sleep 120'))?.pid
    }
    expect(victim).toBeDefined()
    process.kill(victim as number, 'SIGKILL')
    const r = await run
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('1 of 4 modules failed: slow.pyx (killed by SIGKILL: out of memory?)')
    expect(importAndCall(dir, ['a', 'b', 'c'])).toEqual({ a: 'a', b: 'b', c: 'c' })
  }, 120_000)

  it('a compiler that does not exist is named, with where it was looked for', async () => {
    const { dir } = treeWithSlowCompiler()
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache'], { env: cleanEnv({ CC: 'no-such-cc-1234' }) })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^cython-fanout: C compiler not found: no-such-cc-1234 \(from CC, or else .*'s sysconfig\) is not on PATH \(looked in .*\); install it/m)
  }, 60_000)
})

describe('fail-fast', () => {
  it('starts nothing new after the first failure; the rest are reported skipped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-failfast-'))
    // The broken module is the largest source, so the longest-first schedule starts it first.
    fs.writeFileSync(path.join(dir, 'broken.pyx'), `# ${'x'.repeat(4000)}\ndef broken(:\n    pass\n`)
    for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, `${n}.pyx`), `def check():\n    return "${n}"\n`)
    const report = path.join(dir, 'report.json')
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--jobs', '1', '--fail-fast', '--report', report], { env: cleanEnv() })
    expect(r.code).toBe(1)
    const modules: Array<{ module: string; status: string; reason: string }> = JSON.parse(fs.readFileSync(report, 'utf8')).modules
    expect(modules.find(m => m.module === 'broken')).toMatchObject({ status: 'failed' })
    expect(modules.filter(m => m.module !== 'broken').map(m => [m.module, m.status, m.reason])).toEqual([
      ['a', 'skipped', 'not built: fail-fast stopped the build after a failure'],
      ['b', 'skipped', 'not built: fail-fast stopped the build after a failure'],
      ['c', 'skipped', 'not built: fail-fast stopped the build after a failure'],
    ])
  }, 60_000)
})
