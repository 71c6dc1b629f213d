import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { DiskSourceReader, hashFiles } from '../src/cache/content-hash.js'
import { dependencyPath } from '../src/cache/dependency-keys.js'
import { DependencyResolver, scanModuleDependencies, type ScanOptions } from '../src/cache/dependency-scan.js'
import { combinedFingerprint, composeBuildContext, moduleFingerprint, sha256Hex } from '../src/cache/fingerprint.js'
import { scanReferences } from '../src/cache/reference-lexer.js'
import type { SourceReader } from '../src/cache/source-reader.js'
import type { ModuleSpec } from '../src/plan/module-spec.js'

function spec(
  name: string,
  source: string,
  extra: Partial<ModuleSpec> = {},
  directives: Partial<ModuleSpec['directives']> = {},
): ModuleSpec {
  const stem = source.replace(/\.[^./]+$/, '')
  return {
    name,
    source,
    kind: source.endsWith('.c') ? 'c' : 'cython',
    language: 'c',
    directives: {
      libraries: [],
      libraryDirs: [],
      includeDirs: [],
      sources: [],
      defineMacros: [],
      extraCompileArgs: [],
      extraLinkArgs: [],
      ...directives,
    },
    generated: source.endsWith('.c') ? source : `${stem}.c`,
    output: `${stem}.so`,
    size: 1,
    ...extra,
  }
}

/** An in-memory tree: keys relative to `root`, with `/`. With `listing`, it can also list dirs. */
function memoryTree(root: string, files: Record<string, string>, listing = false): SourceReader {
  const byPath = new Map(Object.entries(files).map(([rel, text]) => [path.resolve(root, rel), text]))
  const readFile = (file: string): string | undefined => byPath.get(path.resolve(file))
  if (!listing) return { readFile }
  // as readdir does: the files and the sub-dirs in it
  const listDir = (dir: string): string[] => {
    const names = [...byPath.keys()]
      .map(file => path.relative(path.resolve(dir), file))
      .filter(rel => rel && !rel.startsWith('..') && !path.isAbsolute(rel))
    return [...new Set(names.map(rel => rel.split(path.sep)[0]))]
  }
  return { readFile, listDir }
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    fs.writeFileSync(path.join(root, rel), text)
  }
}

/** Fingerprints of modules on disk, read fresh (a new reader sees edits). */
function fingerprints(specs: ModuleSpec[], opts: ScanOptions): Record<string, string> {
  const reader = new DiskSourceReader()
  const resolver = new DependencyResolver(opts, reader)
  const result: Record<string, string> = {}
  for (const s of specs) result[s.name] = moduleFingerprint(hashFiles(resolver.filesOf(s), reader), `module=${s.name}`)
  return result
}

