import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import { parseCliArgs } from '../src/cli/cli-args.js'
import { MAX_TIMER_MS } from '../src/settings/parse-inputs.js'
import { parseSettings } from '../src/settings/settings.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')
const cli = (args: string[]) => runNode(CLI, ['--python', testPython(), ...args], { env: cleanEnv() })
const roots: string[] = []
const mounts: string[] = []
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m])
  roots.forEach(r => fs.rmSync(r, { recursive: true, force: true }))
})

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-edge-'))
  roots.push(dir)
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text)
  return dir
}

/** A tmpfs (root only): read-only, or tiny enough to fill. Undefined, with the reason logged, where mount is refused. */
function tmpfs(options: string): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-mnt-'))
  roots.push(dir)
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (err) {
    console.warn(`skipped: mount -t tmpfs needs root here (${(err as Error).message.split('\n')[0]})`)
    return undefined
  }
  mounts.push(dir)
  return dir
}

// language_level 3 makes `/` on C ints a true division: the value proves Cython got -3.
const DIVIDE = 'def check():\n    cdef int a = 1\n    return a / 2\n'

describe('option values that start with a dash', () => {
  it.each([[['--cython-args', '-3']], [['--cython-args=-3']]])(
    '%j reaches Cython as -3',
    async args => {
      const dir = project({ 'div.pyx': DIVIDE })
      const r = await cli(['--no-cache', '-C', dir, ...args])
      expect(r.stderr).not.toContain('ambiguous')
      expect(r.code).toBe(0)
      expect(importAndCall(dir, ['div'])).toEqual({ div: 0.5 })
    },
    120_000,
  )

  it('takes "-X boundscheck=False", --compile-args -O0 and --link-args -s as values', async () => {
    const dir = project({ 'b.pyx': 'def check():\n    return 2\n' })
    const r = await cli(['--no-cache', '-C', dir, '--cython-args', '-X boundscheck=False', '--compile-args', '-O0', '--link-args', '-s'])
    expect(r.code).toBe(0)
    expect(importAndCall(dir, ['b'])).toEqual({ b: 2 })
  }, 120_000)

  it('parses each spelling to the same input, and leaves words after -- alone', () => {
    for (const argv of [['--cython-args', '-3'], ['--cython-args=-3']]) expect(parseCliArgs(argv).raw['cython-args']).toBe('-3')
    expect(parseCliArgs(['-D', '-X']).raw.define).toBe('-X')
    expect(parseCliArgs(['--', '--cython-args', '-3']).raw.sources).toBe('--cython-args\n-3')
  })
})

describe('a source named -rf.pyx', () => {
  it('reaches Cython as a file, not as options; the other modules build', async () => {
    const dir = project({ '-rf.pyx': 'def check():\n    return 1\n', 'ok.pyx': 'def check():\n    return 2\n' })
    const r = await cli(['--no-cache', '-C', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("-rf.pyx:1:0: '-rf' is not a valid module name")
    expect(r.stderr).not.toContain('Unknown compiler flag')
    expect(importAndCall(dir, ['ok'])).toEqual({ ok: 2 })
    expect(fs.readFileSync(path.join(dir, '-rf.pyx'), 'utf8')).toContain('return 1')
  }, 120_000)
})

describe('a C source named -helper.c', () => {
  it('reaches the compiler as a file (./-helper.c), not as an option', async () => {
    const dir = project({
      '-helper.c': 'int helper_answer(void) { return 42; }\n',
      'm.pyx': '# distutils: sources = -helper.c\ncdef extern int helper_answer()\ndef check():\n    return helper_answer()\n',
    })
    const r = await cli(['--no-cache', '-C', dir])
    expect(r.code).toBe(0)
    expect(importAndCall(dir, ['m'])).toEqual({ m: 42 })
  }, 120_000)
})

describe('timeout-per-file beyond Node’s longest timer', () => {
  it('is capped there instead of overflowing', () => {
    const s = parseSettings({ 'timeout-per-file': '3000000' }, { baseDirectory: '/w', cacheDir: '/c', pruneUnusedCacheEntries: false })
    expect(s.timeoutPerFile).toBe(MAX_TIMER_MS)
  })

  it('builds instead of timing every module out at once', async () => {
    const dir = project({ 't.pyx': 'def check():\n    return 3\n' })
    const r = await cli(['--no-cache', '-C', dir, '--timeout-per-file', '3000000'])
    expect(r.stderr).not.toContain('timeout')
    expect(r.code).toBe(0)
    expect(importAndCall(dir, ['t'])).toEqual({ t: 3 })
  }, 120_000)
})

describe('places that cannot be used', () => {
  it('refuses the file system root as working directory, in one line', async () => {
    const r = await cli(['-C', '/'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      `cython-fanout: Invalid working-directory "/": the file system root would search the whole machine; expected the project's directory, e.g. . or src\n`,
    )
  })

  it('reports a read-only output directory as read-only (EROFS), not ENOENT; a report there is a warning', async () => {
    const ro = tmpfs('ro,size=1m')
    if (!ro) return
    const dir = project({ 'r.pyx': 'def check():\n    return 1\n' })
    const r = await cli(['--no-cache', '-C', dir, '-o', path.join(ro, 'out')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Cannot write to ${path.join(ro, 'out')} (EROFS: a read-only file system)`)
    const built = await cli(['--no-cache', '-C', dir, '--report', path.join(ro, 'report.json')])
    expect(built.code).toBe(0)
    expect(built.stderr).toMatch(/^warning: report: could not write .*report\.json \(EROFS\)/m)
  }, 120_000)

  it('warns once when the cache disk is full, not once per module, and still builds everything', async () => {
    const full = tmpfs('size=16k')
    if (!full) return
    const dir = project({
      'a.pyx': 'def check():\n    return 1\n',
      'b.pyx': 'def check():\n    return 2\n',
      'c.pyx': 'def check():\n    return 3\n',
    })
    const r = await cli(['-j', '1', '-C', dir, '--cache-dir', path.join(full, 'store')])
    expect(r.code).toBe(0)
    expect(r.stderr.match(/Could not store/g)).toHaveLength(1)
    expect(r.stderr).toContain('no further module is stored in this build')
    expect(importAndCall(dir, ['a', 'b', 'c'])).toEqual({ a: 1, b: 2, c: 3 })
  }, 120_000)
})

describe('--help and the report', () => {
  it('says the local command writes no report unless asked, and writes none', async () => {
    const help = await runNode(CLI, ['--help'])
    expect(help.stdout).toMatch(/--report FILE +write the JSON report here \(default: none\)/)
    const dir = project({ 'h.pyx': 'def check():\n    return 1\n' })
    expect((await cli(['--no-cache', '-C', dir])).code).toBe(0)
    expect(fs.existsSync(path.join(dir, '.cython-fanout'))).toBe(false)
  }, 120_000)
})
