/**
 * The file system as the dependency resolver sees it. `realPath` (optional) lets it see through symlink loops;
 * `listDir` (optional) finds Cython 3's versioned `name.cython-30.pxd` files (without it only `.cython-30` is tried).
 */
export interface SourceReader {
  readFile(path: string): string | undefined
  realPath?(path: string): string | undefined
  listDir?(dir: string): readonly string[] | undefined
}
