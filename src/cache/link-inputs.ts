import * as path from 'node:path'

import type { ModuleSpec } from '../plan/module-spec.js'
import type { DependencyFile } from './dependency-scan.js'

/**
 * Files the link reads that the project owns: archives, objects and libraries named in the link arguments or found
 * through the module's `libraries`/`library_dirs` (and `-l`/`-L` arguments) inside the working directory. They are
 * inputs like the sources: a rebuilt `libfoo.a` must rebuild every module linked with it. Libraries outside the
 * working directory (the system's, Python's) belong to the toolchain, which the key names already.
 */
export interface LinkInputOptions {
  workingDirectory: string
  /** The `link-args` setting, shared by every module. */
  linkArgs: string[]
  msvc: boolean
}

interface LinkRequest {
  files: string[]
  libraries: string[]
  exactNames: string[]
  libraryDirs: string[]
}

/** `{key, path}` of every project-owned file the module's link can read; `exists` says whether a file is there. */
export function linkInputFiles(spec: ModuleSpec, opts: LinkInputOptions, exists: (file: string) => boolean): DependencyFile[] {
  const wd = path.resolve(opts.workingDirectory)
  const request = parseLinkArgs([...spec.directives.extraLinkArgs, ...opts.linkArgs], opts.msvc)
  const dirs = [...spec.directives.libraryDirs, ...request.libraryDirs].map(dir => path.resolve(wd, dir))
  // link.exe also looks for a bare file argument (`foo.lib`) in its /LIBPATH: dirs.
  const bareFiles = opts.msvc ? request.files.filter(file => !/[/\\]/.test(file)) : []
  const names = [...[...spec.directives.libraries, ...request.libraries].flatMap(libraryFileNames), ...request.exactNames, ...bareFiles]
  const candidates = [...request.files.map(file => path.resolve(wd, file)), ...dirs.flatMap(dir => names.map(name => path.join(dir, name)))]
  const found = new Map<string, DependencyFile>()
  for (const file of candidates) {
    const key = keyInside(wd, file)
    if (key !== undefined && !found.has(key) && exists(file)) found.set(key, { key, path: file })
  }
  return [...found.values()]
}

/** What a linker argument list asks for (pure). `-Wl,a,b` passes a and b to the linker, so they count too. */
export function parseLinkArgs(args: string[], msvc: boolean): LinkRequest {
  const request: LinkRequest = { files: [], libraries: [], exactNames: [], libraryDirs: [] }
  const list = args.flatMap(arg => (arg.startsWith('-Wl,') ? arg.slice(4).split(',') : [arg]))
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]
    const value = (flag: string): string => (arg === flag ? (list[++i] ?? '') : arg.slice(flag.length))
    if (arg.startsWith('-L')) request.libraryDirs.push(value('-L'))
    else if (arg.startsWith('-l:')) request.exactNames.push(arg.slice(3))
    else if (arg.startsWith('-l')) pushLibrary(request, value('-l'))
    else if (msvc && /^[/-]libpath:/i.test(arg)) request.libraryDirs.push(arg.slice('/LIBPATH:'.length))
    else if (!arg.startsWith('-') && !(msvc && /^\/[A-Za-z]/.test(arg) && !arg.includes('.'))) request.files.push(arg)
  }
  return request
}

function pushLibrary(request: LinkRequest, name: string): void {
  if (name.startsWith(':')) request.exactNames.push(name.slice(1))
  else if (name !== '') request.libraries.push(name)
}

/** Every name a linker may take `-l<name>` for: static and shared, on every platform (an unused name costs a probe). */
function libraryFileNames(name: string): string[] {
  return [`lib${name}.a`, `lib${name}.so`, `lib${name}.dylib`, `lib${name}.dll.a`, `${name}.lib`]
}

function keyInside(wd: string, file: string): string | undefined {
  const rel = path.relative(wd, file)
  if (rel === '' || /^\.\.([/\\]|$)/.test(rel) || path.isAbsolute(rel)) return undefined
  return rel.split(path.sep).join('/')
}
