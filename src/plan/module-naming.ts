import * as path from 'node:path'

/** The files that make a directory a package for Cython (Cython's is_package_dir). */
export const PACKAGE_MARKERS = ['__init__.py', '__init__.pyc', '__init__.pyx', '__init__.pxd']

/**
 * The dotted module name cythonize gives a source: its base name, prefixed by every enclosing directory that is a
 * package, walking up while a package marker is present, but never above the working directory. `source` is
 * relative to the working directory, with `/`.
 */
export function moduleNameFor(source: string, isPackageDir: (dir: string) => boolean): string {
  const parts = source.split('/')
  const base = parts.pop() as string
  const name = [base.slice(0, base.length - path.extname(base).length)]
  while (parts.length > 0 && isPackageDir(parts.join('/'))) name.unshift(parts.pop() as string)
  return name.join('.')
}

/** `<name><EXT_SUFFIX>` in the package directory: next to the source in place, or mirrored under an output dir. */
export function outputPathFor(source: string, moduleName: string, extSuffix: string, outputDir: string | null): string {
  const leaf = moduleName.split('.').pop() + extSuffix
  if (outputDir === null) return joinRelative(path.posix.dirname(source), leaf)
  return path.posix.join(outputDir, ...moduleName.split('.').slice(0, -1), leaf)
}

/** Where Cython writes the C: next to the source in place, or beside the extension under an output dir. */
export function generatedPathFor(source: string, moduleName: string, language: 'c' | 'c++', outputDir: string | null): string {
  const leaf = moduleName.split('.').pop() + (language === 'c++' ? '.cpp' : '.c')
  if (outputDir === null) return joinRelative(path.posix.dirname(source), leaf)
  return path.posix.join(outputDir, ...moduleName.split('.').slice(0, -1), leaf)
}

function joinRelative(dir: string, leaf: string): string {
  return dir === '.' ? leaf : `${dir}/${leaf}`
}
