import * as fs from 'node:fs'
import * as path from 'node:path'

import * as glob from '@actions/glob'

import { InputError } from '../errors/input-error.js'
import { toPosix } from '../files/posix-path.js'

/** Source kinds cython-fanout builds: Cython sources, and plain C files that define PyInit_<name>. */
export const SOURCE_EXTENSIONS = ['.pyx', '.py', '.c']

/**
 * Expands the `sources` globs (relative to the working directory; `!` excludes) to files, relative to the working
 * directory with `/`. Refuses a match outside the working directory, symlinks included.
 */
export async function findSources(patterns: string[], workingDirectory: string): Promise<string[]> {
  for (const pattern of patterns) refuseOutside(pattern, workingDirectory)
  const absolute = patterns.map(p => anchorPattern(p, workingDirectory))
  const globber = await glob.create(absolute.join('\n'), { matchDirectories: false, followSymbolicLinks: true })
  const root = fs.realpathSync(workingDirectory)
  const files: string[] = []
  for (const file of await globber.glob()) {
    if (!SOURCE_EXTENSIONS.includes(path.extname(file))) continue
    files.push(relativeInside(file, workingDirectory, root, patterns))
  }
  return [...new Set(files)].sort()
}

/** Makes a pattern absolute under the working directory, keeping a leading `!`. */
export function anchorPattern(pattern: string, workingDirectory: string): string {
  const negated = pattern.startsWith('!')
  const body = negated ? pattern.slice(1).trim() : pattern
  const anchored = path.isAbsolute(body) ? body : path.join(workingDirectory, body)
  return (negated ? '!' : '') + anchored
}

/** A pattern whose fixed part already leaves the working directory is refused before anything is searched. */
export function refuseOutside(pattern: string, workingDirectory: string): void {
  if (pattern.startsWith('!')) return
  const fixed = anchorPattern(pattern, workingDirectory).split(/[*?[{]/)[0]
  const rel = path.relative(workingDirectory, path.dirname(fixed + 'x'))
  if (isOutside(rel)) {
    throw new InputError(
      `Invalid sources entry "${pattern}": it resolves outside the working directory ${workingDirectory}; ` +
        'sources must be inside working-directory (set working-directory to a directory that contains them)',
    )
  }
}

function relativeInside(file: string, workingDirectory: string, realRoot: string, patterns: string[]): string {
  const rel = path.relative(workingDirectory, file)
  const real = fs.realpathSync(file)
  const realRel = path.relative(realRoot, real)
  if (isOutside(rel) || isOutside(realRel)) {
    throw new InputError(
      `Invalid sources: ${JSON.stringify(patterns.join(' '))} matched ${real}, which is outside the working directory ${realRoot}; ` +
        'sources must be inside working-directory (set working-directory to a directory that contains them)',
    )
  }
  return toPosix(rel)
}

function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)
}
