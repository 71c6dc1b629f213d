import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { ModuleStore } from '../src/cache/module-store.js'
import type { BuildLog } from '../src/engine/build-log.js'
import { OpenCache } from '../src/engine/open-module-cache.js'
import type { ModuleSpec } from '../src/plan/module-spec.js'
import type { BuildSettings } from '../src/settings/settings.js'
import type { ProbedToolchain } from '../src/toolchain/probe-toolchain.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

/**
 * Issue 13 (1-4), 14.3 and 15.4: the cache never serves a binary its key does not describe, never obeys a tampered
 * store, and never deletes a file it did not write. Real Cython, real gcc, real imports.
 */

const CLI = path.resolve('dist/cli.js')
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-trust-'))

interface Built {
  code: number | null
  stderr: string
  built: string[]
  cached: string[]
  /** The report's `cache` part. */
  cache?: { unstored?: Array<{ module: string; file: string }> }
}

async function build(dir: string, cacheDir: string, extra: string[], env: NodeJS.ProcessEnv = {}): Promise<Built> {
  const report = path.join(root, `report-${Date.now()}-${Math.random().toString(16).slice(2)}.json`)
  const r = await runNode(CLI, ['-C', dir, '--python', testPython(), '--cache-dir', cacheDir, '--report', report, ...extra], {
    env: cleanEnv(env),
  })
  if (!fs.existsSync(report)) return { code: r.code, stderr: r.stderr, built: [], cached: [] }
  const parsed = JSON.parse(fs.readFileSync(report, 'utf8'))
  const modules: Array<{ module: string; status: string }> = parsed.modules
  const names = (status: string): string[] =>
    modules
      .filter(m => m.status === status)
      .map(m => m.module)
      .sort()
  return { code: r.code, stderr: r.stderr, built: names('built'), cached: names('cached'), cache: parsed.cache }
}

function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
  fs.writeFileSync(path.join(dir, rel), text)
}

/** A module whose `check()` returns `value`. */
function returning(value: string): string {
  return `# cython: language_level=3\ndef check():\n    return ${JSON.stringify(value)}\n`
}

function writeTwoModules(dir: string): void {
  write(dir, 'pkg/__init__.py', '')
  write(dir, 'pkg/alpha.pyx', returning('alpha original'))
  write(dir, 'pkg/beta.pyx', returning('beta original'))
}

function entryFiles(store: string, name: string): string[] {
  return (fs.readdirSync(path.join(store, 'v1'), { recursive: true }) as string[])
    .map(rel => path.join(store, 'v1', rel))
    .filter(file => path.basename(file) === name)
}

describe('a source edited during the build (13.1)', () => {
  it('is installed as built but never stored, so the original sources rebuild and import the original', async () => {
    const store = path.join(root, 'edit-store')
    const flag = path.join(root, 'edit-done')
    const first = path.join(root, 'edit-a')
    writeTwoModules(first)
    // The first compile (whichever module it is) rewrites the other module's .pyx, which Cython reads afterwards
    // (--jobs 1 runs one module at a time): an event inside the build, no clock involved.
    const cc = path.join(root, 'cc-edit.sh')
    write(
      root,
      'cc-edit.sh',
      [
        '#!/bin/sh',
        // Only a compile counts (`-c`): the planner runs `$CC --version` before it fingerprints.
        `case " $* " in *' -c '*) compiling=1 ;; *) compiling= ;; esac`,
        `if [ -n "$compiling" ] && [ ! -e '${flag}' ]; then`,
        '  other=alpha',
        '  for arg in "$@"; do case "$arg" in *alpha.c) other=beta ;; esac; done',
        `  printf '# cython: language_level=3\\ndef check():\\n    return "%s edited"\\n' "$other" > '${first}/pkg/'"$other"'.pyx'`,
        `  printf '%s' "$other" > '${flag}'`,
        'fi',
        'exec gcc "$@"',
        '',
      ].join('\n'),
    )
    fs.chmodSync(cc, 0o755)

    const run1 = await build(first, store, ['--jobs', '1', 'pkg/*.pyx'], { CC: cc })
    expect(run1.code).toBe(0)
    const edited = fs.readFileSync(flag, 'utf8')
    const kept = edited === 'alpha' ? 'beta' : 'alpha'
    expect(run1.built).toEqual(['pkg.alpha', 'pkg.beta'])
    expect(run1.stderr).toContain(`pkg.${edited} not cached: pkg/${edited}.pyx changed during the build`)
    expect(run1.cache?.unstored).toEqual([{ module: `pkg.${edited}`, file: `pkg/${edited}.pyx` }])
    // What the user asked to build is installed: the edited module as Cython read it.
    expect(importAndCall(first, [`pkg.${edited}`])).toEqual({ [`pkg.${edited}`]: `${edited} edited` })

    const fresh = path.join(root, 'edit-b')
    writeTwoModules(fresh)
    const run2 = await build(fresh, store, ['--jobs', '1', 'pkg/*.pyx'], { CC: cc })
    expect(run2.code).toBe(0)
    expect(run2.built).toEqual([`pkg.${edited}`])
    expect(run2.cached).toEqual([`pkg.${kept}`])
    expect(importAndCall(fresh, ['pkg.alpha', 'pkg.beta'])).toEqual({ 'pkg.alpha': 'alpha original', 'pkg.beta': 'beta original' })
  }, 180_000)
})

