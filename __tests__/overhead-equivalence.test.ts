import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import * as glob from '@actions/glob'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { buildContextComposer, composeBuildContext } from '../src/cache/fingerprint.js'
import { ModuleStore } from '../src/cache/module-store.js'
import { findSources } from '../src/plan/find-sources.js'
import type { ModuleSpec } from '../src/plan/module-spec.js'
import { scheduleLongestFirst } from '../src/plan/schedule.js'
import { emptyDirectives, parseDistutilsDirectives } from '../src/plan/source-directives.js'

// The engine's fast paths must give exactly what the plain ones gave: the same files, contexts and directives.

const posixOnly = process.platform === 'win32' ? describe.skip : describe
let root: string

function write(file: string, text = ''): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  fs.writeFileSync(path.join(root, file), text)
}

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-overhead-')))
  for (const file of [
    'top.pyx',
    'top.c',
    'pkg/__init__.py',
    'pkg/one.pyx',
    'pkg/two.py',
    'pkg/m1.pyx',
    'pkg/mx.pyx',
    'pkg/m10.pyx',
    'pkg/sub/deep.pyx',
    'pkg/sub/deeper/x.pyx',
    'pkg/sub/helper.c',
    '.hidden/h.pyx',
    'pkg/.dot.pyx',
    'odd dir/with space.pyx',
    'dir.pyx/inner.pyx',
    'dir.pyx/inner.c',
    'build/gen.pyx',
    'other/pkg/o.pyx',
  ]) {
    write(file, '# x\n')
  }
  fs.symlinkSync('..', path.join(root, 'pkg', 'loop')) // a cycle
  fs.symlinkSync('pkg/sub', path.join(root, 'linked')) // a dir reached twice
  fs.symlinkSync('pkg/one.pyx', path.join(root, 'alias.pyx')) // a file reached through a link
  fs.symlinkSync('missing.pyx', path.join(root, 'broken.pyx'))
})

afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

async function actionsGlob(lines: string[]): Promise<string[]> {
  const write = process.stdout.write
  process.stdout.write = (() => true) as typeof write // @actions/core prints a ::debug:: line per step
  try {
    const globber = await glob.create(lines.join('\n'), { matchDirectories: false, followSymbolicLinks: true })
    return (await globber.glob()).sort()
  } finally {
    process.stdout.write = write
  }
}

posixOnly('source discovery through @actions/glob', () => {
  it('finds the sources @actions/glob finds, relative to the working directory, once each', async () => {
    const expected = (await actionsGlob([path.join(root, 'pkg/**/*.pyx')])).map(f => path.relative(root, f))
    expect(await findSources(['pkg/**/*.pyx'], root)).toEqual(expected)
    // A link to a dir above the search path is walked once, as @actions/glob walks it; the loop itself is cut.
    expect(expected).toEqual(
      expect.arrayContaining(['pkg/.dot.pyx', 'pkg/sub/deeper/x.pyx', 'pkg/loop/top.pyx', 'pkg/loop/linked/deep.pyx']),
    )
    expect(expected.filter(f => f.includes('loop/pkg'))).toEqual([])
    expect(await findSources(['**/*.pyx'], root)).not.toContain('pkg/loop/top.pyx')
  })

  it('still refuses a source that a symlink takes outside the working directory', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-outside-'))
    fs.writeFileSync(path.join(outside, 'far.pyx'), '')
    fs.symlinkSync(path.join(outside, 'far.pyx'), path.join(root, 'pkg', 'far.pyx'))
    try {
      await expect(findSources(['pkg/*.pyx'], root)).rejects.toThrow(/matched .*far\.pyx, which is outside the working directory/)
    } finally {
      fs.rmSync(path.join(root, 'pkg', 'far.pyx'))
      fs.rmSync(outside, { recursive: true, force: true })
    }
  })
})

describe('build context composer', () => {
  it('gives exactly what composeBuildContext gives for the merged fields', () => {
    const shared = { python: ['CPython', '3.11'], compiler: ['gcc', '-O2', '"q"'], cython: '0.29', zeta: 'z', module: 'shared-name' }
    const compose = buildContextComposer(shared)
    const owns: Array<Record<string, string | string[]>> = [
      {},
      { module: 'a.b', source: 'a/b.pyx' },
      { directives: '{"x":["\\n"]}', aaa: ['1', '2'], python: 'own wins' },
    ]
    for (const own of [...owns, ...owns]) {
      expect(compose(own)).toBe(composeBuildContext({ ...shared, ...own }))
    }
    expect(buildContextComposer({ '10': 'a', '9': 'b' })({ x: 'c' })).toBe(composeBuildContext({ '10': 'a', '9': 'b', x: 'c' }))
  })
})

describe('longest-first schedule', () => {
  it('orders equal costs by localeCompare, as before', () => {
    const spec = (name: string, size: number): ModuleSpec => ({
      name,
      source: `${name}.pyx`,
      kind: 'cython',
      language: 'c',
      directives: emptyDirectives(),
      generated: `${name}.c`,
      output: `${name}.so`,
      size,
    })
    const names = ['pkg.m_b', 'pkg.m.b', 'pkg.m10', 'pkg.m2', 'pkg_x', 'pkg.M', 'pkg.m', 'Zeta', 'éa', 'ea']
    const modules = names.map((name, i) => spec(name, i % 3 === 0 ? 50 : 10))
    const expected = [...modules].sort((a, b) => b.size - a.size || a.name.localeCompare(b.name))
    expect(scheduleLongestFirst(modules, {}).map(m => m.name)).toEqual(expected.map(m => m.name))
    const recorded = Object.fromEntries(names.map(name => [name, name === 'pkg.m2' ? 9 : 5]))
    expect(scheduleLongestFirst(modules, recorded).map(m => m.name)).toEqual([
      'pkg.m2',
      ...[...names].filter(n => n !== 'pkg.m2').sort((a, b) => a.localeCompare(b)),
    ])
  })
})

describe('distutils header', () => {
  it('reads CRLF headers and stops at the first code line of a big source', () => {
    const body = 'x = 1\n'.repeat(100000) + '# distutils: language = c++\n'
    const d = parseDistutilsDirectives('#!python\r\n# distutils: libraries = m z\r\n\r\n# distutils: language=c++\r\n' + body)
    expect(d.libraries).toEqual(['m', 'z'])
    expect(d.language).toBe('c++')
    expect(parseDistutilsDirectives(body).language).toBeUndefined()
  })
})

describe('module store listing', () => {
  it('lists the fingerprints that have an entry, and nothing for a store that does not exist', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-store-'))
    try {
      const store = new ModuleStore(path.join(dir, 'store')) // beside the output: a store refuses a dir of other files
      expect(await store.entryFingerprints()).toEqual(new Set())
      const ext = path.join(dir, 'm.so')
      fs.writeFileSync(ext, 'binary')
      const fp = 'ab'.repeat(32)
      await store.put(fp, { extension: ext }, { module: 'm', durationMs: 5 })
      fs.mkdirSync(path.join(store.root, 'v1', 'cd', 'not-a-fingerprint'), { recursive: true })
      expect(await store.entryFingerprints()).toEqual(new Set([fp]))
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