describe('scanReferences (pure)', () => {
  it('reads every cimport form', () => {
    const text = [
      'cimport a.b',
      'cimport c.d as e, f',
      'from g.h cimport x, y as z',
      'from . cimport sibling',
      'from .sub cimport deep',
      'from ..up.pkg cimport (p,',
      '    q as r)',
      'cimport s; cimport t',
      'from u \\',
      '    cimport v',
      'from w cimport *',
      'from cython.cimports.libc.math import sin',
      'import cython.cimports.k.l',
    ].join('\n')
    expect(scanReferences(text, 'pyx')).toEqual([
      { type: 'cimport', level: 0, module: 'a.b', names: [] },
      { type: 'cimport', level: 0, module: 'c.d', names: [] },
      { type: 'cimport', level: 0, module: 'f', names: [] },
      { type: 'cimport', level: 0, module: 'g.h', names: ['x', 'y'] },
      { type: 'cimport', level: 1, module: '', names: ['sibling'] },
      { type: 'cimport', level: 1, module: 'sub', names: ['deep'] },
      { type: 'cimport', level: 2, module: 'up.pkg', names: ['p', 'q'] },
      { type: 'cimport', level: 0, module: 's', names: [] },
      { type: 'cimport', level: 0, module: 't', names: [] },
      { type: 'cimport', level: 0, module: 'u', names: ['v'] },
      { type: 'cimport', level: 0, module: 'w', names: [] },
      { type: 'cimport', level: 0, module: 'libc.math', names: ['sin'] },
      { type: 'cimport', level: 0, module: 'k.l', names: [] },
    ])
  })

  it('reads a bracketed cimport list that ends the statements, and nothing after the last one', () => {
    const text = ['"""doc"""', 'from a cimport (x,', '    y as z,', '    w)', 'def f():', '    return "cimport fake"', ''].join('\n')
    expect(scanReferences(text, 'pyx')).toEqual([{ type: 'cimport', level: 0, module: 'a', names: ['x', 'y', 'w'] }])
    expect(scanReferences('def f():\n    pass\n', 'pyx')).toEqual([])
  })

  it('reads a last statement continued with a backslash, or after a semicolon', () => {
    expect(scanReferences('x = 1\nfrom u \\\r\n    \\\n    cimport v\ny = 2\n', 'pyx')).toEqual([
      { type: 'cimport', level: 0, module: 'u', names: ['v'] },
    ])
    expect(scanReferences('x = 1; cimport late\ny = 2\n', 'pyx')).toEqual([{ type: 'cimport', level: 0, module: 'late', names: [] }])
  })

  it('reads include, extern and verbatim C includes; ignores extern from *', () => {
    const text = [
      'include "defs.pxi"',
      "include 'more.pxi'",
      'cdef extern from "api.h" nogil:',
      '    int f()',
      'cdef extern from *:',
      '    """',
      '    #include "verbatim.h"',
      '    """',
      'cdef extern from "<vector>" namespace "std":',
      '    pass',
    ].join('\n')
    expect(scanReferences(text, 'pxd')).toEqual([
      { type: 'include', path: 'defs.pxi' },
      { type: 'include', path: 'more.pxi' },
      { type: 'extern', header: 'api.h' },
      { type: 'extern', header: '<vector>' },
      { type: 'extern', header: 'verbatim.h' },
    ])
  })

  it('reads verbatim C in a named extern block after the last statement', () => {
    const text = [
      'cdef extern from "Python.h":',
      '    """',
      '    #include "longintrepr.h"',
      '    """',
      '    ctypedef unsigned int digit',
      '',
    ].join('\n')
    expect(scanReferences(text, 'pxd')).toEqual([
      { type: 'extern', header: 'Python.h' },
      { type: 'extern', header: 'longintrepr.h' },
    ])
  })

  it('ignores comments and strings', () => {
    const text = [
      '# cimport commented',
      'x = "cimport in_string"',
      '"""',
      'cimport in_docstring',
      'include "in_docstring.pxi"',
      '"""',
      "y = 'from a cimport b'  # cimport trailing",
      's = "escaped \\" cimport q"',
      'cimport real  # include "no.pxi"',
    ].join('\n')
    expect(scanReferences(text, 'pyx')).toEqual([{ type: 'cimport', level: 0, module: 'real', names: [] }])
  })

  it('reads distutils sources/depends only in the leading comment block', () => {
    const text = [
      '#!python',
      '# distutils: sources = a.c, b.c',
      '# distutils: depends = [x.h, "y.h"]',
      '# cython: boundscheck=False',
      '',
      'pass',
      '# distutils: depends = late.h',
    ].join('\n')
    expect(scanReferences(text, 'pyx')).toEqual([
      { type: 'distutils', key: 'sources', path: 'a.c' },
      { type: 'distutils', key: 'sources', path: 'b.c' },
      { type: 'distutils', key: 'depends', path: 'x.h' },
      { type: 'distutils', key: 'depends', path: 'y.h' },
    ])
  })

  it('reads C includes, skipping comments', () => {
    const text = ['#include "a.h"', '  #  include <b/c.h>', '/* #include "no.h" */', '// #include "no2.h"', '#define X 1'].join('\n')
    expect(scanReferences(text, 'h')).toEqual([
      { type: 'c-include', header: 'a.h', angled: false },
      { type: 'c-include', header: 'b/c.h', angled: true },
    ])
  })
})