describe('environment the compiler reads (13.2)', () => {
  it('CPATH is in the key, and headers found through it are hashed', async () => {
    const dir = path.join(root, 'cpath')
    const store = path.join(root, 'cpath-store')
    write(dir, 'pkg/__init__.py', '')
    write(dir, 'pkg/cval.pyx', '# cython: language_level=3\ncdef extern from "val.h":\n    int VAL\n\ndef check():\n    return VAL\n')
    write(root, 'inc-a/val.h', '#define VAL 1\n')
    write(root, 'inc-b/val.h', '#define VAL 2\n')
    const withCpath = (dirName: string) => build(dir, store, ['pkg/*.pyx'], { CPATH: path.join(root, dirName) })

    expect((await withCpath('inc-a')).built).toEqual(['pkg.cval'])
    expect(importAndCall(dir, ['pkg.cval'])).toEqual({ 'pkg.cval': 1 })
    const second = await withCpath('inc-b')
    expect(second.built).toEqual(['pkg.cval'])
    expect(importAndCall(dir, ['pkg.cval'])).toEqual({ 'pkg.cval': 2 })
    // The same CPATH with an edited header behind it: a new key too.
    write(root, 'inc-b/val.h', '#define VAL 3\n')
    expect((await withCpath('inc-b')).built).toEqual(['pkg.cval'])
    expect(importAndCall(dir, ['pkg.cval'])).toEqual({ 'pkg.cval': 3 })
    // Nothing changed: a hit.
    expect((await withCpath('inc-b')).cached).toEqual(['pkg.cval'])
  }, 180_000)
})

