import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import type { DeclaredExtension } from './declared-modules.js'
import { findSources } from './find-sources.js'
import { moduleNameFor } from './module-naming.js'
import { SETUP_PY_QUERY } from './setup-py-query.js'

export interface Declaration {
  extensions: DeclaredExtension[]
  /** Where the declaration's relative paths start (the directory of setup.py or of the extensions file). */
  base: string
  /** cythonize() options that were ignored, said once each. */
  warnings: string[]
}

/** Runs setup.py with the build's Python, setup() and cythonize() recording instead of building. */
export async function readSetupPy(python: string, setupPy: string): Promise<Declaration> {
  if (!fs.existsSync(setupPy))
    throw new Error(`Invalid setup-py: ${setupPy} does not exist; name the project's setup.py (a path relative to working-directory)`)
  const { code, stdout, stderr } = await runPython(python, setupPy)
  const answer = parseAnswer(stdout)
  if (code !== 0 || !answer) {
    throw new Error(`Invalid setup-py: running ${setupPy} with ${python} failed (exit ${code}): ${lastLine(stderr) || 'no output'}`)
  }
  if (typeof answer.error === 'string') throw new Error(`Invalid setup-py: ${setupPy}: ${answer.error}`)
  return {
    extensions: answer.extensions as DeclaredExtension[],
    base: path.dirname(setupPy),
    warnings: (answer.warnings as string[]) ?? [],
  }
}

function runPython(python: string, setupPy: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = execFile(python, ['-', setupPy], { maxBuffer: 256 * 1024 * 1024, cwd: path.dirname(setupPy) }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
      resolve({ code, stdout, stderr: stderr || (err && !stderr ? err.message : '') })
    })
    child.stdin?.end(SETUP_PY_QUERY)
  })
}

function parseAnswer(stdout: string): Record<string, unknown> | undefined {
  const line = stdout.trim().split('\n').pop() ?? ''
  try {
    return JSON.parse(line) as Record<string, unknown>
  } catch {
    return undefined
  }
}

/**
 * The declarative form for projects without a setup.py: a JSON file `{"extensions": [...]}` of Extension fields.
 * A name with `*` (`pkg.*`) takes its first source as a glob and makes one module per match, named from the package
 * layout, as cythonize does with `Extension("pkg.*", ["pkg/*.pyx"])`.
 */
export async function readExtensionsFile(
  file: string,
  workingDirectory: string,
  isPackageDir: (dir: string) => boolean,
  python: string,
): Promise<Declaration> {
  const origin = `extensions file ${file}`
  const parsed = file.endsWith('.toml') ? await readPyprojectTable(python, file) : readJson(file)
  const list = Array.isArray(parsed) ? parsed : (parsed as { extensions?: unknown })?.extensions
  if (!Array.isArray(list)) {
    throw new Error(
      `Invalid ${origin}: expected {"extensions": [{"name": "pkg.mod", "sources": ["pkg/mod.pyx"], "language": "c++"}]} (in a pyproject.toml: [[tool.cython-fanout.extensions]] tables)`,
    )
  }
  const base = path.dirname(file)
  const expanded: DeclaredExtension[] = []
  for (const ext of list as DeclaredExtension[]) expanded.push(...(await expandGlobName(ext, base, workingDirectory, isPackageDir)))
  return { extensions: expanded, base, warnings: [] }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(
      `Invalid extensions: cannot read ${file} as JSON (${(err as Error).message}); expected {"extensions": [{"name": "pkg.mod", "sources": ["pkg/mod.pyx"]}]}`,
      { cause: err },
    )
  }
}

/** `[tool.cython-fanout]` of a pyproject.toml, read by the build's Python (tomllib, 3.11+; else tomli). */
async function readPyprojectTable(python: string, file: string): Promise<unknown> {
  const script = [
    'import json, sys',
    'try:',
    '    import tomllib',
    'except ImportError:',
    '    import tomli as tomllib',
    'with open(sys.argv[1], "rb") as f:',
    '    print(json.dumps(tomllib.load(f).get("tool", {}).get("cython-fanout", {})))',
  ].join('\n')
  const answer = await new Promise<{ code: number; stdout: string; stderr: string }>(resolve =>
    execFile(python, ['-c', script, file], (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr })),
  )
  if (answer.code !== 0) {
    throw new Error(
      `Invalid extensions: cannot read [tool.cython-fanout] from ${file} with ${python}: ${lastLine(answer.stderr) || 'no output'} (Python 3.11+ reads TOML; else install tomli)`,
    )
  }
  return JSON.parse(answer.stdout)
}

async function expandGlobName(
  ext: DeclaredExtension,
  base: string,
  wd: string,
  isPackageDir: (dir: string) => boolean,
): Promise<DeclaredExtension[]> {
  if (typeof ext?.name !== 'string' || !ext.name.includes('*') || !Array.isArray(ext.sources) || ext.sources.length === 0) return [ext]
  const pattern = path.relative(wd, path.resolve(base, ext.sources[0])).split(path.sep).join('/')
  const files = await findSources([pattern], wd)
  return files.map(file => ({
    ...ext,
    name: moduleNameFor(file, isPackageDir),
    sources: [path.resolve(wd, file), ...ext.sources.slice(1)],
  }))
}

function lastLine(text: string): string {
  return text.trim().split(/\r?\n/).pop() ?? ''
}
