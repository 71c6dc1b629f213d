import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { getExecOutput } from '@actions/exec'

import { errorText } from '../errors/error-text.js'
import { compilerEnvironment } from './command-lines.js'
import { TOOLCHAIN_QUERY } from './query-script.js'
import type { Toolchain } from './toolchain.js'

export interface ProbedToolchain extends Toolchain {
  /** First line of the compiler's version banner: part of every module's cache fingerprint. */
  compilerVersion: string
}

/** The interpreters tried when the `python` input is empty, in order. */
export const DEFAULT_PYTHONS = ['python', 'python3']

/** Asks the chosen Python once what setuptools would build with, and checks that everything needed is there. */
export async function probeToolchain(python: string | null, cwd: string): Promise<ProbedToolchain> {
  const candidates = python ? [python] : DEFAULT_PYTHONS
  let toolchain: Toolchain | undefined
  for (const candidate of candidates) {
    toolchain = await queryPython(candidate, cwd)
    if (toolchain) break
  }
  if (!toolchain) {
    throw new Error(
      `Python not found: tried ${candidates.join(', ')} on PATH. Install Python (in a workflow: actions/setup-python) ` +
        'or name the interpreter with the python input (CLI: --python)',
    )
  }
  await checkCython(toolchain, candidates, cwd)
  checkHeaders(toolchain)
  const compilerVersion = await checkCompiler(toolchain, cwd)
  return { ...toolchain, compilerVersion }
}

async function queryPython(python: string, cwd: string): Promise<Toolchain | undefined> {
  let result
  try {
    // A script file, not `-c`: a .cmd/.bat shim (pyenv-win) runs through cmd.exe, where a line break ends the
    // command. Not stdin either: when the spawn is refused (EMFILE), @actions/exec throws an uncatchable
    // "child process missing stdin" while writing the input.
    result = await withQueryScript(script => getExecOutput(python, [script], { cwd, silent: true, ignoreReturnCode: true }))
  } catch (err) {
    // @actions/exec looks the program up first: only "not found" means "try the next candidate".
    const message = errorText(err)
    if (/Unable to locate executable file/i.test(message)) return undefined
    if (/\b(EMFILE|ENFILE)\b/.test(message)) {
      throw new Error(`Could not start Python ${python}: too many open files (EMFILE); raise the open-file limit (ulimit -n)`, {
        cause: err,
      })
    }
    throw new Error(`Could not start Python ${python}: ${message.replace(/\s*\n\s*/g, ' ')}`, { cause: err })
  }
  if (result.exitCode !== 0) {
    throw new Error(`Python ${python} could not describe its build toolchain (exit ${result.exitCode}): ${lastLine(result.stderr)}`)
  }
  return JSON.parse(result.stdout.trim().split('\n').pop() as string) as Toolchain
}

async function withQueryScript<T>(use: (script: string) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cython-fanout-query-'))
  try {
    const script = path.join(dir, 'toolchain_query.py')
    await fs.promises.writeFile(script, TOOLCHAIN_QUERY)
    return await use(script)
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true })
  }
}

async function checkCython(t: Toolchain, tried: string[], cwd: string): Promise<void> {
  if (t.cython.version) return
  const hint = await otherPythonWithCython(t.executable, tried, cwd)
  throw new Error(
    `Cython is not installed for ${t.executable} (Python ${t.version}): install it with "${t.executable} -m pip install cython"` +
      (hint ? `, or build for ${hint}, which has Cython (python input / --python ${hint})` : ''),
  )
}

/** Where another interpreter on this machine has Cython, say so: the usual cause is two Pythons on PATH. */
async function otherPythonWithCython(executable: string, tried: string[], cwd: string): Promise<string | undefined> {
  const others = [...new Set([...tried, ...DEFAULT_PYTHONS, '/usr/bin/python3'])]
  for (const other of others) {
    try {
      const r = await getExecOutput(other, ['-c', 'import sys, Cython; print(sys.executable)'], {
        cwd,
        silent: true,
        ignoreReturnCode: true,
      })
      const found = r.stdout.trim()
      if (r.exitCode === 0 && found && found !== executable) return found
    } catch {
      // Not there.
    }
  }
  return undefined
}

function checkHeaders(t: Toolchain): void {
  if (t.pythonHeaderFound) return
  throw new Error(
    `Python headers not found for ${t.executable} (Python ${t.version}): Python.h is missing from ${t.pythonInclude}; ` +
      'install the development package (Debian/Ubuntu: apt-get install python3-dev; Fedora: dnf install python3-devel)',
  )
}

async function checkCompiler(t: Toolchain, cwd: string): Promise<string> {
  const c = t.compiler
  if (c.type === 'error') {
    const how =
      t.platform === 'win32' ? 'install the Microsoft C++ Build Tools (MSVC)' : 'install a C compiler (Debian/Ubuntu: apt-get install gcc)'
    throw new Error(`C compiler not found for ${t.executable}: setuptools could not set one up (${c.error}); ${how}`)
  }
  const program = c.type === 'unix' ? c.compilerSo[0] : c.cc
  const args = c.type === 'unix' ? ['--version'] : []
  const env = c.type === 'msvc' ? compilerEnvironment(t, process.env) : undefined
  try {
    const r = await getExecOutput(program, args, { cwd, silent: true, ignoreReturnCode: true, env: env as Record<string, string> })
    return firstLine(r.stdout) || firstLine(r.stderr) || program
  } catch {
    throw new Error(
      `C compiler not found: ${program} (from CC, or else ${t.executable}'s sysconfig) is not on PATH ` +
        `(${searchPath(env)}); install it (Debian/Ubuntu: apt-get install gcc; macOS: xcode-select --install) or set CC`,
    )
  }
}

function searchPath(env?: NodeJS.ProcessEnv): string {
  const dirs = ((env ?? process.env).PATH ?? '').split(path.delimiter).filter(d => d && fs.existsSync(d))
  return `looked in ${dirs.slice(0, 6).join(path.delimiter)}${dirs.length > 6 ? ' ...' : ''}`
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/)[0] ?? ''
}

function lastLine(text: string): string {
  return text.trim().split(/\r?\n/).pop() ?? ''
}