describe('a tampered store is never obeyed (13.3)', () => {
  const store = path.join(root, 'tamper-store')
  const checkout = (name: string): string => {
    const dir = path.join(root, name)
    write(dir, 'pkg/__init__.py', '')
    write(dir, 'pkg/plain.pyx', returning('plain'))
    return dir
  }

  it('a store file that is a symlink is a damaged entry: rebuilt, never installed through the link', async () => {
    expect((await build(checkout('tamper-a'), store, ['pkg/*.pyx'])).built).toEqual(['pkg.plain'])
    const [stored] = entryFiles(store, 'extension')
    // A link to the very same bytes elsewhere: the content check alone would accept it.
    const elsewhere = path.join(root, 'elsewhere.so')
    fs.copyFileSync(stored, elsewhere)
    fs.rmSync(stored)
    fs.symlinkSync(elsewhere, stored)
    const again = await build(checkout('tamper-b'), store, ['pkg/*.pyx'])
    expect(again.cached).toEqual([])
    expect(again.built).toEqual(['pkg.plain'])
    expect(again.stderr).toMatch(/Cache entry for pkg\.plain is damaged \(.*symlink/)
    expect(importAndCall(path.join(root, 'tamper-b'), ['pkg.plain'])).toEqual({ 'pkg.plain': 'plain' })
    expect(fs.lstatSync(entryFiles(store, 'extension')[0]).isSymbolicLink()).toBe(false) // the rebuild replaced it
  }, 120_000)

  it('installs with a fixed mode whatever the manifest says (mode 4095 gives no setuid, world-writable file)', async () => {
    const [manifestFile] = entryFiles(store, 'manifest.json')
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
    manifest.files.extension.mode = 4095
    manifest.files.generated.mode = 4095
    fs.writeFileSync(manifestFile, JSON.stringify(manifest))
    const dir = checkout('tamper-c')
    const run = await build(dir, store, ['pkg/*.pyx'])
    expect(run.cached).toEqual(['pkg.plain'])
    const umask = process.umask()
    const so = fs.readdirSync(path.join(dir, 'pkg')).find(name => name.endsWith('.so')) as string
    expect(fs.statSync(path.join(dir, 'pkg', so)).mode & 0o7777).toBe(0o755 & ~umask)
    expect(fs.statSync(path.join(dir, 'pkg', 'plain.c')).mode & 0o7777).toBe(0o644 & ~umask)
    expect(importAndCall(dir, ['pkg.plain'])).toEqual({ 'pkg.plain': 'plain' })
  }, 120_000)
})

describe('cache-dir pointed at a directory of user files (13.4)', () => {
  it('`--cache-dir .` in a project with tmp/ and v1/api/ is refused with one line naming cache-dir; every file survives', async () => {
    const project = path.join(root, 'project')
    write(project, 'pkg/__init__.py', '')
    write(project, 'pkg/m.pyx', returning('m'))
    write(project, 'tmp/notes.txt', 'keep me')
    write(project, 'v1/api/spec.json', '{"keep": true}')
    const before = (fs.readdirSync(project, { recursive: true }) as string[]).sort()
    const r = await runNode(CLI, ['-C', '.', '--python', testPython(), '--cache-dir', '.', 'pkg/*.pyx'], { cwd: project, env: cleanEnv() })
    expect(r.code).not.toBe(0)
    const errors = r.stderr.split('\n').filter(line => /cache-dir/.test(line))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/Invalid cache-dir .*project: it holds files .* and is no cython-fanout store/)
    expect(fs.readFileSync(path.join(project, 'tmp/notes.txt'), 'utf8')).toBe('keep me')
    expect(fs.readFileSync(path.join(project, 'v1/api/spec.json'), 'utf8')).toBe('{"keep": true}')
    expect((fs.readdirSync(project, { recursive: true }) as string[]).sort()).toEqual(before)
  }, 60_000)

  it('a store of its own keeps a file a user put in it, and prunes only entries', async () => {
    const dir = path.join(root, 'own-store-src')
    const store = path.join(root, 'own-store')
    writeTwoModules(dir)
    expect((await build(dir, store, ['pkg/*.pyx'])).code).toBe(0)
    write(store, 'v1/README.txt', 'a user note')
    write(store, 'tmp/mine.txt', 'also a user note')
    fs.rmSync(path.join(dir, 'pkg/beta.pyx'))
    expect((await build(dir, store, ['pkg/*.pyx'])).cached).toEqual(['pkg.alpha'])
    expect(fs.readFileSync(path.join(store, 'v1/README.txt'), 'utf8')).toBe('a user note')
    expect(fs.readFileSync(path.join(store, 'tmp/mine.txt'), 'utf8')).toBe('also a user note')
  }, 120_000)
})

