import * as path from 'node:path'

/** A native relative path with `/` separators, as module names, keys and reports use on every OS. */
export function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/')
}
