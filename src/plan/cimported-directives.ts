import type { DistutilsDirectives, ModuleSpec } from './module-spec.js'
import { mergeCimported } from './source-directives.js'

/**
 * The module with the `# distutils:` settings of the `.pxd` files it cimports merged in, as cythonize merges them:
 * a `.pxd` saying `language = c++` makes every module that cimports it C++ (Cython then writes a `.cpp`).
 */
export function withCimportedDirectives(spec: ModuleSpec, cimported: DistutilsDirectives[]): ModuleSpec {
  if (spec.kind !== 'cython' || cimported.length === 0) return spec
  const directives = mergeCimported(spec.directives, cimported)
  const language = directives.language ?? spec.language
  const generated = language === spec.language ? spec.generated : spec.generated.replace(/\.(c|cpp)$/, language === 'c++' ? '.cpp' : '.c')
  return { ...spec, directives, language, generated }
}
