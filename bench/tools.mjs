/** The three ways to build the corpus, the interpreter they share, and what cython-fanout's report says. */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { candidates } from '../scripts/find-python.mjs'
import { runSync } from './measure.mjs'

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
export const REPO_DIR = path.dirname(BENCH_DIR)
export const CLI = path.join(REPO_DIR, 'dist', 'cli.js')
export const TOOL_IDS = ['fanout', 'cythonize', 'build_ext']

/** The command line each tool gets; `ctx` = {python, jobs, cache, report}. Paths relative to the corpus copy. */
export const TOOLS = {
  fanout: {
    label: 'cython-fanout',
    command: ctx => ({
      cmd: process.execPath,
      args: [CLI, '-C', '.', '--python', ctx.python, '--jobs', String(ctx.jobs), '--cache-dir', ctx.cache, '--report', ctx.report],
    }),
  },
  // The cythonize CLI compiles a glob or file list one path at a time, without any parallelism; only a
  // directory argument is cythonized and compiled with -j. `-x` keeps it from compiling the __init__.py files.
  cythonize: {
    label: 'cythonize',
    command: ctx => ({
      cmd: ctx.python,
      args: ['-m', 'Cython.Build.Cythonize', '-j', String(ctx.jobs), '-i', '-x', 'benchpkg/**/__init__.py', 'benchpkg'],
    }),
  },
  build_ext: {
    label: 'build_ext',
    command: ctx => ({ cmd: ctx.python, args: ['setup.py', 'build_ext', '-j', String(ctx.jobs), '--inplace'] }),
  },
}

/** The command as a reader would type it, with the placeholders RESULTS.md explains. */
export function displayCommand(id, { python, jobs }) {
  const { cmd, args } = TOOLS[id].command({ python, jobs, cache: '<cache-dir>', report: '<report.json>' })
  const shown = cmd === process.execPath ? ['node', 'dist/cli.js', ...args.slice(1)] : [cmd, ...args]
  return shown.map(a => (/[*\s]/.test(a) ? `'${a}'` : a)).join(' ')
}

/** The tool list from `--tools a,b`: known names only, each once, in the order given. */
export function parseTools(value) {
  if (value === undefined) return [...TOOL_IDS]
  const ids = value.split(',').map(s => s.trim())
  const bad = ids.find(id => !TOOL_IDS.includes(id))
  if (bad !== undefined || ids.length === 0 || new Set(ids).size !== ids.length) {
    throw new Error(`--tools ${value}: expected a comma-separated list of distinct names from ${TOOL_IDS.join(', ')}`)
  }
  return ids
}

// the builds need Cython, setuptools (build_ext, and cythonize -i) and the Python headers
const PROBE = [
  'import os, sysconfig',
  'import Cython, setuptools',
  'h = os.path.join(sysconfig.get_paths()["include"], "Python.h")',
  'assert os.path.exists(h), "no Python.h at " + h',
].join('\n')

function probe(python) {
  const r = runSync(python, ['-c', PROBE])
  return r.ok ? null : r.stderr.trim().split('\n').pop() || 'not runnable'
}

/** The interpreter to build with: the one given, else the first candidate (scripts/find-python.mjs's order) that has it all. */
export function findPython(explicit) {
  if (explicit !== undefined) {
    const why = probe(explicit)
    if (why) throw new Error(`--python ${explicit}: cannot build Cython extensions (needs Cython, setuptools and Python.h): ${why}`)
    return explicit
  }
  const list = candidates()
  const found = list.find(c => probe(c) === null)
  if (!found) {
    throw new Error(
      `no Python with Cython, setuptools and Python.h among ${list.join(', ')}; pass --python PATH or set CYTHON_FANOUT_PYTHON`,
    )
  }
  return found
}

/** @typedef {import('./report.d.mts').BuildReport} BuildReport */
/** @typedef {import('./report.d.mts').ModuleReport} ModuleReport */
/** @typedef {import('./report.d.mts').DryRunPlan} DryRunPlan */

/**
 * The per-module list of a cython-fanout report, empty when the file is unreadable or holds none.
 * @param {string} file
 * @returns {ModuleReport[]}
 */
function reportModules(file) {
  try {
    /** @type {BuildReport} */
    const report = JSON.parse(fs.readFileSync(file, 'utf8'))
    return Array.isArray(report.modules) ? report.modules : []
  } catch {
    return []
  }
}

/** Count of modules per status in a cython-fanout report ({built: 1, cached: 119}), or null when unreadable. */
export function reportStatuses(file) {
  const list = reportModules(file)
  if (list.length === 0) return null
  const counts = {}
  for (const m of list) counts[m.status] = (counts[m.status] ?? 0) + 1
  return counts
}

/**
 * The summed time of the modules cython-fanout built (Cython + compile + link, from its report), in seconds, or null:
 * with the wall time and the job count it shows how well the slots were packed.
 */
export function reportModuleSeconds(file) {
  const built = reportModules(file).filter(m => m.status === 'built')
  if (built.length === 0) return null
  return built.reduce((sum, m) => sum + (m.durationsMs?.total ?? 0), 0) / 1000
}

/**
 * How many modules the `--dry-run` plan lists, or null when stdout is not such a plan.
 * @param {string} stdout
 * @returns {number | null}
 */
export function planSize(stdout) {
  try {
    /** @type {DryRunPlan} */
    const plan = JSON.parse(stdout)
    return Array.isArray(plan.modules) ? plan.modules.length : null
  } catch {
    return null
  }
}