describe('scanModuleDependencies on an in-memory tree', () => {
  const root = path.resolve('/virtual/w')
  const opts: ScanOptions = { workingDirectory: root, includeDirs: ['../inc'] }
  const files: Record<string, string> = {
    'pkg/__init__.py': '',
    'pkg/mod.pyx': [
      '# distutils: depends = extra.h',
      'cimport pkg.helpers',
      'from . cimport local',
      'from .sub cimport deep',
      'cimport ext.thing',
      'from libc.stdlib cimport malloc',
      'include "defs.pxi"',
      'cdef extern from "api.h":',
      '    pass',
      'cdef extern from "<vector>":',
      '    pass',
      'cdef extern from "missing_system.h":',
      '    pass',
    ].join('\n'),
    'pkg/mod.pxd': 'cdef int own',
    'pkg/helpers.pxd': 'from pkg cimport base',
    'pkg/base.pxd': '',
    'pkg/local.pxd': '',
    'pkg/sub/__init__.pxd': '',
    'pkg/sub/deep.pxd': '',
    'pkg/defs.pxi': 'include "nested.pxi"',
    'pkg/nested.pxi': '',
    'pkg/api.h': '#include "inner.h"\n#include <stdio.h>',
    'pkg/inner.h': '',
    'pkg/extra.h': '',
    'pkg/helper.c': '#include "helper.h"',
    'pkg/helper.h': '',
    'pkg/unrelated.pxd': '',
    '../inc/ext/__init__.pxd': '',
    '../inc/ext/thing.pxd': 'cdef extern from "thing.h":\n    pass',
    '../inc/ext/thing.h': '',
  }

  it('finds everything the module reaches, and nothing else', () => {
    const deps = scanModuleDependencies(spec('pkg.mod', 'pkg/mod.pyx', {}, { sources: ['pkg/helper.c'] }), opts, memoryTree(root, files))
    expect(deps).toEqual([
      '<include:0>/ext/__init__.pxd',
      '<include:0>/ext/thing.h',
      '<include:0>/ext/thing.pxd',
      'pkg/api.h',
      'pkg/base.pxd',
      'pkg/defs.pxi',
      'pkg/extra.h',
      'pkg/helper.c',
      'pkg/helper.h',
      'pkg/helpers.pxd',
      'pkg/inner.h',
      'pkg/local.pxd',
      'pkg/mod.pxd',
      'pkg/mod.pyx',
      'pkg/nested.pxi',
      'pkg/sub/__init__.pxd',
      'pkg/sub/deep.pxd',
    ])
    for (const key of deps) expect(path.isAbsolute(key)).toBe(false)
  })

  it('maps keys back to paths', () => {
    expect(dependencyPath('<include:0>/ext/thing.pxd', opts)).toBe(path.resolve('/virtual/inc/ext/thing.pxd'))
    expect(dependencyPath('pkg/mod.pyx', opts)).toBe(path.join(root, 'pkg', 'mod.pyx'))
    expect(() => dependencyPath('<include:3>/x.pxd', opts)).toThrow(/include dir 3/)
  })

  it("finds an installed package's .pxd on the Python's sys.path, keyed on that path entry, after the include dirs", () => {
    const withPath: ScanOptions = { ...opts, pythonPath: ['/virtual/site'] }
    const tree = memoryTree(root, {
      'm.pyx': 'cimport numpy as cnp\nfrom ext cimport thing\nfrom libc.math cimport sqrt',
      '../site/numpy/__init__.pxd': 'cimport cpython\ncdef extern from "numpy/arrayobject.h":\n    pass',
      '../site/ext/thing.pxd': '',
    })
    const deps = scanModuleDependencies(spec('m', 'm.pyx'), withPath, tree)
    expect(deps).toEqual(['<python-path:0>/ext/thing.pxd', '<python-path:0>/numpy/__init__.pxd', 'm.pyx'])
    // with dir listings, dirs that cannot hold the name are skipped: same answer
    const files = {
      'm.pyx': 'cimport numpy as cnp\nfrom ext cimport thing',
      '../site/numpy/__init__.pxd': '',
      '../site/ext/thing.pxd': '',
      '../site/other/x.pxd': '',
    }
    expect(scanModuleDependencies(spec('m', 'm.pyx'), withPath, memoryTree(root, files, true))).toEqual(deps)
    expect(scanModuleDependencies(spec('m', 'm.pyx'), opts, tree)).toEqual(['m.pyx'])
    expect(dependencyPath('<python-path:0>/numpy/__init__.pxd', withPath)).toBe(path.resolve('/virtual/site/numpy/__init__.pxd'))
  })

  it('keys a header reached through .. from an include dir on that include dir', () => {
    const tree = memoryTree(root, {
      'm.pyx': 'cimport ext.up',
      '../inc/ext/up.pxd': 'cdef extern from "../../shared/s.h":\n    pass',
      '../shared/s.h': '',
    })
    expect(scanModuleDependencies(spec('m', 'm.pyx'), opts, tree)).toEqual(['../shared/s.h', '<include:0>/ext/up.pxd', 'm.pyx'])
  })

  it('stops at cimport cycles and self-including .pxi', () => {
    const tree = memoryTree(root, {
      'm.pyx': 'cimport a\ninclude "self.pxi"',
      'a.pxd': 'cimport b',
      'b.pxd': 'cimport a\ncimport m',
      'self.pxi': 'include "self.pxi"',
    })
    expect(scanModuleDependencies(spec('m', 'm.pyx'), opts, tree)).toEqual(['a.pxd', 'b.pxd', 'm.pyx', 'self.pxi'])
  })

  it('keys on both candidates of an implicit relative cimport (Cython 0.29 and 3 differ)', () => {
    const tree = memoryTree(root, { 'pkg/__init__.py': '', 'pkg/m.pyx': 'cimport util', 'pkg/util.pxd': '', 'util.pxd': '' })
    expect(scanModuleDependencies(spec('pkg.m', 'pkg/m.pyx'), opts, tree)).toEqual(['pkg/m.pyx', 'pkg/util.pxd', 'util.pxd'])
  })

  it('keys on Cython 3 versioned .pxd files as well as the plain one', () => {
    const files = {
      'm.pyx': 'cimport numpy\ncimport lib',
      'numpy/__init__.pxd': '',
      'numpy/__init__.cython-30.pxd': 'cimport numpy.helper',
      'numpy/helper.pxd': '',
      'lib.pxd': '',
      'lib.cython-3.pxd': '',
      'lib.cython-31.pxd': '',
    }
    expect(scanModuleDependencies(spec('m', 'm.pyx'), opts, memoryTree(root, files, true))).toEqual([
      'lib.cython-3.pxd',
      'lib.cython-31.pxd',
      'lib.pxd',
      'm.pyx',
      'numpy/__init__.cython-30.pxd',
      'numpy/__init__.pxd',
      'numpy/helper.pxd',
    ])
    // A reader that cannot list dirs still finds the common `.cython-30` form.
    expect(scanModuleDependencies(spec('m', 'm.pyx'), opts, memoryTree(root, files))).toEqual([
      'lib.pxd',
      'm.pyx',
      'numpy/__init__.cython-30.pxd',
      'numpy/__init__.pxd',
      'numpy/helper.pxd',
    ])
  })

  it('resolves relative cimports in a .pxd against that .pxd package, and ignores ones above the top', () => {
    const tree = memoryTree(root, {
      'm.pyx': 'cimport p.q.r\nfrom .. cimport nothing',
      'p/q/r.pxd': 'from .. cimport top\nfrom . cimport near',
      'p/top.pxd': '',
      'p/q/near.pxd': '',
    })
    expect(scanModuleDependencies(spec('m', 'm.pyx'), opts, tree)).toEqual(['m.pyx', 'p/q/near.pxd', 'p/q/r.pxd', 'p/top.pxd'])
  })

  it('scans a plain C module for its includes', () => {
    const tree = memoryTree(root, { 'c/fast.c': '#include "fast.h"\nPyInit_fast', 'c/fast.h': '#include "deeper.h"', 'c/deeper.h': '' })
    expect(scanModuleDependencies(spec('fast', 'c/fast.c'), opts, tree)).toEqual(['c/deeper.h', 'c/fast.c', 'c/fast.h'])
  })

  it("never counts the module's own generated C or extension as an input", () => {
    const tree = memoryTree(root, { 'm.pyx': 'cdef extern from "m.c":\n    pass\ninclude "m.so"', 'm.c': '', 'm.so': '' })
    expect(scanModuleDependencies(spec('m', 'm.pyx'), opts, tree)).toEqual(['m.pyx'])
  })

  it('uses the module include_dirs directive for externs', () => {
    const tree = memoryTree(root, { 'm.pyx': 'cdef extern from "lib.h":\n    pass', 'vendor/include/lib.h': '' })
    expect(scanModuleDependencies(spec('m', 'm.pyx', {}, { includeDirs: ['vendor/include'] }), opts, tree)).toEqual([
      'm.pyx',
      'vendor/include/lib.h',
    ])
  })

  it('reads and scans a shared .pxd a fixed number of times, however many modules reach it', () => {
    const files: Record<string, string> = { 'pkg/__init__.py': '', 'shared.pxd': 'cimport deeper', 'deeper.pxd': '' }
    for (let i = 0; i < 50; i++) files[`pkg/m${i}.pyx`] = 'cimport shared'
    const inner = memoryTree(root, files)
    const reads = new Map<string, number>()
    const counting: SourceReader = { readFile: file => (reads.set(file, (reads.get(file) ?? 0) + 1), inner.readFile(file)) }
    const resolver = new DependencyResolver(opts, counting)
    for (let i = 0; i < 50; i++)
      expect(resolver.keysOf(spec(`pkg.m${i}`, `pkg/m${i}.pyx`))).toEqual(['deeper.pxd', `pkg/m${i}.pyx`, 'shared.pxd'])
    expect(reads.get(path.join(root, 'shared.pxd'))).toBeLessThanOrEqual(3)
    expect(reads.get(path.join(root, 'deeper.pxd'))).toBeLessThanOrEqual(3)
  })

  it('names the module when its source cannot be read', () => {
    expect(() => scanModuleDependencies(spec('gone', 'gone.pyx'), opts, memoryTree(root, {}))).toThrow(/module gone: gone\.pyx/)
  })
})

