import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { buildSync } from 'esbuild'

import { sha256Hex } from '../src/cache/fingerprint.js'
import { choosePruneVictims, ModuleStore, STORE_MARKER, type StoreEntry } from '../src/cache/module-store.js'

const fp = (n: number | string): string => sha256Hex(`fingerprint ${n}`)
let dir: string
let bundle: string

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-store-'))
  fs.chmodSync(dir, 0o755) // readable by the unprivileged child below
  bundle = path.join(dir, 'module-store.mjs')
  buildSync({
    entryPoints: [path.resolve('src/cache/module-store.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'warning',
  })
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** A fake build output: an extension (executable bit set, as gcc leaves it) and a generated C file. */
function builtModule(name: string, size = 4096): { extension: string; generated: string } {
  const out = fs.mkdtempSync(path.join(dir, 'build-'))
  const extension = path.join(out, `${name}.cpython-311-x86_64-linux-gnu.so`)
  const generated = path.join(out, `${name}.c`)
  fs.writeFileSync(extension, Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + name.length) % 256)))
  fs.chmodSync(extension, 0o755)
  fs.writeFileSync(generated, `/* generated for ${name} */\n`.repeat(Math.max(1, size / 32)))
  return { extension, generated }
}

function asEntry(result: Awaited<ReturnType<ModuleStore['lookup']>>): StoreEntry {
  if (result.kind !== 'found') throw new Error(`expected an entry, got ${JSON.stringify(result)}`)
  return result
}

function entryDir(root: string, fingerprint: string): string {
  return path.join(root, 'v1', fingerprint.slice(0, 2), fingerprint)
}

function runNode(
  script: string,
  args: string[],
  options: { uid?: number; gid?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('error', reject)
    child.on('close', code => resolve({ code, stdout, stderr }))
  })
}

