import { execFile, execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import { writeFixtureTree } from './support/fixture-tree.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')
const cli = (args: string[]) => runNode(CLI, ['--python', testPython(), '--no-cache', ...args], { env: cleanEnv() })
const tmp = (name = 'cf-hostile-'): string => fs.mkdtempSync(path.join(os.tmpdir(), name))
const cleanups: Array<() => void> = []
afterAll(() => cleanups.forEach(f => f()))

function writeModule(dir: string, rel: string, body: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
  fs.writeFileSync(path.join(dir, rel), body)
}

describe('odd paths and arguments', () => {
  it('builds in a directory whose name has spaces, quotes, $, backticks and non-ASCII', async () => {
    const dir = path.join(tmp(), `we ird $HOME 'q' "dq" \`id\` ü`)
    fs.mkdirSync(dir)
    const specs = writeFixtureTree(dir, 8)
    const r = await cli(['-C', dir, '**/*.pyx', 'fx/native.c'])
    expect(r.stderr).toContain('8 built, 0 from cache, 0 failed of 8 modules')
    const results = importAndCall(
      dir,
      specs.map(s => s.name),
    )
    expect(specs.filter(s => results[s.name] !== s.expected)).toEqual([])
  })

  it('passes shell metacharacters in compile-args and cython-args as literal arguments, never running them', async () => {
    const dir = tmp()
    const canary = path.join(dir, 'PWNED')
    writeModule(
      dir,
      'msg.pyx',
      '# cython: language_level=3\ncdef extern from *:\n    const char *MSG\n\ndef check():\n    return MSG.decode()\n',
    )
    const r = await cli([
      '-C',
      dir,
      `--compile-args='-DMSG="a;b|c $HOME \`touch ${canary}\` $(touch ${canary})"'`,
      '--cython-args=-X embedsignature=True',
    ])
    expect(r.code).toBe(0)
    expect(importAndCall(dir, ['msg'])).toEqual({ msg: `a;b|c $HOME \`touch ${canary}\` $(touch ${canary})` })
    expect(fs.existsSync(canary)).toBe(false)
  })

  it('reports a .pyx that is not UTF-8 as that module failing, and builds the others', async () => {
    const dir = tmp()
    writeModule(dir, 'latin.pyx', '# cython: language_level=3\ndef check():\n    return "caf')
    fs.appendFileSync(path.join(dir, 'latin.pyx'), Buffer.from([0xe9, 0x22, 0x0a]))
    writeModule(dir, 'fine.pyx', 'def check():\n    return 1\n')
    const r = await cli(['-C', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      "latin.pyx: latin.pyx:3:17: Decoding error, missing or incorrect coding=<encoding-name> at top of source (cannot decode with encoding 'utf-8'",
    )
    expect(importAndCall(dir, ['fine'])).toEqual({ fine: 1 })
  })
})

describe('sources that match nothing, or too much', () => {
  it.each([
    ['error', 1, 'No source files matched sources (nothing/*.pyx) in'],
    ['warn', 0, 'warning: No source files matched sources (nothing/*.pyx) in'],
  ])('if-no-files-found %s', async (mode, code, message) => {
    const r = await cli(['-C', tmp(), '--if-no-files-found', mode, 'nothing/*.pyx'])
    expect(r.code).toBe(code)
    expect(r.stderr).toContain(message)
  })

  it('refuses a sources entry outside the working directory', async () => {
    const r = await cli(['-C', tmp(), '../**/*.pyx'])
    expect(r.code).toBe(2) // bad usage
    expect(r.stderr).toMatch(/cython-fanout: Invalid sources entry "\.\.\/\*\*\/\*\.pyx": it resolves outside the working directory/)
  })

  it('survives a symlink loop and builds each module once', async () => {
    const dir = tmp()
    writeModule(dir, 'pkg/__init__.py', '')
    writeModule(dir, 'pkg/one.pyx', 'def check():\n    return 1\n')
    fs.symlinkSync('..', path.join(dir, 'pkg', 'loop'))
    const r = await cli(['-C', dir])
    expect(r.stderr).toContain('1 built, 0 from cache, 0 failed of 1 modules')
    expect(importAndCall(dir, ['pkg.one'])).toEqual({ 'pkg.one': 1 })
  })
})

describe('outputs that cannot be written', () => {
  it('an output directory that refuses writes fails each module clearly and keeps what was built', async () => {
    const dir = tmp()
    writeModule(dir, 'pkg/__init__.py', '')
    writeModule(dir, 'pkg/kept.pyx', 'def check():\n    return "kept"\n')
    expect((await cli(['-C', dir])).code).toBe(0)
    // Root ignores file modes, so make the package directory immutable instead (needs CAP_LINUX_IMMUTABLE).
    execFileSync('chattr', ['+i', path.join(dir, 'pkg')])
    cleanups.push(() => execFileSync('chattr', ['-i', path.join(dir, 'pkg')]))
    fs.appendFileSync(path.join(dir, 'pkg/kept.pyx'), '# changed\n')
    const r = await cli(['-C', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/pkg\/kept\.pyx: could not write its output: EPERM/)
    expect(importAndCall(dir, ['pkg.kept'])).toEqual({ 'pkg.kept': 'kept' })
  })

  it('a full disk fails the modules with the reason and leaves no partial file', async () => {
    const dir = tmp()
    const full = path.join(dir, 'full')
    fs.mkdirSync(full)
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full])
    cleanups.push(() => execFileSync('umount', [full]))
    writeModule(dir, 'big.pyx', 'def check():\n    return 1\n')
    const r = await cli(['-C', dir, '--output-dir', 'full'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/No space left on device/)
    expect(fs.readdirSync(full).filter(f => !f.startsWith('.'))).toEqual([])
  })
})

describe('the system refusing processes', () => {
  /** Runs the CLI under an open-file limit; returns its stderr. */
  const underFileLimit = (dir: string, limit: number): Promise<string> => {
    const command = `ulimit -n ${limit}; exec "${process.execPath}" "${CLI}" -C "${dir}" --python "${testPython()}" --no-cache --jobs 2`
    return new Promise(resolve =>
      execFile('sh', ['-c', command], { env: cleanEnv(), timeout: 60_000 }, (_err, _out, stderr) => resolve(stderr)),
    )
  }

  it('fits the jobs to a low open-file limit from the start: every module builds, or one clear line says why not', async () => {
    const dir = tmp()
    writeFixtureTree(dir, 5)
    // From room for two jobs down to too little to start Python at all. (The reactive path, lowering and retrying
    // after EMFILE, is covered by the pool's own tests: Node leaks the pipes of a refused spawn, so it is a last resort.)
    for (const limit of [36, 32, 28, 24]) {
      const stderr = await underFileLimit(dir, limit)
      expect([limit, stderr]).not.toEqual([limit, expect.stringMatching(/5 tries|^\s+at /m)])
      const built = /4 built, 0 from cache, 0 failed of 4 modules/.test(stderr)
      const refused =
        /^cython-fanout: Could not start Python .*: too many open files \(EMFILE\); raise the open-file limit \(ulimit -n\)$/m.test(stderr)
      expect([limit, built || refused]).toEqual([limit, true])
      for (const f of fs.readdirSync(dir, { recursive: true }).map(String)) if (f.endsWith('.so')) fs.rmSync(path.join(dir, f))
    }
  }, 300_000)
})

describe('secrets', () => {
  it('never prints the environment: a token in it appears in no log, summary or report of a failing build', async () => {
    const dir = tmp()
    writeModule(dir, 'bad.pyx', 'def broken(:\n    pass\n')
    const secret = 'ghs_cythonFanoutTestSecret0123456789'
    const report = path.join(dir, 'report.json')
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--report', report, '-v'], {
      env: cleanEnv({ GITHUB_TOKEN: secret, MY_PASSWORD: secret }),
    })
    expect(r.code).toBe(1)
    expect(r.stdout + r.stderr + fs.readFileSync(report, 'utf8')).not.toContain(secret)
  })
})
