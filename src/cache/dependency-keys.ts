import * as path from 'node:path'

import { toPosix } from '../files/posix-path.js'

/**
 * How a dependency is named in a fingerprint, and back: a key is relative to the working dir with `/`; a file outside
 * it is `<include:N>/rel`, `<module-include:N>/rel` or `<python-path:N>/rel` under the dir it lies in (whichever
 * needs the fewest `..`), so keys stay the same across checkouts and machines.
 */

/** The dirs a key may be relative to, all absolute. */
export interface KeyBases {
  wd: string
  includeDirs: string[]
  moduleIncludeDirs: string[]
  pythonPath: string[]
}

/** The scan's options as `dependencyPath` needs them (dirs absolute, or relative to the working dir). */
export interface KeyDirs {
  workingDirectory: string
  includeDirs: string[]
  pythonPath?: string[]
}

/** A relative path that `path.resolve` would change: `.` or `..` parts, doubled or trailing separators. */
export const NEEDS_NORMALIZING = /(^|[/\\])\.{0,2}([/\\]|$)/

/** Stable across checkouts and machines: relative to the working dir, else to the include dir it lies under. */
export function dependencyKey(file: string, dirs: KeyBases): string {
  const inside = file.startsWith(dirs.wd + path.sep) ? file.slice(dirs.wd.length + 1) : undefined
  if (inside !== undefined && !NEEDS_NORMALIZING.test(inside)) return toPosix(inside) // the common case, without path.relative
  const bases: Array<[string, string]> = [
    ['', dirs.wd],
    ...dirs.includeDirs.map((dir, i): [string, string] => [`<include:${i}>/`, dir]),
    ...dirs.moduleIncludeDirs.map((dir, i): [string, string] => [`<module-include:${i}>/`, dir]),
    ...dirs.pythonPath.map((dir, i): [string, string] => [`<python-path:${i}>/`, dir]),
  ]
  let best: { key: string; ups: number } | undefined
  for (const [label, base] of bases) {
    const rel = path.relative(base, file)
    if (path.isAbsolute(rel)) continue // another drive (Windows)
    const ups = rel.split(path.sep).filter(part => part === '..').length
    if (!best || ups < best.ups) best = { key: label + toPosix(rel), ups }
    if (ups === 0) break
  }
  return best?.key ?? '<outside>/' + toPosix(file.slice(path.parse(file).root.length))
}

/** The absolute path a key stands for (the inverse of the key naming), for callers that kept only keys. */
export function dependencyPath(key: string, opts: KeyDirs, moduleIncludeDirs: string[] = []): string {
  const wd = path.resolve(opts.workingDirectory)
  const m = /^<(include|module-include|python-path):(\d+)>\/(.*)$/.exec(key)
  if (!m) return key.startsWith('<outside>/') ? path.resolve('/', key.slice('<outside>/'.length)) : path.resolve(wd, key)
  const dirs = m[1] === 'include' ? opts.includeDirs : m[1] === 'python-path' ? (opts.pythonPath ?? []) : moduleIncludeDirs
  const dir = dirs[Number(m[2])]
  if (dir === undefined) throw new Error(`Invalid dependency key: ${key} names include dir ${m[2]}, but only ${dirs.length} are given`)
  return path.resolve(wd, dir, m[3])
}