describe('ModuleStore', () => {
  it('round-trips put, lookup and restore byte for byte', async () => {
    const store = new ModuleStore(path.join(dir, 'roundtrip'))
    const built = builtModule('fast')
    const put = await store.put(fp(1), built, { module: 'pkg.fast', durationMs: 1234 })
    expect(put.outcome).toBe('stored')
    const entry = asEntry(await store.lookup(fp(1)))
    expect(entry.manifest.module).toBe('pkg.fast')
    expect(entry.manifest.durationMs).toBe(1234)
    expect(entry.manifest.files.extension.name).toBe(path.basename(built.extension))

    const target = path.join(dir, 'roundtrip-out', 'nested')
    const destinations = { extension: path.join(target, 'fast.so'), generated: path.join(target, 'fast.c') }
    await store.restore(entry, destinations)
    expect(fs.readFileSync(destinations.extension).equals(fs.readFileSync(built.extension))).toBe(true)
    expect(fs.readFileSync(destinations.generated).equals(fs.readFileSync(built.generated))).toBe(true)
    if (process.platform !== 'win32') expect(fs.statSync(destinations.extension).mode & 0o777).toBe(0o755)
    expect(fs.readdirSync(target).sort()).toEqual(['fast.c', 'fast.so'])

    // No absolute path inside the store: it must survive being restored elsewhere.
    const manifest = fs.readFileSync(path.join(entryDir(store.root, fp(1)), 'manifest.json'), 'utf8')
    expect(manifest).not.toContain(dir)
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([])
    expect(store.usedFingerprints()).toEqual(new Set([fp(1)]))
  })

  it('reports missing entries and rejects a bad fingerprint', async () => {
    const store = new ModuleStore(path.join(dir, 'missing'))
    expect(await store.lookup(fp('none'))).toEqual({ kind: 'missing' })
    await expect(store.lookup('abc')).rejects.toThrow(/Invalid fingerprint: "abc"; expected 64 lowercase hex/)
    await expect(store.put(fp(1), { extension: path.join(dir, 'no-such.so') }, { module: 'gone', durationMs: 1 })).rejects.toThrow(
      /^Cannot store module gone in the cache: ENOENT/,
    )
    await expect(store.put(fp(1), { extension: 'relative.so' }, { module: 'rel', durationMs: 1 })).rejects.toThrow(
      /Invalid extension path: relative\.so; expected an absolute path/,
    )
    expect(await store.lookup(fp(1))).toEqual({ kind: 'missing' })
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([])
  })

  it('reports a truncated or altered file as corrupt', async () => {
    const store = new ModuleStore(path.join(dir, 'corrupt'))
    await store.put(fp(1), builtModule('a'), { module: 'a', durationMs: 1 })
    await store.put(fp(2), builtModule('b'), { module: 'b', durationMs: 1 })
    fs.truncateSync(path.join(entryDir(store.root, fp(1)), 'extension'), 100)
    expect(await store.lookup(fp(1))).toEqual({ kind: 'corrupt', reason: 'extension file is 100 bytes, the manifest says 4096' })
    const generated = path.join(entryDir(store.root, fp(2)), 'generated')
    const bytes = fs.readFileSync(generated)
    bytes[10] ^= 0xff
    fs.writeFileSync(generated, bytes)
    expect(await store.lookup(fp(2))).toEqual({ kind: 'corrupt', reason: 'generated file content does not match its recorded sha256' })
  })

  it('reports a garbage or missing manifest as corrupt', async () => {
    const store = new ModuleStore(path.join(dir, 'garbage'))
    await store.put(fp(1), builtModule('a'), { module: 'a', durationMs: 1 })
    await store.put(fp(2), builtModule('b'), { module: 'b', durationMs: 1 })
    await store.put(fp(3), builtModule('c'), { module: 'c', durationMs: 1 })
    fs.writeFileSync(path.join(entryDir(store.root, fp(1)), 'manifest.json'), '\u0000\u0001not json')
    fs.writeFileSync(path.join(entryDir(store.root, fp(2)), 'manifest.json'), JSON.stringify({ format: 'something else' }))
    fs.rmSync(path.join(entryDir(store.root, fp(3)), 'manifest.json'))
    expect(await store.lookup(fp(1))).toEqual({ kind: 'corrupt', reason: 'manifest.json is not valid JSON' })
    expect(await store.lookup(fp(2))).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/not a .* manifest/) })
    expect(await store.lookup(fp(3))).toEqual({ kind: 'corrupt', reason: 'manifest.json is missing' })
  })

  it('replaces a corrupt entry on put and keeps an intact one', async () => {
    const store = new ModuleStore(path.join(dir, 'replace'))
    const built = builtModule('r')
    await store.put(fp(1), built, { module: 'r', durationMs: 1 })
    expect((await store.put(fp(1), built, { module: 'r', durationMs: 2 })).outcome).toBe('existing')
    expect(asEntry(await store.lookup(fp(1))).manifest.durationMs).toBe(1)
    fs.truncateSync(path.join(entryDir(store.root, fp(1)), 'extension'), 0)
    expect((await store.put(fp(1), built, { module: 'r', durationMs: 3 })).outcome).toBe('stored')
    expect(asEntry(await store.lookup(fp(1))).manifest.durationMs).toBe(3)
  })

  it('still hits after the store is copied to another directory', async () => {
    const original = new ModuleStore(path.join(dir, 'copy-from'))
    const built = builtModule('moved')
    await original.put(fp(7), built, { module: 'moved', durationMs: 5 })
    await original.writeDurations({ moved: 5 })
    fs.cpSync(original.root, path.join(dir, 'elsewhere', 'copy-to'), { recursive: true })
    fs.rmSync(original.root, { recursive: true })
    const copy = new ModuleStore(path.join(dir, 'elsewhere', 'copy-to'))
    const entry = asEntry(await copy.lookup(fp(7)))
    const destination = path.join(dir, 'copy-out', 'moved.so')
    await copy.restore(entry, { extension: destination })
    expect(fs.readFileSync(destination).equals(fs.readFileSync(built.extension))).toBe(true)
    expect(await copy.readDurations()).toEqual({ moved: 5 })
  })

  it('prunes entries this build did not use and its own leftover temp dirs, never a file it did not write', async () => {
    const root = path.join(dir, 'prune-use')
    const first = new ModuleStore(root)
    for (const n of [1, 2, 3]) await first.put(fp(n), builtModule(`m${n}`), { module: `m${n}`, durationMs: 10 })
    fs.mkdirSync(path.join(root, 'tmp', 'put-crashed'), { recursive: true })
    fs.writeFileSync(path.join(root, 'v1', 'stray.txt'), 'x')

    const next = new ModuleStore(root) // the next build: hits m2 only
    await next.restore(asEntry(await next.lookup(fp(2))), { extension: path.join(dir, 'prune-out', 'm2.so') })
    const report = await next.prune(next.usedFingerprints(), Infinity)
    expect(report.removed.sort()).toEqual([fp(1), fp(3)].sort())
    expect(await next.lookup(fp(1))).toEqual({ kind: 'missing' })
    expect(await next.lookup(fp(3))).toEqual({ kind: 'missing' })
    expect(asEntry(await next.lookup(fp(2))).manifest.module).toBe('m2')
    expect(fs.existsSync(path.join(root, 'tmp'))).toBe(false)
    expect(fs.readdirSync(path.join(root, 'v1')).sort()).toEqual([fp(2).slice(0, 2), 'stray.txt'].sort())
    expect(report.keptBytes).toBeGreaterThan(4096)
  })

  it('prunes to a size limit, least build time per byte first', async () => {
    const root = path.join(dir, 'prune-size')
    const store = new ModuleStore(root)
    await store.put(fp('big-quick'), builtModule('bq', 64 * 1024), { module: 'bq', durationMs: 100 })
    await store.put(fp('big-slow'), builtModule('bs', 64 * 1024), { module: 'bs', durationMs: 60_000 })
    await store.put(fp('small'), builtModule('s', 1024), { module: 's', durationMs: 100 })
    const used = store.usedFingerprints()
    const report = await store.prune(used, 160 * 1024)
    expect(report.removed).toEqual([fp('big-quick')])
    expect(report.keptBytes).toBeLessThanOrEqual(160 * 1024)
    expect(await store.lookup(fp('big-quick'))).toEqual({ kind: 'missing' })
    expect((await store.prune(used, 0)).removed.sort()).toEqual([fp('big-slow'), fp('small')].sort())
    await expect(store.prune(used, -1)).rejects.toThrow(/Invalid maxBytes/)
  })

  it('chooses prune victims as documented (pure)', () => {
    const entries = [
      { fingerprint: 'a', size: 100, durationMs: 0 },
      { fingerprint: 'b', size: 300, durationMs: 0 },
      { fingerprint: 'c', size: 200, durationMs: 10_000 },
      { fingerprint: 'd', size: 50, durationMs: 0 },
    ]
    const all = new Set(['a', 'b', 'c', 'd'])
    expect(choosePruneVictims(entries, all, 1000)).toEqual([])
    expect(choosePruneVictims(entries, new Set(['a', 'c']), 1000)).toEqual(['b', 'd'])
    // Unknown durations: largest first; a slow build is kept longest.
    expect(choosePruneVictims(entries, all, 300)).toEqual(['b', 'a'])
    expect(choosePruneVictims(entries, all, 0)).toEqual(['b', 'a', 'd', 'c'])
  })

  it('keeps durations in an atomic JSON file', async () => {
    const store = new ModuleStore(path.join(dir, 'durations'))
    expect(await store.readDurations()).toEqual({})
    await store.writeDurations({ 'pkg.b': 20, 'pkg.a': 1500.5 })
    expect(await store.readDurations()).toEqual({ 'pkg.a': 1500.5, 'pkg.b': 20 })
    expect(fs.readdirSync(store.root).sort()).toEqual([STORE_MARKER, 'durations.json'].sort())
    fs.writeFileSync(path.join(store.root, 'durations.json'), '{"a": 1, "b": "slow", "c": -4, ')
    expect(await store.readDurations()).toEqual({})
    fs.writeFileSync(path.join(store.root, 'durations.json'), '{"a": 1, "b": "slow", "c": -4}')
    expect(await store.readDurations()).toEqual({ a: 1 })
    await expect(store.writeDurations({ x: Number.NaN })).rejects.toThrow(/Invalid duration of x: NaN/)
  })

  it('survives two processes putting the same fingerprints at once', async () => {
    const root = path.join(dir, 'concurrent')
    const built = builtModule('shared', 256 * 1024)
    const fingerprints = Array.from({ length: 25 }, (_, i) => fp(`concurrent ${i}`))
    const script = `
      import { ModuleStore } from ${JSON.stringify(bundle)}
      const [root, extension, generated, list, startAt] = process.argv.slice(1)
      while (Date.now() < Number(startAt)) {}
      const store = new ModuleStore(root)
      const outcomes = []
      for (const fp of list.split(',')) outcomes.push((await store.put(fp, { extension, generated }, { module: 'shared', durationMs: 1 })).outcome)
      console.log(outcomes.join(','))
    `
    const args = [root, built.extension, built.generated, fingerprints.join(','), String(Date.now() + 1500)]
    const results = await Promise.all([runNode(script, args), runNode(script, args)])
    for (const r of results) expect(r).toMatchObject({ code: 0, stderr: '' })
    const outcomes = results.flatMap(r => r.stdout.trim().split(','))
    expect(outcomes.filter(o => o === 'stored')).toHaveLength(25) // each fingerprint stored exactly once
    const store = new ModuleStore(root)
    for (const f of fingerprints) {
      const entry = asEntry(await store.lookup(f))
      expect(entry.manifest.files.extension.sha256).toBe(sha256Hex(fs.readFileSync(built.extension)))
    }
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([])
  })

  it('removes its temp file when the final rename fails, keeping what was there', async () => {
    const store = new ModuleStore(path.join(dir, 'rename-fails'))
    await store.put(fp(8), builtModule('blocked'), { module: 'blocked', durationMs: 1 })
    const target = path.join(dir, 'rename-fails-out')
    const blocker = path.join(target, 'blocked.so') // a non-empty directory where the file should go
    fs.mkdirSync(blocker, { recursive: true })
    fs.writeFileSync(path.join(blocker, 'inside'), 'x')
    await expect(store.restore(asEntry(await store.lookup(fp(8))), { extension: blocker })).rejects.toThrow(
      /^Cannot restore extension of module blocked to .*blocked\.so: E/,
    )
    expect(fs.readdirSync(target)).toEqual(['blocked.so'])
    expect(fs.readdirSync(blocker)).toEqual(['inside'])
  })

  it('fails cleanly when restoring into a read-only directory, leaving no temp file', async () => {
    if (process.platform === 'win32') return
    const store = new ModuleStore(path.join(dir, 'readonly-store'))
    await store.put(fp(9), builtModule('ro'), { module: 'ro', durationMs: 1 })
    const target = path.join(dir, 'readonly-target')
    fs.mkdirSync(target)
    fs.writeFileSync(path.join(target, 'existing.txt'), 'keep')
    fs.chmodSync(target, 0o555)
    // root ignores permissions, so the restore runs as an unprivileged user when the tests run as root.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
    makeReadable(store.root)
    const script = `
      import { ModuleStore } from ${JSON.stringify(bundle)}
      const [root, fingerprint, destination] = process.argv.slice(1)
      const store = new ModuleStore(root)
      const entry = await store.lookup(fingerprint)
      try {
        await store.restore(entry, { extension: destination })
        console.log('restored')
      } catch (err) {
        console.log('error: ' + err.message)
      }
    `
    const result = await runNode(script, [store.root, fp(9), path.join(target, 'ro.so')], asUser)
    expect(result.stderr).toBe('')
    expect(result.stdout.trim()).toMatch(/^error: Cannot restore extension of module ro to .*ro\.so: EACCES/)
    expect(result.stdout.trim().split('\n')).toHaveLength(1)
    expect(fs.readdirSync(target)).toEqual(['existing.txt'])
    fs.chmodSync(target, 0o755)
  })
})

