import * as path from 'node:path'

/**
 * Sources that another source `include`s (`include "helpers.pyx"`): Cython pastes them into the including module,
 * and built alone they fail with unrelated "undeclared name" errors. Returns included source -> including source.
 * An include is resolved as Cython resolves it first: beside the including file, then from the working directory.
 */
export function includedSources(sources: string[], includesOf: (source: string) => string[]): Map<string, string> {
  const known = new Set(sources)
  const included = new Map<string, string>()
  for (const source of sources) {
    for (const target of includesOf(source)) {
      const candidates = [path.posix.normalize(path.posix.join(path.posix.dirname(source), target)), path.posix.normalize(target)]
      const hit = candidates.find(c => known.has(c) && c !== source)
      if (hit && !included.has(hit)) included.set(hit, source)
    }
  }
  return included
}

/** A sources entry that names this very file (no wildcard): the user asked for it as a module. */
export function namedExplicitly(source: string, patterns: string[]): boolean {
  return patterns.some(p => !/[*?[{]/.test(p) && !p.startsWith('!') && path.posix.normalize(p.replace(/\\/g, '/')) === source)
}
