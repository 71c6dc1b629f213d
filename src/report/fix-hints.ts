import type { Diagnostic } from '../diagnostics/diagnostic.js'
import type { ModuleResult } from '../pool/module-result.js'

/**
 * What is missing, read from a compiler or linker error: a header (`numpy/arrayobject.h`) or a library (`ssl`).
 * gcc: `x.h: No such file or directory`; clang: `'x.h' file not found`; MSVC: `C1083: Cannot open include file: 'x.h'`;
 * ld: `cannot find -lx`; MSVC link: `LNK1181: cannot open input file 'x.lib'`.
 */
export function missingInput(d: Diagnostic): { header: string } | { library: string } | undefined {
  if (d.severity !== 'error') return undefined
  let m = /^(?:C1083: Cannot open include file: )?'?([^':\s]+)'?(?:: No such file or directory| file not found)$/.exec(d.message)
  // a missing C source (`# distutils: sources`) or object is no header
  if (m && d.tool !== 'linker' && d.tool !== 'cython' && !/\.(c|cc|cpp|cxx|m|mm|o|obj)$/i.test(m[1])) return { header: m[1] }
  m = /^cannot find -l(\S+?)(?::|$)/.exec(d.message) ?? /^LNK1181: cannot open input file '(.+?)(?:\.lib)?'$/.exec(d.message)
  if (m) return { library: m[1] }
  return undefined
}

/** Headers and libraries the failed modules could not find, each with the modules that needed it (sorted). */
function missingInputs(results: ModuleResult[]): { headers: Map<string, string[]>; libraries: Map<string, string[]> } {
  const headers = new Map<string, string[]>()
  const libraries = new Map<string, string[]>()
  for (const r of results) {
    if (r.status !== 'failed') continue
    for (const d of r.diagnostics) {
      const missing = missingInput(d)
      if (!missing) continue
      const [map, name] = 'header' in missing ? [headers, missing.header] : [libraries, missing.library]
      const users = map.get(name) ?? []
      if (!users.includes(r.module.source)) map.set(name, [...users, r.module.source].sort())
    }
  }
  return { headers, libraries }
}

function modulesText(users: string[]): string {
  return users.length <= 3 ? users.join(', ') : `${users.slice(0, 3).join(', ')} and ${users.length - 3} more`
}

/** `#include "pkg/x.h"` is found under the directory that holds `pkg/`, not the one that holds `x.h`. */
function whereToAdd(header: string): string {
  const parts = header.split('/').filter(p => p !== '' && p !== '.')
  if (parts.length < 2) return 'add the directory that holds it'
  const dir = parts.slice(0, -1).join('/')
  return `add the directory that contains ${dir}/ (not ${dir}/ itself)`
}

/**
 * One plain-words fix per missing header or library: failures whose cause is the build's setup, not the code. numpy's
 * headers get their own: `cimport numpy` needs numpy.get_include() on the include path, as setup.py's include_dirs.
 */
export function fixHints(results: ModuleResult[]): string[] {
  const { headers, libraries } = missingInputs(results)
  const hints: string[] = []
  const numpy = [...headers].filter(([h]) => h.startsWith('numpy/'))
  if (numpy.length > 0) {
    const users = [...new Set(numpy.flatMap(([, u]) => u))].sort()
    hints.push(
      `numpy's headers are not on the include path (needed by ${modulesText(users)}): add the directory that ` +
        `\`python -c "import numpy; print(numpy.get_include())"\` prints to include-dirs (-I DIR locally), as setup.py's include_dirs=[numpy.get_include()] does`,
    )
  }
  for (const [header, users] of headers) {
    if (/^[a-z_]+$/.test(header)) {
      // <string>, <vector>: the C++ standard library, missing only because the module is compiled as C.
      hints.push(
        `Header <${header}> is a C++ standard header (needed by ${modulesText(users)}): the module is compiled as C; declare C++ with "# distutils: language = c++" (in the .pyx or a .pxd it cimports) or language="c++" in setup.py`,
      )
    } else if (!header.startsWith('numpy/'))
      hints.push(
        `Header ${header} was not found (needed by ${modulesText(users)}): ${whereToAdd(header)} to include-dirs (-I DIR locally), or install the package that provides it`,
      )
  }
  for (const [library, users] of libraries) {
    hints.push(
      `Library ${library} was not found at link time (needed by ${modulesText(users)}): install it, or add its directory with "# distutils: library_dirs = DIR" or link-args (-L DIR, /LIBPATH:DIR on Windows)`,
    )
  }
  return hints
}
