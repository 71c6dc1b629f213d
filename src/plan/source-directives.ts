import { leadingCommentLines } from './leading-comments.js'
import type { DistutilsDirectives } from './module-spec.js'

/**
 * Reads the `# distutils:` lines of a source's leading comment block, as cythonize does (Cython's DistutilsInfo):
 * only comment lines before the first code line count; lists are space separated, or `[a, b]` comma separated.
 */
export function parseDistutilsDirectives(text: string): DistutilsDirectives {
  const directives: DistutilsDirectives = emptyDirectives()
  for (const body of leadingCommentLines(text)) {
    if (!body.startsWith('distutils:')) continue
    const eq = body.indexOf('=')
    if (eq < 0) continue
    applyDirective(directives, body.slice('distutils:'.length, eq).trim(), body.slice(eq + 1).trim())
  }
  return directives
}

export function emptyDirectives(): DistutilsDirectives {
  return { libraries: [], libraryDirs: [], includeDirs: [], sources: [], defineMacros: [], extraCompileArgs: [], extraLinkArgs: [] }
}

const LIST_KEYS: Record<string, keyof DistutilsDirectives> = {
  libraries: 'libraries',
  library_dirs: 'libraryDirs',
  include_dirs: 'includeDirs',
  sources: 'sources',
  extra_compile_args: 'extraCompileArgs',
  extra_link_args: 'extraLinkArgs',
  runtime_library_dirs: 'runtimeLibraryDirs',
  undef_macros: 'undefMacros',
  extra_objects: 'extraObjects',
}

/** The settings cythonize carries over from a module's cimported `.pxd` files (Cython's `transitive_list`). */
const TRANSITIVE_LISTS = ['libraries', 'libraryDirs', 'runtimeLibraryDirs', 'includeDirs', 'extraCompileArgs', 'extraLinkArgs'] as const

/**
 * A module's directives merged with those of the `.pxd` files it cimports, transitively, as cythonize's
 * DistutilsInfo.merge does: the module's own language wins, else the first `.pxd` that names one; the transitive
 * lists gain the items they lack, in order. `sources` and `define_macros` are not transitive in Cython: a `.pxd`'s
 * own are not merged, here either.
 */
export function mergeCimported(own: DistutilsDirectives, cimported: DistutilsDirectives[]): DistutilsDirectives {
  const merged: DistutilsDirectives = { ...own }
  for (const other of cimported) {
    if (merged.language === undefined && other.language !== undefined) merged.language = other.language
    for (const key of TRANSITIVE_LISTS) {
      const theirs = other[key] ?? []
      if (theirs.length === 0) continue
      const ours = merged[key] ?? []
      merged[key] = [...ours, ...theirs.filter(item => !ours.includes(item))]
    }
  }
  return merged
}

function applyDirective(directives: DistutilsDirectives, key: string, value: string): void {
  if (key === 'language') {
    const language = value.replace(/^['"]|['"]$/g, '').toLowerCase()
    if (language === 'c' || language === 'c++') directives.language = language
    return
  }
  if (key === 'define_macros') {
    directives.defineMacros = parseDirectiveList(value).map(m => {
      const eq = m.indexOf('=')
      return eq < 0 ? [m, null] : [m.slice(0, eq), m.slice(eq + 1)]
    })
    return
  }
  const field = LIST_KEYS[key]
  if (field) (directives[field] as string[]) = parseDirectiveList(value)
}

/** Cython's parse_list: `a b c`, or `[a, "b c", d]`; quoted items keep their spaces and commas. */
export function parseDirectiveList(value: string): string[] {
  let text = value.trim()
  let delimiter = ' '
  if (text.length >= 2 && text.startsWith('[') && text.endsWith(']')) {
    text = text.slice(1, -1)
    delimiter = ','
  }
  const items: string[] = []
  let current = ''
  let quoted = false
  let quote: string | null = null
  const push = (): void => {
    // A quoted item is kept even when it is blank, as Cython keeps it.
    if (quoted || current.trim() !== '') items.push(quoted ? current : current.trim())
    current = ''
    quoted = false
  }
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null
      else current += ch
    } else if (ch === '"' || ch === "'") {
      if (current.trim() === '') current = ''
      quote = ch
      quoted = true
    } else if (ch === delimiter || (delimiter === ' ' && /\s/.test(ch))) {
      push()
    } else {
      current += ch
    }
  }
  push()
  return items
}
