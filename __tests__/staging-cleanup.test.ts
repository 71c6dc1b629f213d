import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')
const roots: string[] = []
afterAll(() => roots.forEach(r => fs.rmSync(r, { recursive: true, force: true })))

/** Resolves once `file` exists: an event (the file appearing), not a span of time. */
function appears(file: string): Promise<void> {
  return new Promise(resolve => {
    const check = (): void => void (fs.existsSync(file) ? resolve() : setTimeout(check, 20))
    check()
  })
}

/** A compiler wrapper that says a compile started, waits until the test releases it, compiles, then says it is done. */
function blockingCc(flags: string): string {
  const file = path.join(flags, 'cc.sh')
  // --version is the toolchain probe, before the build starts: it passes straight through.
  const script = `#!/bin/sh\ncase "$1" in --version) exec gcc "$@";; esac\ntouch "${flags}/started"\nwhile [ ! -e "${flags}/release" ]; do sleep 0.05; done\ngcc "$@"\ns=$?\ntouch "${flags}/done"\nexit $s\n`
  fs.writeFileSync(file, script, { mode: 0o755 })
  return file
}

describe('staging directories of a build killed with SIGKILL', () => {
  it('are removed by the next build; directories not provably ours and stale are kept', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-stale-'))
    roots.push(root)
    const dir = path.join(root, 'ws')
    const flags = path.join(root, 'flags')
    fs.mkdirSync(dir)
    fs.mkdirSync(flags)
    fs.writeFileSync(path.join(dir, 'm.pyx'), 'def check():\n    return 9\n')

    const child = spawn(process.execPath, [CLI, '--python', testPython(), '--no-cache', '-C', dir], {
      env: cleanEnv({ CC: blockingCc(flags) }),
      stdio: 'ignore',
    })
    const exited = new Promise(resolve => child.on('exit', (_code, signal) => resolve(signal)))
    await appears(path.join(flags, 'started'))
    const staging = path.join(dir, `.cython-fanout-tmp-${child.pid}`)
    expect(fs.existsSync(staging)).toBe(true)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    // Let the orphaned compile finish, so nothing writes into the directory while the next build looks at it.
    fs.writeFileSync(path.join(flags, 'release'), '')
    await appears(path.join(flags, 'done'))
    expect(fs.existsSync(staging)).toBe(true)

    // Decoys: no marker; a live process (this one); another host; a name that is not exactly ours.
    const decoys = {
      unmarked: path.join(dir, '.cython-fanout-tmp-999999'),
      live: path.join(dir, `.cython-fanout-tmp-${process.pid}`),
      otherHost: path.join(dir, '.cython-fanout-tmp-999998'),
      otherName: path.join(dir, '.cython-fanout-tmp-999997x'),
    }
    for (const d of Object.values(decoys)) fs.mkdirSync(d)
    fs.writeFileSync(path.join(decoys.unmarked, 'user-file'), 'keep me')
    fs.writeFileSync(path.join(decoys.live, '.cython-fanout-staging'), JSON.stringify({ pid: process.pid, host: os.hostname() }))
    fs.writeFileSync(path.join(decoys.otherHost, '.cython-fanout-staging'), JSON.stringify({ pid: 999998, host: `not-${os.hostname()}` }))
    fs.writeFileSync(path.join(decoys.otherName, '.cython-fanout-staging'), JSON.stringify({ pid: 999997, host: os.hostname() }))

    const r = await runNode(CLI, ['--python', testPython(), '--no-cache', '-C', dir], { env: cleanEnv() })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`Removed .cython-fanout-tmp-${child.pid}, left behind by a build that was killed`)
    expect(fs.existsSync(staging)).toBe(false)
    for (const d of Object.values(decoys)) expect(fs.existsSync(d)).toBe(true)
    expect(importAndCall(dir, ['m'])).toEqual({ m: 9 })
    // The second build's own staging directory is gone too.
    expect(
      fs
        .readdirSync(dir)
        .filter(n => n.startsWith('.cython-fanout-tmp-'))
        .sort(),
    ).toEqual(
      Object.values(decoys)
        .map(d => path.basename(d))
        .sort(),
    )
  }, 180_000)
})
