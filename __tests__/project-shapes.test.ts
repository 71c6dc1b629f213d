import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { beforeAll, describe, expect, it } from '@jest/globals'

import { bundledIncludeOrigins, bundledPxdModule, cimportLineOf } from '../src/diagnostics/bundled-includes.js'
import { cythonArguments } from '../src/plan/declared-modules.js'
import { includedSources, namedExplicitly } from '../src/plan/included-sources.js'
import { isOptionalModule } from '../src/plan/optional-modules.js'
import { emptyDirectives, mergeCimported, parseDistutilsDirectives } from '../src/plan/source-directives.js'
import { parseSettings } from '../src/settings/settings.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode, type RunResult } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    fs.writeFileSync(path.join(root, rel), text)
  }
}

describe('the setup-py, extensions and optional inputs', () => {
  const parse = (raw: Record<string, string>) =>
    parseSettings(raw, { baseDirectory: '/work/p', cacheDir: '/c', pruneUnusedCacheEntries: false })

  it("setup-py: true is the working directory's setup.py; a path names another; false and empty are off", () => {
    expect(parse({ 'setup-py': 'true', 'working-directory': 'proj' }).declared).toEqual({ kind: 'setup-py', file: '/work/p/proj/setup.py' })
    expect(parse({ 'setup-py': 'sub/setup.py' }).declared).toEqual({ kind: 'setup-py', file: '/work/p/sub/setup.py' })
    expect(parse({ 'setup-py': 'false' }).declared).toBeNull()
    expect(parse({ extensions: 'ext.json' }).declared).toEqual({ kind: 'extensions', file: '/work/p/ext.json' })
    // The action always passes the default sources glob: that is no conflict.
    expect(parse({ 'setup-py': 'true', sources: '**/*.pyx' }).declared?.kind).toBe('setup-py')
  })

  it('refuses two declarations, or sources beside one, in one line naming the input', () => {
    expect(() => parse({ 'setup-py': 'true', extensions: 'e.json' })).toThrow(
      /^Invalid setup-py "true": setup-py and extensions both declare the modules; set only one$/,
    )
    expect(() => parse({ extensions: 'e.json', sources: 'pkg/*.pyx' })).toThrow(
      /^Invalid sources "pkg\/\*\.pyx": with extensions the modules come from/,
    )
  })

  it('optional names match with * and nothing else', () => {
    expect(isOptionalModule('pkg.accel.fast', ['pkg.accel.*'])).toBe(true)
    expect(isOptionalModule('pkgXaccel', ['pkg.accel'])).toBe(false)
    expect(isOptionalModule('pkg.other', ['pkg.accel.*'])).toBe(false)
  })
})

describe('merging the # distutils: lines of cimported .pxd files, as cythonize does', () => {
  it('the module keeps its own language; transitive lists gain what they lack; sources and macros stay its own', () => {
    const own = parseDistutilsDirectives('# distutils: libraries = m\n# distutils: define_macros = A=1\n')
    const pxd = parseDistutilsDirectives(
      '# distutils: language = c++\n# distutils: libraries = m z\n# distutils: include_dirs = inc\n# distutils: sources = x.c\n# distutils: define_macros = B\n',
    )
    const merged = mergeCimported(own, [pxd])
    expect(merged).toMatchObject({ language: 'c++', libraries: ['m', 'z'], includeDirs: ['inc'], sources: [], defineMacros: [['A', '1']] })
    expect(mergeCimported({ ...emptyDirectives(), language: 'c' }, [pxd]).language).toBe('c')
  })
})

describe('included .pyx files', () => {
  it('are found beside the including file or from the working directory, and kept when named explicitly', () => {
    const includes: Record<string, string[]> = { 'pkg/main.pyx': ['helpers.pyx'], 'pkg/other.pyx': ['pkg/shared.pyx'] }
    const found = includedSources(['pkg/helpers.pyx', 'pkg/main.pyx', 'pkg/other.pyx', 'pkg/shared.pyx'], s => includes[s] ?? [])
    expect([...found]).toEqual([
      ['pkg/helpers.pyx', 'pkg/main.pyx'],
      ['pkg/shared.pyx', 'pkg/other.pyx'],
    ])
    expect(namedExplicitly('pkg/helpers.pyx', ['**/*.pyx', './pkg/helpers.pyx'])).toBe(true)
    expect(namedExplicitly('pkg/helpers.pyx', ['pkg/*.pyx'])).toBe(false)
  })
})

describe("errors in Cython's bundled includes are traced to the module's own line", () => {
  const source = 'import os\nfrom libcpp cimport bool\nfrom libcpp.string cimport string\n\ndef f():\n    pass\n'
  const bundled = '/usr/lib/python3/dist-packages/Cython/Includes/libcpp/string.pxd'

  it('names the bundled module and finds the cimport that reached it', () => {
    expect(bundledPxdModule(bundled)).toBe('libcpp.string')
    expect(bundledPxdModule('C:\\Py\\Lib\\site-packages\\Cython\\Includes\\cpython\\__init__.pxd')).toBe('cpython')
    expect(bundledPxdModule('/project/libcpp/string.pxd')).toBeUndefined()
    expect(cimportLineOf(source, 'libcpp.string')).toEqual({ line: 3, text: 'from libcpp.string cimport string' })
    expect(cimportLineOf(source, 'libcpp.bool')).toEqual({ line: 2, text: 'from libcpp cimport bool' })
  })

  it('puts the errors, and the C++ fix, on that line', () => {
    const errors = [1, 2, 3].map(line => ({
      file: bundled,
      line,
      severity: 'error' as const,
      message: 'Operation only allowed in c++',
      tool: 'cython' as const,
    }))
    const onCxx = bundledIncludeOrigins('pkg/m.pyx', 'c++', source.replace('from libcpp cimport bool\n', '\n'), errors, true)
    expect(onCxx).toEqual([
      expect.objectContaining({
        file: 'pkg/m.pyx',
        line: 3,
        severity: 'error',
        message: `3 errors in Cython's bundled ${bundled} come from this cimport of libcpp.string`,
      }),
    ])
    const onC = bundledIncludeOrigins('pkg/m.pyx', 'c', source, errors, true)
    expect(onC[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^libcpp is C\+\+, but this module is built as C: add "# distutils: language = c\+\+"/),
    })
    expect(onC[1]).toMatchObject({ line: 3 })
  })
})

