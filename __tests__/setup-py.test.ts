import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { beforeAll, describe, expect, it } from '@jest/globals'

import { importAndCall, testPython } from './support/python.js'
import { runAction } from './support/run-action.js'
import { cleanEnv, runNode, type RunResult } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    fs.writeFileSync(path.join(root, rel), text)
  }
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cf-setup-'))
}

function build(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', ...args], { env: cleanEnv(env) })
}

/**
 * A src-layout project whose setup.py uses the common shapes at once: a plain Extension list (a name apart from the
 * file, an extra C source, macros defined and undefined, include dirs, libraries, C++), cythonize() of a glob with
 * compiler directives and a language level, an extension added only when an environment variable says so, and an
 * optional one that cannot compile.
 */
const SETUP_PROJECT: Record<string, string> = {
  'setup.py': `import os
from setuptools import setup, Extension
from Cython.Build import cythonize

print("setup.py prints are not JSON")
os.environ["CFLAGS"] = "-O3 " + os.environ.get("CFLAGS", "")
plain = [
    Extension("shapes._fast", ["src/shapes/fast_impl.pyx", "src/shapes/helper.c"],
              include_dirs=["src/shapes/include"], define_macros=[("SHAPES_K", "5"), ("SHAPES_FLAG", None)],
              undef_macros=["NDEBUG"], libraries=["m"], extra_compile_args=["-DSHAPES_EXTRA=2"]),
    Extension("shapes.text", ["src/shapes/text.pyx"], language="c++"),
    Extension("shapes.broken", ["src/shapes/broken.pyx"], optional=True),
    Extension("shapes.cnative", ["src/shapes/cnative.c"]),
]
if os.environ.get("SHAPES_WITH_EXTRA") == "1":
    plain.append(Extension("shapes.extra", ["src/shapes/extra.pyx"]))
setup(
    name="shapes",
    package_dir={"": "src"},
    packages=["shapes", "shapes.sub"],
    ext_modules=cythonize(plain + ["src/shapes/sub/*.pyx"], compiler_directives={"embedsignature": True}, language_level=3, nthreads=4),
)
`,
  'src/shapes/__init__.py': '',
  'src/shapes/sub/__init__.py': '',
  'src/shapes/include/shapes_k.h': '#define SHAPES_FROM_HEADER 30\n',
  'src/shapes/helper.c': 'int shapes_helper(int x) { return x * 100; }\n',
  'src/shapes/fast_impl.pyx': `cdef extern from "shapes_k.h":
    int SHAPES_FROM_HEADER
cdef extern from *:
    """
    #ifndef NDEBUG
    #define SHAPES_NDEBUG_UNDEFINED 1
    #else
    #define SHAPES_NDEBUG_UNDEFINED 0
    #endif
    #ifdef SHAPES_FLAG
    #define SHAPES_FLAG_SET 1
    #endif
    """
    int SHAPES_K, SHAPES_EXTRA, SHAPES_FLAG_SET, SHAPES_NDEBUG_UNDEFINED
    int shapes_helper(int)
cdef extern from "math.h":
    double sqrt(double)

def check():
    return [SHAPES_K, SHAPES_EXTRA, SHAPES_FLAG_SET, SHAPES_NDEBUG_UNDEFINED, SHAPES_FROM_HEADER, shapes_helper(1), int(sqrt(16.0))]
`,
  'src/shapes/text.pyx': `from libcpp.string cimport string

def check():
    cdef string s = b"fan"
    s.append(b"out")
    return s.decode()
`,
  'src/shapes/broken.pyx': 'def check():\n    return undefined_name_here\n',
  'src/shapes/cnative.c': `#define PY_SSIZE_T_CLEAN
#include <Python.h>
static PyObject *check(PyObject *self, PyObject *args) { return PyUnicode_FromString("plain C"); }
static PyMethodDef methods[] = {{"check", check, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "shapes.cnative", NULL, -1, methods};
PyMODINIT_FUNC PyInit_cnative(void) { return PyModule_Create(&def); }
`,
  'src/shapes/extra.pyx': 'def check():\n    return "extra"\n',
  'src/shapes/sub/one.pyx': 'def check(int x=1):\n    "one."\n    return 1 / 2\n',
  'src/shapes/sub/two.pyx': 'def check():\n    return "two"\n',
}

