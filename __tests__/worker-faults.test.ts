import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { processesIn } from './support/process-table.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'
import { waitForFile, waitUntil } from './support/wait-for.js'

const CLI = path.resolve('dist/cli.js')

/** A tree of good modules plus `slow.pyx`, whose "compiler" (a wrapper set as CC) just sleeps. */
function treeWithSlowCompiler(): { dir: string; cc: string; started: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-faults-')))
  for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, `${n}.pyx`), `def check():\n    return "${n}"\n`)
  fs.writeFileSync(path.join(dir, 'slow.pyx'), 'def check():\n    return "slow"\n')
  const cc = path.join(dir, 'slow-cc')
  const started = path.join(dir, 'slow-compile-started')
  fs.writeFileSync(
    cc,
    `#!/bin/sh\nfor a in "$@"; do case "$a" in *slow.c) touch '${started}'; exec sleep 120 ;; esac; done\nexec gcc "$@"\n`,
    { mode: 0o755 },
  )
  return { dir, cc, started }
}

describe('a worker that hangs, dies or cannot start', () => {
  it('timeout-per-file stops the module, ends its process, and the others finish', async () => {
    const { dir, cc } = treeWithSlowCompiler()
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--timeout-per-file', '4s'], {
      env: cleanEnv({ CC: cc }),
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('slow.pyx: C compile exceeded timeout-per-file (4.0 s) and was stopped')
    expect(r.stderr).toContain('1 of 4 modules failed: slow.pyx (C compile exceeded timeout-per-file (4.0 s) and was stopped)')
    expect(r.stderr).toContain('3 built, 0 from cache, 1 failed of 4 modules')
    expect(processesIn(dir)).toEqual([])
    expect(importAndCall(dir, ['a', 'b', 'c'])).toEqual({ a: 'a', b: 'b', c: 'c' })
  }, 120_000)

  it('a compiler killed from outside with SIGKILL fails that module only', async () => {
    const { dir, cc, started } = treeWithSlowCompiler()
    const run = runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache'], { env: cleanEnv({ CC: cc }) })
    await waitForFile(started)
    let victim: number | undefined
    await waitUntil(() => (victim = processesIn(dir).find(p => p.cmd.startsWith('sleep 120'))?.pid) !== undefined)
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
    expect(r.stderr).toMatch(
      /^cython-fanout: C compiler not found: no-such-cc-1234 \(from CC, or else .*'s sysconfig\) is not on PATH \(looked in .*\); install it/m,
    )
  }, 60_000)
})

describe('fail-fast', () => {
  it('starts nothing new after the first failure; the rest are reported skipped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-failfast-'))
    // The broken module is the largest source, so the longest-first schedule starts it first.
    fs.writeFileSync(path.join(dir, 'broken.pyx'), `# ${'x'.repeat(4000)}\ndef broken(:\n    pass\n`)
    for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, `${n}.pyx`), `def check():\n    return "${n}"\n`)
    const report = path.join(dir, 'report.json')
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--jobs', '1', '--fail-fast', '--report', report], {
      env: cleanEnv(),
    })
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

describe('a machine short of files or processes', () => {
  function smallTree(count: number): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-short-')))
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `s${i}.pyx`), `def check():\n    return ${i}\n`)
    return dir
  }

  it('under ulimit -n 32 the jobs fit the open-file limit from the start, and every module builds', async () => {
    const dir = smallTree(12)
    const args = [CLI, '-C', dir, '--python', testPython(), '--no-cache', '--jobs', '2', '--compile-args=-O0']
    const quoted = args.map(a => `'${a}'`).join(' ')
    const r = await runShell(`ulimit -n 32 && exec '${process.execPath}' ${quoted}`)
    expect(r.stderr).toContain('lowered to fit the open-file limit')
    expect(r.stderr).toContain('12 built, 0 from cache, 0 failed of 12 modules')
    expect(r.code).toBe(0)
    const names = Array.from({ length: 12 }, (_, i) => `s${i}`)
    expect(Object.values(importAndCall(dir, names))).toEqual(names.map((_, i) => i))
  }, 120_000)

  it('under ulimit -n 24 (too few to start Python) it says so in one line, with no stack trace', async () => {
    const dir = smallTree(2)
    const r = await runShell(`ulimit -n 24 && exec '${process.execPath}' '${CLI}' -C '${dir}' --python '${testPython()}' --no-cache`)
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expect(r.stderr).not.toContain('missing stdin')
    expect(r.stderr).toMatch(
      /^cython-fanout: Could not start Python .*: too many open files \(EMFILE\); raise the open-file limit \(ulimit -n\)$/m,
    )
    expect(r.code).toBe(1)
  }, 60_000)

  it("a compiler that cannot fork its own passes (gcc's vfork EAGAIN) is a shortage: retried, not a failed module", async () => {
    const dir = smallTree(3)
    const marker = path.join(dir, 'refused-once')
    const cc = path.join(dir, 'cc-short')
    // The first compile (-c) prints what gcc prints under a process limit and exits 1; everything else is gcc.
    fs.writeFileSync(
      cc,
      `#!/bin/sh\ncase " $* " in *" -c "*) compiling=1 ;; esac\nif [ -n "$compiling" ] && [ ! -e '${marker}' ]; then touch '${marker}'; echo "gcc: fatal error: cannot execute 'cc1': vfork: Resource temporarily unavailable" >&2; exit 1; fi\nexec gcc "$@"\n`,
      { mode: 0o755 },
    )
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--jobs', '1'], { env: cleanEnv({ CC: cc }) })
    expect(fs.existsSync(marker)).toBe(true)
    expect(r.stderr).toContain('The system refused to start a process (EAGAIN (the compile step could not start a process of its own))')
    expect(r.stderr).toContain('3 built, 0 from cache, 0 failed of 3 modules')
    expect(r.code).toBe(0)
    expect(importAndCall(dir, ['s0', 's1', 's2'])).toEqual({ s0: 0, s1: 1, s2: 2 })
  }, 120_000)
})

function runShell(script: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', d => (stderr += d))
    child.on('error', reject)
    child.on('close', code => resolve({ code, stderr }))
  })
}