describe('scanModuleDependencies on disk', () => {
  let dir: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dependency-scan-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('an edit to a .pxd changes exactly the fingerprints of the modules that reach it', () => {
    const wd = path.join(dir, 'edit')
    writeTree(wd, {
      'pkg/__init__.py': '',
      'pkg/a.pyx': 'from pkg.mid cimport M',
      'pkg/b.pyx': 'from . cimport leaf',
      'pkg/c.pyx': 'cimport pkg.other',
      'pkg/mid.pxd': 'from pkg.leaf cimport L\ncdef class M:\n    pass',
      'pkg/leaf.pxd': 'ctypedef int L',
      'pkg/other.pxd': 'ctypedef int O',
    })
    const specs = ['a', 'b', 'c'].map(n => spec(`pkg.${n}`, `pkg/${n}.pyx`))
    const opts = { workingDirectory: wd, includeDirs: [] }
    const before = fingerprints(specs, opts)
    expect(new Set(Object.values(before)).size).toBe(3)
    fs.appendFileSync(path.join(wd, 'pkg/leaf.pxd'), '\nctypedef long L2\n')
    const after = fingerprints(specs, opts)
    expect(after['pkg.a']).not.toBe(before['pkg.a'])
    expect(after['pkg.b']).not.toBe(before['pkg.b'])
    expect(after['pkg.c']).toBe(before['pkg.c'])
  })

  it('follows .pxi includes, extern headers and the headers they include', () => {
    const wd = path.join(dir, 'headers')
    writeTree(wd, {
      'm.pyx': 'include "defs.pxi"',
      'defs.pxi': 'cdef extern from "csrc/api.h":\n    int f()',
      'csrc/api.h': '#include "detail/impl.h"\nint f(void);',
      'csrc/detail/impl.h': '#define IMPL 1',
      'other.pyx': 'pass',
    })
    const specs = [spec('m', 'm.pyx'), spec('other', 'other.pyx')]
    const opts = { workingDirectory: wd, includeDirs: [] }
    expect(scanModuleDependencies(specs[0], opts)).toEqual(['csrc/api.h', 'csrc/detail/impl.h', 'defs.pxi', 'm.pyx'])
    const before = fingerprints(specs, opts)
    fs.writeFileSync(path.join(wd, 'csrc/detail/impl.h'), '#define IMPL 2')
    const after = fingerprints(specs, opts)
    expect(after.m).not.toBe(before.m)
    expect(after.other).toBe(before.other)
  })

  it('depends on content only: a copy elsewhere with new file times fingerprints the same', () => {
    const wd = path.join(dir, 'copy-a')
    writeTree(wd, { 'pkg/__init__.py': '', 'pkg/m.pyx': 'cimport pkg.d', 'pkg/d.pxd': '', 'inc/x.h': '' })
    const copy = path.join(dir, 'elsewhere', 'copy-b')
    fs.cpSync(wd, copy, { recursive: true })
    const later = new Date(Date.now() + 3600_000)
    for (const f of ['pkg/m.pyx', 'pkg/d.pxd']) fs.utimesSync(path.join(copy, f), later, later)
    const s = [spec('pkg.m', 'pkg/m.pyx')]
    expect(fingerprints(s, { workingDirectory: copy, includeDirs: [] })).toEqual(fingerprints(s, { workingDirectory: wd, includeDirs: [] }))
  })

  it('terminates on a symlink loop and a self-referencing link', () => {
    if (process.platform === 'win32') return
    const wd = path.join(dir, 'loop')
    writeTree(wd, { 'pkg/__init__.py': '', 'pkg/m.pyx': 'from .loop cimport x\ncimport pkg.self', 'pkg/x.pxd': 'from .loop cimport x' })
    fs.symlinkSync('.', path.join(wd, 'pkg/loop'))
    fs.symlinkSync('self.pxd', path.join(wd, 'pkg/self.pxd'))
    const deps = scanModuleDependencies(spec('pkg.m', 'pkg/m.pyx'), { workingDirectory: wd, includeDirs: [] })
    expect(deps).toContain('pkg/m.pyx')
    expect(deps).toContain('pkg/loop/x.pxd')
    expect(deps.length).toBeLessThan(6)
    expect(deps.some(d => d.includes('self'))).toBe(false)
  })

  it('scans and fingerprints 1,000 modules sharing .pxd files (timing printed)', () => {
    const wd = path.join(dir, 'big')
    const files: Record<string, string> = {
      'common.pxd': 'include "common.pxi"\ncdef extern from "common.h":\n    pass',
      'common.pxi': '',
      'common.h': '#include "base.h"',
      'base.h': '',
    }
    for (let s = 0; s < 30; s++) files[`shared/s${s}.pxd`] = `cimport common\nfrom libc.stdlib cimport malloc\nctypedef int T${s}`
    files['shared/__init__.pxd'] = ''
    const specs: ModuleSpec[] = []
    for (let m = 0; m < 1000; m++) {
      const pkg = `pkg${m % 20}`
      files[`${pkg}/__init__.py`] = ''
      files[`${pkg}/m${m}.pyx`] =
        [0, 7, 13].map(k => `from shared.s${(m + k) % 30} cimport T${(m + k) % 30}`).join('\n') + `\ncimport cython\ndef f${m}(): pass\n`
      specs.push(spec(`${pkg}.m${m}`, `${pkg}/m${m}.pyx`))
    }
    writeTree(wd, files)
    const opts = { workingDirectory: wd, includeDirs: [path.join(dir, 'no-such-include')] }
    const started = process.hrtime.bigint()
    const reader = new DiskSourceReader()
    const resolver = new DependencyResolver(opts, reader)
    const fps = specs.map(s =>
      moduleFingerprint(hashFiles(resolver.filesOf(s), reader), composeBuildContext({ module: s.name, output: s.output })),
    )
    const combined = combinedFingerprint(fps)
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    console.log(`scan + hash + fingerprint of 1,000 modules: ${ms.toFixed(1)} ms`)
    expect(new Set(fps).size).toBe(1000)
    expect(combined).toMatch(/^[0-9a-f]{64}$/)
    expect(scanModuleDependencies(specs[0], opts, reader)).toEqual([
      'base.h',
      'common.h',
      'common.pxd',
      'common.pxi',
      'pkg0/m0.pyx',
      'shared/__init__.pxd',
      'shared/s0.pxd',
      'shared/s13.pxd',
      'shared/s7.pxd',
    ])
  })
})