describe('--from-setup-py on real setup.py shapes', () => {
  let dir: string
  let run: RunResult

  beforeAll(async () => {
    dir = tmp()
    write(dir, SETUP_PROJECT)
    run = await build(dir, ['--from-setup-py', '--report', 'report.json'])
  }, 600_000)

  it('builds exactly the declared modules, where build_ext --inplace puts them, and each imports and works', () => {
    expect(run.stderr).toContain('6 extension modules declared by setup-py (setup.py)')
    expect(run.code).toBe(0)
    const results = importAndCall(path.join(dir, 'src'), [
      'shapes._fast',
      'shapes.text',
      'shapes.sub.one',
      'shapes.sub.two',
      'shapes.cnative',
    ])
    expect(results['shapes.cnative']).toBe('plain C')
    // K from define_macros, EXTRA from extra_compile_args, FLAG defined bare, NDEBUG undefined, a header from
    // include_dirs, the extra C source, libm.
    expect(results['shapes._fast']).toEqual([5, 2, 1, 1, 30, 100, 4])
    expect(results['shapes.text']).toBe('fanout')
    expect(results['shapes.sub.two']).toBe('two')
    expect(fs.existsSync(path.join(dir, 'src/shapes/fast_impl.c'))).toBe(true)
    expect(fs.existsSync(path.join(dir, 'src/shapes/text.cpp'))).toBe(true)
  })

  it('warns that a setup.py changing CFLAGS while it runs changes nothing here', () => {
    expect(run.stderr).toContain("warning: setup-py (setup.py): setup.py sets CFLAGS='-O3 ' while it runs, which this build does not see")
  })

  it('applies the cythonize() directives and language level', () => {
    const out = importAndCall(path.join(dir, 'src'), ['shapes.sub.one'], '[m.check.__doc__.splitlines()[0], m.check()]')
    // embedsignature puts the signature in the docstring; language_level=3 makes 1 / 2 a true division.
    expect(out['shapes.sub.one']).toEqual(['check(int x=1)', 0.5])
  })

  it('leaves out the extension an environment variable did not ask for, and builds it when it does', async () => {
    expect(fs.existsSync(path.join(dir, 'src/shapes/extra.c'))).toBe(false)
    const withExtra = await build(dir, ['--from-setup-py', 'setup.py'], { SHAPES_WITH_EXTRA: '1' })
    expect(withExtra.stderr).toContain('7 extension modules declared')
    expect(importAndCall(path.join(dir, 'src'), ['shapes.extra'])).toEqual({ 'shapes.extra': 'extra' })
  }, 600_000)

  it('--dry-run shows what was taken from setup.py for each module', async () => {
    const dry = await build(dir, ['--from-setup-py', '--dry-run'])
    const fast = JSON.parse(dry.stdout).modules.find((m: { name: string }) => m.name === 'shapes._fast')
    expect(fast).toMatchObject({
      source: 'src/shapes/fast_impl.pyx',
      output: expect.stringMatching(/^src\/shapes\/_fast\..*\.so$/),
      directives: {
        sources: ['src/shapes/helper.c'],
        includeDirs: ['src/shapes/include'],
        libraries: ['m'],
        undefMacros: ['NDEBUG'],
        defineMacros: [
          ['SHAPES_K', '5'],
          ['SHAPES_FLAG', null],
        ],
      },
      cythonArgs: ['--module-name', 'shapes._fast', '-3', '-X', 'embedsignature=True'],
    })
  }, 120_000)

  it('turns a failed optional extension into a warning: the build stays green', () => {
    expect(run.stderr).toMatch(/warning: Optional module shapes\.broken failed \(cython, exit 1\): the build goes on without it/)
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'))
    const broken = report.modules.find((m: { module: string }) => m.module === 'shapes.broken')
    expect(broken.status).toBe('failed')
    expect(run.stderr).not.toMatch(/modules failed:/)
  })
})

