import * as fs from 'node:fs'
import * as path from 'node:path'

import { DiskSourceReader } from '../cache/content-hash.js'
import { DependencyResolver } from '../cache/dependency-scan.js'
import { scanReferences } from '../cache/reference-lexer.js'
import { toPosix } from '../files/posix-path.js'
import { packageDirProbe, planModules, rejectDuplicateNames } from '../plan/build-plan.js'
import { withCimportedDirectives } from '../plan/cimported-directives.js'
import { declaredModules } from '../plan/declared-modules.js'
import { includedSources, namedExplicitly } from '../plan/included-sources.js'
import type { DistutilsDirectives, ModuleSpec } from '../plan/module-spec.js'
import { isOptionalModule } from '../plan/optional-modules.js'
import { readExtensionsFile, readSetupPy } from '../plan/read-declared.js'
import { mergeCimported, parseDistutilsDirectives } from '../plan/source-directives.js'
import type { BuildSettings, DeclaredSource } from '../settings/settings.js'
import type { ProbedToolchain } from '../toolchain/probe-toolchain.js'
import type { BuildLog } from './build-log.js'

/**
 * The modules to build, as the project's own build would make them: from `sources` globs (an `include`d `.pyx`
 * left out), or as declared by setup.py / an extensions file; with the `# distutils:` lines of cimported `.pxd`
 * files merged (setup.py's are already merged by Cython itself) and `optional` marked.
 */
export async function planProjectModules(
  settings: BuildSettings,
  toolchain: ProbedToolchain,
  sources: string[],
  log: BuildLog,
  reader = new DiskSourceReader(),
): Promise<ModuleSpec[]> {
  const outputDir = settings.outputDir === null ? null : toPosix(path.relative(settings.workingDirectory, settings.outputDir)) || '.'
  const planned = settings.declared
    ? await planDeclared(settings.declared, settings, toolchain.executable, toolchain.extSuffix, outputDir, log, reader)
    : planModules(
        withoutIncluded(sources, settings, log, reader),
        { workingDirectory: settings.workingDirectory, extSuffix: toolchain.extSuffix, outputDir },
        reader,
      )
  const parsed = new Map<string, DistutilsDirectives | null>()
  // One resolver for the whole plan: a .pxd cimported by many modules is resolved once.
  const scan = { workingDirectory: settings.workingDirectory, includeDirs: settings.includeDirs, pythonPath: toolchain.sysPath ?? [] }
  const resolver = new DependencyResolver(scan, reader)
  const merged =
    settings.declared?.kind === 'setup-py'
      ? planned
      : planned.map(spec => withCimportedDirectives(spec, cimportedDirectives(spec, settings, resolver, reader, parsed)))
  return merged.map(spec => (isOptionalModule(spec.name, settings.optional) ? { ...spec, optional: true } : spec))
}

function withoutIncluded(sources: string[], settings: BuildSettings, log: BuildLog, reader: DiskSourceReader): string[] {
  const cython = sources.filter(s => /\.(pyx|py)$/.test(s))
  const includesOf = (source: string): string[] => {
    const text = reader.readFile(path.join(settings.workingDirectory, source)) ?? ''
    // Most sources include nothing: only those that say "include" are lexed.
    return text.includes('include') ? scanReferences(text, 'pyx').flatMap(ref => (ref.type === 'include' ? [ref.path] : [])) : []
  }
  const included = [...includedSources(cython, includesOf)].filter(([file]) => !namedExplicitly(file, settings.sources))
  if (included.length === 0) return sources
  const list = included.map(([file, by]) => `${file} (included by ${by})`).join(', ')
  log.info(`Not built as modules of their own, because another source includes them: ${list}; name one in sources to build it anyway`)
  const skip = new Set(included.map(([file]) => file))
  return sources.filter(s => !skip.has(s))
}

async function planDeclared(
  declared: DeclaredSource,
  settings: BuildSettings,
  python: string,
  extSuffix: string,
  outputDir: string | null,
  log: BuildLog,
  reader: DiskSourceReader,
): Promise<ModuleSpec[]> {
  const wd = settings.workingDirectory
  const origin = `${declared.kind === 'setup-py' ? 'setup-py' : 'extensions'} (${path.relative(wd, declared.file) || declared.file})`
  const declaration =
    declared.kind === 'setup-py'
      ? await readSetupPy(python, declared.file)
      : await readExtensionsFile(declared.file, wd, packageDirProbe(wd), python)
  for (const warning of declaration.warnings) log.warning(`${origin}: ${warning}`)
  const sizeOf = (file: string): number => {
    const stat = fs.statSync(path.resolve(wd, file), { throwIfNoEntry: false })
    if (!stat) throw new Error(`Invalid ${origin}: the extension source ${file} does not exist (relative to ${wd})`)
    return stat.size
  }
  let modules = declaredModules(
    declaration.extensions,
    { base: declaration.base, workingDirectory: wd, extSuffix, outputDir, sizeOf },
    origin,
  )
  if (declared.kind === 'extensions') modules = modules.map(spec => withOwnDirectives(spec, wd, reader))
  rejectDuplicateNames(modules)
  if (modules.length === 0) {
    const message = `${origin} declares no extension modules`
    if (settings.ifNoFilesFound === 'error') throw new Error(`${message}; check it, or set if-no-files-found to warn or ignore`)
    if (settings.ifNoFilesFound === 'warn') log.warning(message)
  }
  log.info(`${modules.length} extension ${modules.length === 1 ? 'module' : 'modules'} declared by ${origin}`)
  return modules
}

/** An extensions file's module still honours its source's own `# distutils:` lines, as cythonize would. */
function withOwnDirectives(spec: ModuleSpec, wd: string, reader: DiskSourceReader): ModuleSpec {
  if (spec.kind !== 'cython') return spec
  const own = parseDistutilsDirectives(reader.readFile(path.join(wd, spec.source)) ?? '')
  const directives: DistutilsDirectives = {
    ...mergeCimported(spec.directives, [own]),
    sources: [...spec.directives.sources, ...own.sources.filter(s => !spec.directives.sources.includes(s))],
    defineMacros: [...spec.directives.defineMacros, ...own.defineMacros],
  }
  const language = own.language ?? spec.directives.language ?? spec.language
  return { ...spec, directives, language, generated: spec.generated.replace(/\.(c|cpp)$/, language === 'c++' ? '.cpp' : '.c') }
}

/** The `# distutils:` settings of every `.pxd` the module reaches through cimports (its own `.pxd` included). */
function cimportedDirectives(
  spec: ModuleSpec,
  settings: BuildSettings,
  resolver: DependencyResolver,
  reader: DiskSourceReader,
  parsed: Map<string, DistutilsDirectives | null>,
): DistutilsDirectives[] {
  if (spec.kind !== 'cython') return []
  const source = path.join(settings.workingDirectory, spec.source)
  const directivesOf = (file: string): DistutilsDirectives | null => {
    // A shared .pxd is parsed once per build; most have no # distutils: line at all.
    if (!parsed.has(file)) {
      const text = reader.readFile(file) ?? ''
      parsed.set(file, text.includes('distutils:') ? parseDistutilsDirectives(text) : null)
    }
    return parsed.get(file) as DistutilsDirectives | null
  }
  return resolver
    .filesOf(spec)
    .filter(file => file.path.endsWith('.pxd') && file.path !== source)
    .flatMap(file => directivesOf(file.path) ?? [])
}