describe('an entry removed between lookup and restore (15.4)', () => {
  it('rebuilds the module instead of failing it', async () => {
    const storeDir = path.join(root, 'race-store')
    const out = path.join(root, 'race-out')
    const source = path.join(root, 'race.so')
    write(root, 'race.so', 'not really an extension')
    const fingerprint = 'a'.repeat(64)
    await new ModuleStore(storeDir).put(fingerprint, { extension: source }, { module: 'pkg.race', durationMs: 1 })

    /** Another build's prune, exactly between this build's lookup and its restore. */
    class PrunedMeanwhile extends ModuleStore {
      override async lookup(fp: string) {
        const found = await super.lookup(fp)
        fs.rmSync(path.join(this.root, 'v1'), { recursive: true })
        return found
      }
    }
    const warnings: string[] = []
    const log: BuildLog = { info: () => undefined, warning: message => warnings.push(message), group: () => undefined }
    const spec = { name: 'pkg.race', source: 'pkg/race.pyx', kind: 'cython', output: 'pkg/race.so', generated: 'pkg/race.c' } as ModuleSpec
    const settings = { workingDirectory: out, cache: { dir: storeDir } } as BuildSettings
    const cache = new OpenCache(
      new PrunedMeanwhile(storeDir),
      new Map([[spec, fingerprint]]),
      new Map(),
      settings,
      {} as ProbedToolchain,
      log,
    )
    expect(await cache.lookup(spec)).toBeUndefined()
    expect(warnings).toEqual([expect.stringMatching(/^Cache entry for pkg\.race could not be restored \(.*\): rebuilding it$/)])
    expect(cache.summary()).toMatchObject({ cached: 0, corrupt: 1 })
  })

  it('rebuilds when the entry is rewritten between lookup and restore, and installs nothing from it', async () => {
    const storeDir = path.join(root, 'race-store-2')
    const out = path.join(root, 'race-out-2')
    write(root, 'race2.so', 'the real bytes')
    const fingerprint = 'b'.repeat(64)
    await new ModuleStore(storeDir).put(fingerprint, { extension: path.join(root, 'race2.so') }, { module: 'pkg.race', durationMs: 1 })
    class RewrittenMeanwhile extends ModuleStore {
      override async lookup(fp: string) {
        const found = await super.lookup(fp)
        // As long as the real bytes: only the hash tells them apart.
        fs.writeFileSync(path.join(this.root, 'v1', 'bb', fp, 'extension'), 'other bytes!!!')
        return found
      }
    }
    const warnings: string[] = []
    const log: BuildLog = { info: () => undefined, warning: message => warnings.push(message), group: () => undefined }
    const spec = { name: 'pkg.race', source: 'pkg/race.pyx', kind: 'cython', output: 'pkg/race.so', generated: 'pkg/race.c' } as ModuleSpec
    const settings = { workingDirectory: out, cache: { dir: storeDir } } as BuildSettings
    const cache = new OpenCache(
      new RewrittenMeanwhile(storeDir),
      new Map([[spec, fingerprint]]),
      new Map(),
      settings,
      {} as ProbedToolchain,
      log,
    )
    expect(await cache.lookup(spec)).toBeUndefined()
    expect(warnings).toEqual([expect.stringMatching(/could not be restored \(.*changed since lookup\): rebuilding it$/)])
    expect(fs.existsSync(path.join(out, 'pkg/race.so'))).toBe(false)
  })
})

describe('link inputs the project owns (14.3)', () => {
  it('a static library built from the project, by libraries/library_dirs or by link-args, is in the key', async () => {
    const dir = path.join(root, 'linked')
    const store = path.join(root, 'linked-store')
    write(dir, 'pkg/__init__.py', '')
    const externFn = (fn: string) => `cdef extern from *:\n    """\n    int ${fn}(void);\n    """\n    int ${fn}()\n`
    write(
      dir,
      'pkg/bydirective.pyx',
      `# distutils: libraries = foo\n# distutils: library_dirs = lib\n# cython: language_level=3\n${externFn('foo_value')}\ndef check():\n    return foo_value()\n`,
    )
    write(dir, 'pkg/byargs.pyx', `# cython: language_level=3\n${externFn('bar_value')}\ndef check():\n    return bar_value()\n`)
    const library = (name: string, value: number): void => {
      write(dir, `csrc/${name}.c`, `int ${name}_value(void) { return ${value}; }\n`)
      fs.mkdirSync(path.join(dir, 'lib'), { recursive: true })
      execFileSync('gcc', ['-c', '-fPIC', `csrc/${name}.c`, '-o', `csrc/${name}.o`], { cwd: dir })
      fs.rmSync(path.join(dir, `lib/lib${name}.a`), { force: true })
      execFileSync('ar', ['rcs', `lib/lib${name}.a`, `csrc/${name}.o`], { cwd: dir })
    }
    const run = () => build(dir, store, ['--link-args', 'lib/libbar.a', 'pkg/*.pyx'])
    const values = () => importAndCall(dir, ['pkg.bydirective', 'pkg.byargs'])
    library('foo', 1)
    library('bar', 10)
    expect((await run()).built).toEqual(['pkg.byargs', 'pkg.bydirective'])
    expect(values()).toEqual({ 'pkg.bydirective': 1, 'pkg.byargs': 10 })

    library('foo', 2)
    const afterFoo = await run()
    expect(afterFoo.built).toEqual(['pkg.bydirective'])
    expect(afterFoo.cached).toEqual(['pkg.byargs'])
    expect(values()).toEqual({ 'pkg.bydirective': 2, 'pkg.byargs': 10 })

    // link-args reach every module: both link the new libbar.a.
    library('bar', 20)
    expect((await run()).built).toEqual(['pkg.byargs', 'pkg.bydirective'])
    expect(values()).toEqual({ 'pkg.bydirective': 2, 'pkg.byargs': 20 })
  }, 240_000)
})