describe('--from-setup-py with numpy', () => {
  const hasNumpy = (): boolean => {
    try {
      execFileSync(testPython(), ['-c', 'import numpy'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  }

  it('builds a module whose setup.py imports numpy for get_include()', async () => {
    if (!hasNumpy()) throw new Error(`numpy is not installed for ${testPython()}: run npm run setup-python (installs python3-numpy)`)
    const dir = tmp()
    write(dir, {
      'setup.py': `import numpy
from setuptools import setup, Extension
from Cython.Build import cythonize
ext = Extension("npmod", ["npmod.pyx"], include_dirs=[numpy.get_include()])
setup(name="npmod", ext_modules=cythonize([ext], language_level=3))
`,
      'npmod.pyx': `cimport numpy as cnp
import numpy as np
cnp.import_array()

def check():
    cdef cnp.ndarray[cnp.float64_t, ndim=1] a = np.arange(4, dtype=np.float64)
    cdef double total = 0
    for i in range(a.shape[0]):
        total += a[i]
    return total
`,
    })
    const run = await build(dir, ['--from-setup-py'])
    expect(run.stderr).toContain('1 built, 0 from cache, 0 failed of 1 modules')
    expect(run.code).toBe(0)
    expect(importAndCall(dir, ['npmod'])).toEqual({ npmod: 6 })
  }, 600_000)
})

describe('--extensions: the declarative form for projects without setup.py', () => {
  it('builds the declared modules with their language, extra sources, libraries, and a glob name', async () => {
    const dir = tmp()
    write(dir, {
      'meson-ish/ext.json': JSON.stringify({
        extensions: [
          {
            name: 'pkg.cpp_mod',
            sources: ['../pkg/cpp_mod.pyx', '../pkg/add.c'],
            language: 'c++',
            libraries: ['m'],
            define_macros: [['ADD_BASE', '40']],
          },
          { name: 'pkg.many.*', sources: ['../pkg/many/*.pyx'], optional: true },
        ],
      }),
      'pkg/__init__.py': '',
      'pkg/many/__init__.py': '',
      'pkg/add.c': '#ifdef __cplusplus\nextern "C"\n#endif\nint add_base(int x) { return x + ADD_BASE; }\n',
      'pkg/cpp_mod.pyx': `# cython: language_level=3
from libcpp.vector cimport vector
cdef extern from *:
    """
    extern "C" int add_base(int);
    """
    int add_base(int)

def check():
    cdef vector[int] v
    v.push_back(add_base(2))
    return v[0]
`,
      'pkg/many/a.pyx': 'def check():\n    return "a"\n',
      'pkg/many/b.pyx': 'def check():\n    return "b"\n',
    })
    const run = await build(dir, ['--extensions', 'meson-ish/ext.json'])
    expect(run.stderr).toContain('3 extension modules declared by extensions (meson-ish/ext.json)')
    expect(run.code).toBe(0)
    expect(importAndCall(dir, ['pkg.cpp_mod', 'pkg.many.a', 'pkg.many.b'])).toEqual({
      'pkg.cpp_mod': 42,
      'pkg.many.a': 'a',
      'pkg.many.b': 'b',
    })
  }, 600_000)
})

describe('--extensions pyproject.toml: the same declaration in [tool.cython-fanout]', () => {
  it('builds the modules its [[tool.cython-fanout.extensions]] tables declare', async () => {
    const dir = tmp()
    write(dir, {
      'pyproject.toml': `[project]
name = "tomlproj"

[[tool.cython-fanout.extensions]]
name = "tomlproj.vec"
sources = ["tomlproj/vec.pyx"]
language = "c++"

[[tool.cython-fanout.extensions]]
name = "tomlproj.plain"
sources = ["tomlproj/plain.pyx"]
define_macros = [["PLAIN_VALUE", "9"]]
`,
      'tomlproj/__init__.py': '',
      'tomlproj/vec.pyx':
        '# cython: language_level=3\nfrom libcpp.vector cimport vector\n\ndef check():\n    cdef vector[int] v = [1, 2, 3]\n    return len(v)\n',
      'tomlproj/plain.pyx': 'cdef extern from *:\n    int PLAIN_VALUE\n\ndef check():\n    return PLAIN_VALUE\n',
    })
    const run = await build(dir, ['--extensions', 'pyproject.toml'])
    expect(run.stderr).toContain('2 extension modules declared by extensions (pyproject.toml)')
    expect(run.code).toBe(0)
    expect(importAndCall(dir, ['tomlproj.vec', 'tomlproj.plain'])).toEqual({ 'tomlproj.vec': 3, 'tomlproj.plain': 9 })
  }, 600_000)
})

describe('bad declarations get a one-line error naming the input', () => {
  it('a setup.py that raises', async () => {
    const dir = tmp()
    write(dir, { 'setup.py': 'raise RuntimeError("no compiler config here")\n' })
    const run = await build(dir, ['--from-setup-py'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/Invalid setup-py: running .*setup\.py with .* failed \(exit 1\): RuntimeError: no compiler config here/)
  }, 120_000)

  it('a setup.py that never calls setup()', async () => {
    const dir = tmp()
    write(dir, { 'setup.py': 'print("nothing")\n' })
    const run = await build(dir, ['--from-setup-py'])
    expect(run.stderr).toMatch(/Invalid setup-py: .*setup\.py: it never called setup\(\)/)
  }, 120_000)

  it('sources beside setup-py, and a missing or malformed extensions file', async () => {
    const dir = tmp()
    write(dir, { 'setup.py': '', 'bad.json': '{"extensions": [{"name": "x-y", "sources": ["a.pyx"]}]}', 'notjson.json': '{' })
    const both = await build(dir, ['--from-setup-py', 'pkg/*.pyx'])
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/Invalid sources "pkg\/\*\.pyx": with setup-py the modules come from .*setup\.py; leave sources empty/)
    const badName = await build(dir, ['--extensions', 'bad.json'])
    expect(badName.stderr).toMatch(/Invalid extensions \(bad\.json\): extension name "x-y" is not a dotted module name/)
    const notJson = await build(dir, ['--extensions', 'notjson.json'])
    expect(notJson.stderr).toMatch(/Invalid extensions: cannot read .*notjson\.json as JSON/)
  }, 120_000)
})

describe("after --from-setup-py, the project's own build compiles nothing", () => {
  let dir: string
  let run: RunResult

  beforeAll(async () => {
    dir = tmp()
    write(dir, {
      'setup.py': `from setuptools import setup, Extension
from Cython.Build import cythonize
setup(name="after", version="1.0", packages=["after"],
      ext_modules=cythonize([Extension("after.one", ["after/one.pyx"]), "after/two.pyx"], language_level=3))
`,
      'after/__init__.py': '',
      'after/one.pyx': 'def check():\n    return 1\n',
      'after/two.pyx': 'def check():\n    return 2\n',
    })
    run = await build(dir, ['--from-setup-py'])
  }, 600_000)

  it('setup.py build_ext --inplace runs neither Cython nor the compiler', () => {
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/Also copied 2 modules to .*build\/lib\.\S+-cpython-\d+, where setuptools looks/)
    const out = execFileSync(testPython(), ['setup.py', 'build_ext', '--inplace'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    expect(out).not.toMatch(/Compiling |gcc|g\+\+|clang/)
    expect(importAndCall(dir, ['after.one', 'after.two'])).toEqual({ 'after.one': 1, 'after.two': 2 })
  }, 120_000)

  it('pip install --no-build-isolation -e . compiles nothing, and the installed package imports the built modules', () => {
    const venv = path.join(dir, '.venv')
    try {
      execFileSync(testPython(), ['-m', 'venv', '--system-site-packages', venv], { stdio: 'ignore' })
    } catch {
      throw new Error(`${testPython()} -m venv failed: install python3-venv (Debian) to run this test`)
    }
    const pip = execFileSync(path.join(venv, 'bin/pip'), ['install', '--no-build-isolation', '--no-deps', '--no-index', '-v', '-e', '.'], {
      cwd: dir,
      encoding: 'utf8',
    })
    expect(pip).toContain('Successfully installed after')
    expect(pip).not.toMatch(/Compiling |x86_64-linux-gnu-gcc|\bgcc |g\+\+ /)
    const where = execFileSync(
      path.join(venv, 'bin/python'),
      ['-c', 'import after.one, after.two; print(after.one.__file__, after.one.check() + after.two.check())'],
      { cwd: os.tmpdir(), encoding: 'utf8' },
    )
    expect(where.trim()).toBe(`${path.join(dir, 'after', path.basename(where.split(' ')[0]))} 3`)
  }, 300_000)
})

describe('--from-setup-py with a custom build_ext', () => {
  it('applies what its run() and build_extensions() add (include dirs, flags), as hdbscan and murmurhash do', async () => {
    const dir = tmp()
    write(dir, {
      'setup.py': `import os
from setuptools import setup, Extension
from setuptools.command.build_ext import build_ext
from Cython.Build import cythonize

class CustomBuildExt(build_ext):
    def run(self):
        self.include_dirs.append(os.path.abspath("hidden/include"))
        super().run()

    def build_extensions(self):
        for e in self.extensions:
            e.extra_compile_args = ["-DFROM_BUILD_EXTENSIONS=7"]
        super().build_extensions()

setup(name="custom", ext_modules=cythonize([Extension("custom", ["custom.pyx"])], language_level=3),
      cmdclass={"build_ext": CustomBuildExt})
`,
      'hidden/include/custom_value.h': '#define CUSTOM_VALUE 35\n',
      'custom.pyx':
        'cdef extern from "custom_value.h":\n    int CUSTOM_VALUE\ncdef extern from *:\n    int FROM_BUILD_EXTENSIONS\n\ndef check():\n    return CUSTOM_VALUE + FROM_BUILD_EXTENSIONS\n',
    })
    const run = await build(dir, ['--from-setup-py', '-v'])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^\$ \S*gcc .*-Ihidden\/include .*-DFROM_BUILD_EXTENSIONS=7/m)
    expect(importAndCall(dir, ['custom'])).toEqual({ custom: 42 })
  }, 600_000)
})

describe('the action with setup-py and an optional module that fails', () => {
  it('stays green, with the failure as a warning annotation, never an error', async () => {
    const dir = tmp()
    write(dir, {
      'setup.py': `from setuptools import setup, Extension
from Cython.Build import cythonize
setup(name="act", ext_modules=cythonize([Extension("act.good", ["act/good.pyx"]), Extension("act.bad", ["act/bad.pyx"], optional=True)], language_level=3))
`,
      'act/__init__.py': '',
      'act/good.pyx': 'def check():\n    return "good"\n',
      'act/bad.pyx': 'def check():\n    return missing_name\n',
    })
    const run = await runAction(dir, { 'setup-py': 'true', sources: '**/*.pyx', python: testPython(), cache: 'false' })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/^::error/m)
    expect(run.stdout).toMatch(
      /^::warning .*file=act\/bad\.pyx,line=2.*::optional module act\.bad failed \(cython, exit 1\), the build goes on without it: /m,
    )
    expect(run.outputs.built).toBe('1')
    expect(importAndCall(dir, ['act.good'])).toEqual({ 'act.good': 'good' })
  }, 600_000)
})

describe('--from-setup-py with the compile cache', () => {
  it('serves unchanged modules from the store, and rebuilds when setup.py changes their directives', async () => {
    const dir = tmp()
    const store = tmp()
    const setupPy = (directive: string): string => `from setuptools import setup
from Cython.Build import cythonize
setup(name="cached", ext_modules=cythonize(["cached.pyx"], compiler_directives={"embedsignature": ${directive}}, language_level=3))
`
    write(dir, { 'setup.py': setupPy('True'), 'cached.pyx': 'def check(x=1):\n    return x\n' })
    const cached = (): Promise<RunResult> =>
      runNode(CLI, ['-C', dir, '--python', testPython(), '--cache-dir', store, '--from-setup-py'], { env: cleanEnv() })
    expect((await cached()).stderr).toContain('1 built, 0 from cache')
    expect((await cached()).stderr).toContain('0 built, 1 from cache')
    fs.writeFileSync(path.join(dir, 'setup.py'), setupPy('False'))
    expect((await cached()).stderr).toContain('1 built, 0 from cache')
    expect(importAndCall(dir, ['cached'], 'm.check.__doc__')).toEqual({ cached: null })
  }, 600_000)
})