describe('fingerprints', () => {
  const a = { key: 'a.pyx', sha256: sha256Hex('a') }
  const b = { key: 'b.pxd', sha256: sha256Hex('b') }

  it('depend on content and context, not on file order', () => {
    const fp = moduleFingerprint([a, b], 'ctx')
    expect(fp).toMatch(/^[0-9a-f]{64}$/)
    expect(moduleFingerprint([b, a], 'ctx')).toBe(fp)
    expect(moduleFingerprint([a, b, a], 'ctx')).toBe(fp)
    expect(moduleFingerprint([a, { ...b, sha256: sha256Hex('b2') }], 'ctx')).not.toBe(fp)
    expect(moduleFingerprint([a, { ...b, key: 'c.pxd' }], 'ctx')).not.toBe(fp)
    expect(moduleFingerprint([a, b], 'ctx2')).not.toBe(fp)
    expect(moduleFingerprint([a], 'ctx')).not.toBe(fp)
  })

  it('combine in any order', () => {
    const x = moduleFingerprint([a], '1')
    const y = moduleFingerprint([b], '2')
    expect(combinedFingerprint([x, y])).toBe(combinedFingerprint([y, x]))
    expect(combinedFingerprint([x, y])).not.toBe(combinedFingerprint([x]))
  })

  it('compose a build context independent of field order', () => {
    expect(composeBuildContext({ b: '1', a: ['x', 'y'] })).toBe(composeBuildContext({ a: ['x', 'y'], b: '1' }))
    expect(composeBuildContext({ a: ['x', 'y'] })).not.toBe(composeBuildContext({ a: ['y', 'x'] }))
  })

  it('reject absolute keys, bad hashes and conflicting duplicates with a one-line error', () => {
    expect(() => moduleFingerprint([{ key: '/abs/a.pyx', sha256: a.sha256 }], '')).toThrow(
      /file key "\/abs\/a\.pyx"; expected a relative path/,
    )
    expect(() => moduleFingerprint([{ key: 'C:\\a.pyx', sha256: a.sha256 }], '')).toThrow(/expected a relative path/)
    expect(() => moduleFingerprint([{ key: 'a.pyx', sha256: 'xyz' }], '')).toThrow(/expected 64 lowercase hex/)
    expect(() => moduleFingerprint([a, { key: 'a.pyx', sha256: b.sha256 }], '')).toThrow(/listed twice/)
    expect(() => combinedFingerprint(['nope'])).toThrow(/Invalid fingerprint/)
  })
})