describe('the Cython arguments cythonize() would pass', () => {
  it('names the module, sets the language level and the directives', () => {
    expect(
      cythonArguments({ name: 'pkg._x', cython: { directives: { boundscheck: false, embedsignature: true }, language_level: '3str' } }),
    ).toEqual(['--module-name', 'pkg._x', '--3str', '-X', 'boundscheck=False', '-X', 'embedsignature=True'])
  })
})

/**
 * A glob-built tree: a `.pxd` that says `# distutils: language = c++` and `libraries = m` (a module that cimports it
 * uses libcpp.string without saying C++ itself), a `.pyx` made of an included `.pyx`, and a module that cannot
 * compile, named optional.
 */
describe('a sources build of a project with C++ .pxd files, included .pyx files and an optional module', () => {
  let dir: string
  let run: RunResult

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-shapes-'))
    write(dir, {
      'pkg/__init__.py': '',
      'pkg/text.pxd':
        '# distutils: language = c++\n# distutils: libraries = m\nfrom libcpp.string cimport string\ncdef string greet(string who)\n',
      'pkg/text.pyx': 'cdef string greet(string who):\n    return b"hello " + who\n\ndef check():\n    return greet(b"pxd").decode()\n',
      'pkg/user.pyx': `from pkg.text cimport greet
from libcpp.string cimport string
cdef extern from "math.h":
    double floor(double)

def check():
    cdef string s = greet(b"user")
    return s.decode() + str(int(floor(2.5)))
`,
      'pkg/whole.pyx': 'include "parts.pyx"\n\ndef check():\n    return part() * 2\n',
      'pkg/parts.pyx': 'cdef int part():\n    return 21\n',
      'pkg/shaky.pyx': 'def check():\n    return not_defined_anywhere\n',
    })
    run = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--optional', 'pkg.shak*', '--report', 'report.json'], {
      env: cleanEnv(),
    })
  }, 600_000)

  it('builds a module that cimports a C++ .pxd as C++, and it imports', () => {
    expect(fs.existsSync(path.join(dir, 'pkg/user.cpp'))).toBe(true)
    expect(fs.existsSync(path.join(dir, 'pkg/user.c'))).toBe(false)
    expect(importAndCall(dir, ['pkg.text', 'pkg.user'])).toEqual({ 'pkg.text': 'hello pxd', 'pkg.user': 'hello user2' })
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'))
    const user = report.modules.find((m: { module: string }) => m.module === 'pkg.user')
    expect(user).toMatchObject({ language: 'c++', generated: 'pkg/user.cpp', status: 'built' })
    // The report keeps the exact command lines: Cython with --cplus, the C++ compile, the link with the .pxd's -lm.
    expect(user.commands).toHaveLength(3)
    expect(user.commands[0].slice(0, 1)).toEqual(['cython'])
    expect(user.commands[0]).toContain('--cplus')
    expect(user.commands[1]).toContain('pkg/user.cpp')
    expect(user.commands[2]).toContain('-lm')
  })

  it('-v shows the command lines', async () => {
    const verbose = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '-v', 'pkg/text.pyx'], { env: cleanEnv() })
    expect(verbose.stderr).toMatch(/^\$ cython .*--cplus .*pkg\/text\.pyx$/m)
    expect(verbose.stderr).toMatch(/^\$ \S*g\+\+ -shared .* -lm .*$/m)
  }, 600_000)

  it('does not build an included .pyx as a module, and says so once', () => {
    expect(run.stderr.match(/Not built as modules of their own/g)).toHaveLength(1)
    expect(run.stderr).toContain('pkg/parts.pyx (included by pkg/whole.pyx)')
    expect(importAndCall(dir, ['pkg.whole'])).toEqual({ 'pkg.whole': 42 })
    expect(fs.readdirSync(path.join(dir, 'pkg')).filter(f => f.startsWith('parts.') && f.endsWith('.so'))).toEqual([])
  })

  it('keeps the build green when only an optional module fails, with a warning', () => {
    expect(run.stderr).toMatch(/warning: Optional module pkg\.shaky failed \(cython, exit 1\)/)
    expect(run.code).toBe(0)
  })

  it('says which line makes a module built as C need C++, and that <string> is a C++ header', async () => {
    const cdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-shapes-'))
    write(cdir, {
      'm.pyx': 'import os\nfrom libcpp.string cimport string\n\ndef check():\n    cdef string s = b"x"\n    return s.size()\n',
    })
    const r = await runNode(CLI, ['-C', cdir, '--python', testPython(), '--no-cache'], { env: cleanEnv() })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('  m.pyx: m.pyx:2: libcpp.string is C++, but this module is built as C: add "# distutils: language = c++"')
    expect(r.stderr).toContain('hint: Header <string> is a C++ standard header (needed by m.pyx): the module is compiled as C')
  }, 600_000)

  it('builds an included .pyx when it is named explicitly', async () => {
    const again = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', 'pkg/parts.pyx', 'pkg/whole.pyx'], {
      env: cleanEnv(),
    })
    expect(again.stderr).not.toContain('Not built as modules of their own')
    expect(again.stderr).toContain('2 built')
  }, 600_000)
})
