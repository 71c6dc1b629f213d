import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { beforeAll, describe, expect, it } from '@jest/globals'

import { type FixtureModule, writeFixtureTree } from './support/fixture-tree.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')

interface Built {
  code: number | null
  stderr: string
  /** Module names by status, from the JSON report. */
  built: string[]
  cached: string[]
}

/** Builds `dir` with the CLI through the cache in `cacheDir` and reads which modules were compiled. */
async function build(dir: string, cacheDir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Built> {
  const report = path.join(os.tmpdir(), `cf-report-${process.pid}-${Date.now()}.json`)
  const r = await runNode(
    CLI,
    ['-C', dir, '--python', testPython(), '--cache-dir', cacheDir, '--report', report, ...extra, '**/*.pyx', 'fx/native.c'],
    { env: cleanEnv(env) },
  )
  const modules: Array<{ module: string; status: string }> = JSON.parse(fs.readFileSync(report, 'utf8')).modules
  const names = (status: string): string[] =>
    modules
      .filter(m => m.status === status)
      .map(m => m.module)
      .sort()
  return { code: r.code, stderr: r.stderr, built: names('built'), cached: names('cached') }
}

/** Sets every file's times to now, as a fresh checkout does. */
function touchAll(dir: string): void {
  const now = new Date()
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String)) fs.utimesSync(path.join(dir, f), now, now)
}

function edit(dir: string, rel: string): void {
  fs.appendFileSync(path.join(dir, rel), '\n# edited\n')
}

describe('the content-keyed compile cache, with real builds', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-cache-'))
  const dir = path.join(root, 'checkout-a')
  const cacheDir = path.join(root, 'store')
  let modules: FixtureModule[]
  let names: string[]
  let cold: Built

  beforeAll(async () => {
    fs.mkdirSync(dir)
    modules = writeFixtureTree(dir, 16)
    names = modules.map(m => m.name).sort()
    cold = await build(dir, cacheDir)
  }, 300_000)

  it('cold: builds everything and stores it', () => {
    expect(cold.code).toBe(0)
    expect(cold.built).toEqual(names)
  })

  it('a second run compiles nothing, takes every module from the store, and each imports', async () => {
    // A fresh checkout: nothing built in the tree, every file new.
    fs.rmSync(dir, { recursive: true })
    writeFixtureTree(dir, 16)
    const again = await build(dir, cacheDir)
    expect(again.built).toEqual([])
    expect(again.cached).toEqual(names)
    const results = importAndCall(dir, names)
    expect(modules.filter(m => results[m.name] !== m.expected)).toEqual([])
  }, 120_000)

  it('resetting every file time rebuilds nothing, and rewrites no output that is already in place', async () => {
    touchAll(dir)
    const outputs = (): Record<string, string> =>
      Object.fromEntries(
        fs
          .readdirSync(dir, { recursive: true })
          .map(String)
          .filter(f => /\.(so|c)$/.test(f))
          .map(f => {
            const st = fs.statSync(path.join(dir, f), { bigint: true })
            return [f, `${st.ino}:${st.mtimeNs}`]
          }),
      )
    const before = outputs()
    expect(Object.keys(before).length).toBeGreaterThan(16)
    expect((await build(dir, cacheDir)).built).toEqual([])
    expect(outputs()).toEqual(before)
  }, 120_000)

  it('editing one .pyx rebuilds that one module', async () => {
    edit(dir, 'fx/m4.pyx')
    expect((await build(dir, cacheDir)).built).toEqual(['fx.m4'])
  }, 120_000)

  it('editing a .pxd rebuilds exactly the modules that cimport it, directly or through another .pxd', async () => {
    edit(dir, 'fx/core/base.pxd')
    // base.pyx has it as its own .pxd; layer.pxd cimports it; m0, m5 and m10 cimport layer.
    expect((await build(dir, cacheDir)).built).toEqual(['fx.core.base', 'fx.core.layer', 'fx.extra.m0', 'fx.m10', 'fx.m5'])
    edit(dir, 'fx/core/layer.pxd')
    expect((await build(dir, cacheDir)).built).toEqual(['fx.core.layer', 'fx.extra.m0', 'fx.m10', 'fx.m5'])
  }, 300_000)

  it('editing an included .pxi or an extern header rebuilds its users', async () => {
    edit(dir, 'fx/shared.pxi')
    expect((await build(dir, cacheDir)).built).toEqual(['fx.extra.m6', 'fx.m1', 'fx.m11'])
    fs.appendFileSync(path.join(dir, 'fx/include/fx_const.h'), '/* edited */\n')
    expect((await build(dir, cacheDir)).built).toEqual(['fx.extra.m3', 'fx.m8'])
  }, 300_000)

  it('changing cython-args rebuilds everything', async () => {
    expect((await build(dir, cacheDir, ['--cython-args=-X embedsignature=True'])).built).toEqual(names)
  }, 300_000)

  it('a store copied to another path, used by a checkout at another path, still hits', async () => {
    const other = path.join(root, 'elsewhere', 'checkout-b')
    fs.mkdirSync(other, { recursive: true })
    fs.cpSync(dir, other, { recursive: true, filter: src => !/\.(so|c|cpp)$/.test(src) || src.endsWith('native.c') })
    const copiedStore = path.join(root, 'elsewhere', 'store-copy')
    fs.cpSync(cacheDir, copiedStore, { recursive: true })
    const r = await build(other, copiedStore)
    expect(r.built).toEqual([])
    expect(r.cached).toEqual(names)
    expect(importAndCall(other, ['fx.m4', 'fx.native'])).toEqual({ 'fx.m4': 10, 'fx.native': 'native' })
  }, 120_000)

  it('a corrupted entry is rebuilt with a warning', async () => {
    const manifests = fs
      .readdirSync(cacheDir, { recursive: true })
      .map(String)
      .filter(f => f.endsWith('manifest.json'))
    const victim = manifests
      .map(m => ({ m, manifest: JSON.parse(fs.readFileSync(path.join(cacheDir, m), 'utf8')) }))
      .find(e => e.manifest.module === 'fx.m2' && fs.existsSync(path.join(cacheDir, path.dirname(e.m), 'extension')))
    expect(victim).toBeDefined()
    const extension = path.join(cacheDir, path.dirname(victim!.m), 'extension')
    fs.truncateSync(extension, Math.floor(fs.statSync(extension).size / 2))
    const r = await build(dir, cacheDir)
    expect(r.built).toEqual(['fx.m2'])
    expect(r.stderr).toMatch(/warning: Cache entry for fx\.m2 is damaged \([^)]+\): rebuilding it/)
    expect(importAndCall(dir, ['fx.m2'])).toEqual({ 'fx.m2': 3 })
  }, 120_000)

  it('--no-cache neither reads nor writes the store', async () => {
    const before = fs.readdirSync(cacheDir, { recursive: true }).length
    const r = await build(dir, cacheDir, ['--no-cache'])
    expect(r.built).toEqual(names)
    expect(fs.readdirSync(cacheDir, { recursive: true }).length).toBe(before)
  }, 300_000)

  it('changing the Python rebuilds everything', async () => {
    // Another interpreter of this machine given Debian's Cython (pure Python) on its path: same version line, but
    // its own sysconfig, so its own compiler flags. Without a second interpreter, fall back to the first.
    const other = ['python3', '/usr/local/bin/python3']
      .map(p => {
        try {
          return execFileSync(p, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim()
        } catch {
          return ''
        }
      })
      .find(p => p && fs.realpathSync(p) !== fs.realpathSync(testPython()))
    expect(other).toBeDefined()
    const cythonDir = execFileSync(testPython(), ['-c', 'import Cython, os; print(os.path.dirname(os.path.dirname(Cython.__file__)))'], {
      encoding: 'utf8',
    }).trim()
    const r = await build(dir, cacheDir, ['--python', other as string], { PYTHONPATH: cythonDir })
    expect(r.code).toBe(0)
    expect(r.built).toEqual(names)
  }, 300_000)
})

