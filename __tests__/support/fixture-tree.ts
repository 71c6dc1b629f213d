import * as fs from 'node:fs'
import * as path from 'node:path'

export interface FixtureModule {
  name: string
  /** What `check()` returns once built. */
  expected: unknown
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  fs.writeFileSync(path.join(root, rel), text)
}

/**
 * A package tree like a real project's: `count` modules across sub-packages, cimports through `.pxd` files (one
 * cimported through another), an included `.pxi`, C++ modules, `# distutils:` directives and a plain C module.
 * Every module has `check()` returning a known value.
 */
export function writeFixtureTree(root: string, count: number): FixtureModule[] {
  write(root, 'fx/__init__.py', '')
  write(root, 'fx/core/__init__.py', '')
  write(root, 'fx/extra/__init__.py', '')
  write(root, 'fx/core/base.pxd', 'cdef int base_value(int x)\n')
  write(
    root,
    'fx/core/base.pyx',
    '# cython: language_level=3\ncdef int base_value(int x):\n    return x * 2\n\ndef check():\n    return base_value(21)\n',
  )
  write(root, 'fx/core/layer.pxd', 'from fx.core.base cimport base_value\ncdef int layered(int x)\n')
  write(
    root,
    'fx/core/layer.pyx',
    '# cython: language_level=3\ncdef int layered(int x):\n    return base_value(x) + 1\n\ndef check():\n    return layered(10)\n',
  )
  write(root, 'fx/shared.pxi', 'cdef inline int shared_offset():\n    return 1000\n')
  write(root, 'fx/include/fx_const.h', '#define FX_CONST 7\n')
  write(root, 'fx/native.c', NATIVE_C)
  const modules: FixtureModule[] = [
    { name: 'fx.core.base', expected: 42 },
    { name: 'fx.core.layer', expected: 21 },
    { name: 'fx.native', expected: 'native' },
  ]
  for (let i = 0; modules.length < count; i++) modules.push(writeVariant(root, i))
  return modules
}

function writeVariant(root: string, i: number): FixtureModule {
  const pkg = i % 3 === 0 ? 'fx/extra' : 'fx'
  const name = `${pkg.replace(/\//g, '.')}.m${i}`
  const file = `${pkg}/m${i}.pyx`
  switch (i % 5) {
    case 0:
      write(root, file, `# cython: language_level=3\nfrom fx.core.layer cimport layered\n\ndef check():\n    return layered(${i})\n`)
      return { name, expected: i * 2 + 1 }
    case 1:
      // From fx/extra the .pxi is not beside the module: found through the working directory, as cythonize finds it.
      write(
        root,
        file,
        `# cython: language_level=3\ninclude "${pkg === 'fx' ? '' : 'fx/'}shared.pxi"\n\ndef check():\n    return shared_offset() + ${i}\n`,
      )
      return { name, expected: 1000 + i }
    case 2:
      write(
        root,
        file,
        `# distutils: language = c++\n# cython: language_level=3\nfrom libcpp.vector cimport vector\n\ndef check():\n    cdef vector[int] v\n    for k in range(${(i % 7) + 1}):\n        v.push_back(k)\n    return sum(v)\n`,
      )
      return { name, expected: ((i % 7) * ((i % 7) + 1)) / 2 }
    case 3:
      write(
        root,
        file,
        `# distutils: include_dirs = fx/include\n# distutils: libraries = m\n# distutils: define_macros = FX_EXTRA=${i}\n# cython: language_level=3\ncdef extern from "fx_const.h":\n    int FX_CONST\ncdef extern from *:\n    int FX_EXTRA\ncdef extern from "math.h":\n    double floor(double)\n\ndef check():\n    return FX_CONST + FX_EXTRA + int(floor(0.5))\n`,
      )
      return { name, expected: 7 + i }
    default:
      write(
        root,
        file,
        `# cython: language_level=3\ncdef long tri(long n):\n    cdef long t = 0\n    for k in range(n + 1):\n        t += k\n    return t\n\ndef check():\n    return tri(${i})\n`,
      )
      return { name, expected: (i * (i + 1)) / 2 }
  }
}

const NATIVE_C = `#define PY_SSIZE_T_CLEAN
#include <Python.h>
static PyObject *check(PyObject *self, PyObject *args) { return PyUnicode_FromString("native"); }
static PyMethodDef methods[] = {{"check", check, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "fx.native", NULL, -1, methods};
PyMODINIT_FUNC PyInit_native(void) { return PyModule_Create(&def); }
`