/** Lets another user read the store (mkdtemp dirs are private). */
function makeReadable(root: string): void {
  for (let dirPath = root; dirPath.startsWith(dir); dirPath = path.dirname(dirPath)) fs.chmodSync(dirPath, 0o755)
  for (const entry of fs.readdirSync(root, { recursive: true }) as string[]) {
    const full = path.join(root, entry)
    fs.chmodSync(full, fs.statSync(full).isDirectory() ? 0o755 : 0o644)
  }
}

describe('ModuleStore trusts nothing it reads back', () => {
  it('treats a symlinked store file as a damaged entry, even when it points at the right bytes', async () => {
    const store = new ModuleStore(path.join(dir, 'linked-file'))
    const built = builtModule('linked')
    await store.put(fp(1), built, { module: 'linked', durationMs: 1 })
    const stored = path.join(entryDir(store.root, fp(1)), 'extension')
    fs.rmSync(stored)
    fs.symlinkSync(built.extension, stored) // same bytes: the hash check alone would pass
    expect(await store.lookup(fp(1))).toEqual({
      kind: 'corrupt',
      reason: expect.stringMatching(/^extension file unreadable: extension is a symlink/),
    })
  })

  it('treats a symlinked manifest or entry dir as damaged', async () => {
    const store = new ModuleStore(path.join(dir, 'linked-dir'))
    await store.put(fp(1), builtModule('one'), { module: 'one', durationMs: 1 })
    await store.put(fp(2), builtModule('two'), { module: 'two', durationMs: 1 })
    const manifest = path.join(entryDir(store.root, fp(1)), 'manifest.json')
    fs.renameSync(manifest, `${manifest}.real`)
    fs.symlinkSync(`${manifest}.real`, manifest)
    expect(await store.lookup(fp(1))).toEqual({ kind: 'corrupt', reason: expect.stringMatching(/manifest\.json is a symlink/) })
    const entry = entryDir(store.root, fp(2))
    fs.renameSync(entry, path.join(dir, 'linked-dir-elsewhere'))
    fs.symlinkSync(path.join(dir, 'linked-dir-elsewhere'), entry)
    expect(await store.lookup(fp(2))).toEqual({ kind: 'corrupt', reason: expect.stringMatching(/is a symlink/) })
    // Prune removes the link, never what it points at.
    await store.prune(new Set(), Infinity)
    expect(fs.existsSync(path.join(dir, 'linked-dir-elsewhere', 'manifest.json'))).toBe(true)
  })

  it('installs with a fixed mode, never the manifest mode', async () => {
    if (process.platform === 'win32') return
    const store = new ModuleStore(path.join(dir, 'mode'))
    await store.put(fp(1), builtModule('mode'), { module: 'mode', durationMs: 1 })
    const file = path.join(entryDir(store.root, fp(1)), 'manifest.json')
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'))
    manifest.files.extension.mode = 4095
    manifest.files.generated.mode = 4095
    fs.writeFileSync(file, JSON.stringify(manifest))
    const out = path.join(dir, 'mode-out')
    await store.restore(asEntry(await store.lookup(fp(1))), { extension: path.join(out, 'mode.so'), generated: path.join(out, 'mode.c') })
    const umask = process.umask()
    expect(fs.statSync(path.join(out, 'mode.so')).mode & 0o7777).toBe(0o755 & ~umask)
    expect(fs.statSync(path.join(out, 'mode.c')).mode & 0o7777).toBe(0o644 & ~umask)
  })

  it('writes its marker, and refuses to write or prune in a non-empty directory that is not a store', async () => {
    const store = new ModuleStore(path.join(dir, 'marked'))
    await store.put(fp(1), builtModule('m'), { module: 'm', durationMs: 1 })
    expect(fs.readFileSync(path.join(store.root, STORE_MARKER), 'utf8')).toMatch(/^cython-fanout module store v1\n/)

    const project = path.join(dir, 'project')
    fs.mkdirSync(path.join(project, 'tmp'), { recursive: true })
    fs.mkdirSync(path.join(project, 'v1', 'api'), { recursive: true })
    fs.writeFileSync(path.join(project, 'tmp', 'put-notes'), 'mine')
    fs.writeFileSync(path.join(project, 'v1', 'api', 'spec.json'), '{}')
    const foreign = new ModuleStore(project)
    const refusal =
      /^Invalid cache-dir .*project: it holds files \(tmp, v1\) and is no cython-fanout store \(no \.cython-fanout-store\); set cache-dir to a new or empty directory$/
    await expect(foreign.checkOwnership()).rejects.toThrow(refusal)
    await expect(foreign.prune(new Set(), 0)).rejects.toThrow(refusal)
    await expect(foreign.put(fp(1), builtModule('x'), { module: 'x', durationMs: 1 })).rejects.toThrow(refusal)
    await expect(foreign.writeDurations({ x: 1 })).rejects.toThrow(refusal)
    expect(fs.readFileSync(path.join(project, 'tmp', 'put-notes'), 'utf8')).toBe('mine')
    expect(fs.readFileSync(path.join(project, 'v1', 'api', 'spec.json'), 'utf8')).toBe('{}')
    expect(fs.existsSync(path.join(project, STORE_MARKER))).toBe(false)
  })

  it('adopts a store written before the marker existed (as restored from an older cache)', async () => {
    const store = new ModuleStore(path.join(dir, 'legacy'))
    await store.put(fp(1), builtModule('old'), { module: 'old', durationMs: 1 })
    await store.writeDurations({ old: 1 })
    fs.rmSync(path.join(store.root, STORE_MARKER))
    const next = new ModuleStore(store.root)
    await next.checkOwnership()
    await next.prune(new Set(), Infinity)
    expect(await next.lookup(fp(1))).toEqual({ kind: 'missing' })
    expect(fs.existsSync(path.join(store.root, STORE_MARKER))).toBe(true)
  })
})

describe('choosePruneVictims with keepUnused (the local command shares one store between projects)', () => {
  const e = (fingerprint: string, size: number, durationMs = 1000) => ({ fingerprint, size, durationMs })

  it('keeps unused entries while the store fits', () => {
    expect(choosePruneVictims([e('a', 10), e('b', 10)], new Set(['a']), 100, true)).toEqual([])
  })

  it('drops unused entries before used ones when over the bound', () => {
    expect(choosePruneVictims([e('a', 10), e('b', 10), e('c', 10)], new Set(['a']), 15, true).sort()).toEqual(['b', 'c'])
    expect(choosePruneVictims([e('a', 10), e('b', 10)], new Set(['a']), 10, true)).toEqual(['b'])
  })
})