describe("an installed package's .pxd is part of the fingerprint", () => {
  // A package installed outside the checkout (site-packages, here a PYTHONPATH dir), as numpy ships __init__.pxd.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-sitepxd-'))
  const site = path.join(root, 'site')
  const dir = path.join(root, 'project')
  const cacheDir = path.join(root, 'store')
  const pxd = path.join(site, 'extpkg', '__init__.pxd')
  const answer = (n: number): void => fs.writeFileSync(pxd, `cdef inline int answer():\n    return ${n}\n`)

  async function buildWithSite(): Promise<string[]> {
    const report = path.join(root, 'report.json')
    const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--cache-dir', cacheDir, '--report', report, 'uses_ext.pyx'], {
      env: cleanEnv({ PYTHONPATH: site }),
    })
    expect(r.code).toBe(0)
    const modules: Array<{ module: string; status: string }> = JSON.parse(fs.readFileSync(report, 'utf8')).modules
    return modules.filter(m => m.status === 'built').map(m => m.module)
  }

  it('editing it rebuilds its users instead of serving the stale module from the cache', async () => {
    fs.mkdirSync(path.dirname(pxd), { recursive: true })
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'uses_ext.pyx'), 'from extpkg cimport answer\n\ndef check():\n    return answer()\n')
    answer(41)
    expect(await buildWithSite()).toEqual(['uses_ext'])
    expect(await buildWithSite()).toEqual([])
    answer(42) // an upgrade of the installed package
    expect(await buildWithSite()).toEqual(['uses_ext'])
    expect(importAndCall(dir, ['uses_ext'])).toEqual({ uses_ext: 42 })
  }, 120_000)
})
