import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

const corpus = await import('../bench/corpus.mjs')
const CLI = path.resolve('bench/corpus.mjs')

const made: string[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-corpus-'))
  made.push(dir)
  return dir
}
afterAll(() => made.forEach(d => fs.rmSync(d, { recursive: true, force: true })))

/** Every file under dir, relative, with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else files.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'))
    }
  }
  walk(dir)
  return files
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

describe('bench corpus: determinism', () => {
  it('writes byte-identical trees for the same seed, from the CLI too', () => {
    const [a, b] = [tempDir(), tempDir()]
    corpus.generateCorpus(a, { modules: 40, seed: 7 })
    execFileSync(process.execPath, [CLI, '--out', b, '--modules', '40', '--seed', '7'])
    const [sa, sb] = [snapshot(a), snapshot(b)]
    expect([...sa.keys()].sort()).toEqual([...sb.keys()].sort())
    for (const [file, text] of sa) expect(sb.get(file)).toBe(text)
  })

  it('changes with the seed', () => {
    const one = corpus.corpusFiles({ modules: 40, seed: 1 }).files
    const two = corpus.corpusFiles({ modules: 40, seed: 2 }).files
    const differing = [...one].filter(([file, text]) => two.get(file) !== text)
    expect(differing.length).toBeGreaterThan(10)
  })

  it('regenerates over a previous corpus but refuses any other non-empty directory', () => {
    const dir = tempDir()
    corpus.generateCorpus(dir, { modules: 8 })
    expect(corpus.generateCorpus(dir, { modules: 8 }).moduleCount).toBe(8)
    const other = tempDir()
    fs.writeFileSync(path.join(other, 'keep.txt'), 'x')
    expect(() => corpus.generateCorpus(other, { modules: 8 })).toThrow(/not a corpus made by bench\/corpus\.mjs/)
  })
})

describe('bench corpus: shape of the default 120-module corpus', () => {
  const { files, manifest } = corpus.corpusFiles()
  const pyx = manifest.modules

  it('has the planned mix of heavy, C++ and .pxd-class modules', () => {
    expect(pyx).toHaveLength(120)
    expect(manifest.counts).toMatchObject({ heavy: 4, cpp: 6, shape: 7 })
    expect(new Set(pyx.filter(m => m.kind === 'heavy').map(m => m.flavour))).toEqual(new Set(['classes', 'inline-c']))
    for (const m of pyx) expect(files.has(m.source)).toBe(true)
  })

  it('has a long tail of sizes: most modules small, heavy ones many times the median', () => {
    const plainUnits = pyx.filter(m => m.kind === 'plain').map(m => m.units)
    const mid = median(plainUnits)
    expect(mid).toBeLessThanOrEqual(5)
    expect(Math.max(...plainUnits)).toBeGreaterThanOrEqual(4 * mid)
    const sizes = pyx.map(m => (files.get(m.source) ?? '').length)
    for (const m of pyx.filter(x => x.kind === 'heavy')) {
      expect((files.get(m.source) ?? '').length).toBeGreaterThan(10 * median(sizes))
    }
  })

  it('cimports through a .pxd graph: one widely cimported header, chains, .pxi includes', () => {
    const base = manifest.edits.pxd.path
    expect(manifest.counts.baseDependents).toBeGreaterThan(pyx.length / 2)
    expect(manifest.edits.pxd.dependents).toBe(pyx.filter(m => m.deps.includes(base)).length)
    expect(files.get('benchpkg/core/top.pxd')).toMatch(/cimport mid_step/)
    expect(files.get('benchpkg/core/mid.pxd')).toMatch(/from benchpkg\.core\.base cimport/)
    // a class chain: shape_01.pxd -> shape_00.pxd -> base.pxd
    expect(files.get('benchpkg/shapes/shape_01.pxd')).toMatch(/from benchpkg\.shapes\.shape_00 cimport Shape00/)
    expect(manifest.counts.chain).toBeGreaterThan(5)
    expect(manifest.counts.pxi).toBeGreaterThan(5)
    const includers = pyx.filter(m => m.deps.some(d => d.endsWith('.pxi')))
    for (const m of includers) expect(files.get(m.source)).toMatch(/^include "_\w+_consts\.pxi"$/m)
  })

  it('marks C++ modules for cythonize and lists every module in setup.py', () => {
    const setup = files.get('setup.py') ?? ''
    for (const m of pyx) {
      const lang = m.language === 'c++' ? ", language='c++'" : ''
      expect(setup).toContain(`Extension('${m.name}', ['${m.source}']${lang})`)
      expect((files.get(m.source) ?? '').includes('# distutils: language = c++')).toBe(m.language === 'c++')
    }
    expect(setup).toContain('cythonize(extensions')
  })

  it('gives every module a check() with an integer expected value, and a package __init__ everywhere', () => {
    for (const m of pyx) {
      expect(files.get(m.source)).toMatch(/^def check\(\):/m)
      expect(Number.isSafeInteger(m.expected)).toBe(true)
      const pkg = path.posix.dirname(m.source)
      expect(files.has(`${pkg}/__init__.py`)).toBe(true)
    }
    expect(manifest.edits.pyx.dependents).toBe(1)
    expect(pyx.find(m => m.source === manifest.edits.pyx.path)?.kind).toBe('plain')
  })
})

describe('bench corpus: small corpora, edits and bad input', () => {
  it('keeps every kind from 4 modules up, and shrinks heavy modules on request', () => {
    const small = corpus.corpusFiles({ modules: 4 }).manifest
    expect(small.counts).toMatchObject({ heavy: 1, cpp: 1, shape: 1, plain: 1 })
    const full = corpus.corpusFiles({ modules: 8 }).manifest.modules.find(m => m.kind === 'heavy')
    const light = corpus.corpusFiles({ modules: 8, heavyScale: 0.1 }).manifest.modules.find(m => m.kind === 'heavy')
    expect(light!.units).toBeLessThan(full!.units / 4)
  })

  it('edits add code to a .pyx and to a .pxd', () => {
    const dir = tempDir()
    const m = corpus.generateCorpus(dir, { modules: 8 })
    for (const rel of [m.edits.pyx.path, m.edits.pxd.path]) {
      const before = fs.readFileSync(path.join(dir, rel), 'utf8')
      corpus.editSource(dir, rel, 3)
      const after = fs.readFileSync(path.join(dir, rel), 'utf8')
      expect(after.startsWith(before)).toBe(true)
      expect(after.slice(before.length)).toMatch(/bench_edit_3/)
    }
  })

  it('rejects bad sizes with a one-line message naming the input', () => {
    expect(() => corpus.corpusFiles({ modules: 3 })).toThrow('modules: expected an integer >= 4, got 3')
    expect(() => corpus.corpusFiles({ heavyScale: 0 })).toThrow(/heavyScale/)
    let stderr = ''
    try {
      execFileSync(process.execPath, [CLI, '--out', tempDir(), '--modules', 'many'], { stdio: 'pipe' })
    } catch (err) {
      stderr = String((err as { stderr: Buffer }).stderr)
    }
    expect(stderr.trim()).toBe('corpus.mjs: --modules many: expected an integer >= 4')
  })
})
