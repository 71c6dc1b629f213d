/** Running timed commands and summarising the times. */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

let current = null

/** Kills the running command's whole process tree (it runs in its own process group). */
export function killCurrent() {
  if (current?.pid) {
    try {
      process.kill(process.platform === 'win32' ? current.pid : -current.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}

/**
 * Runs one command with its output going to `log`, and times it from spawn to exit.
 * Resolves {seconds, code, stdout?}; `captureStdout` keeps stdout in memory instead of the log.
 */
export function timed({ cmd, args, cwd, env, log, captureStdout = false }) {
  fs.mkdirSync(path.dirname(log), { recursive: true })
  const out = fs.openSync(log, 'w')
  fs.writeSync(out, `$ (cd ${cwd} && ${[cmd, ...args].join(' ')})\n`)
  /** @type {import('node:child_process').StdioOptions} */
  const stdio = ['ignore', captureStdout ? 'pipe' : out, out]
  const start = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio, detached: process.platform !== 'win32' })
    current = child
    const chunks = []
    child.stdout?.on('data', c => chunks.push(c))
    child.on('error', err => {
      fs.closeSync(out)
      reject(new Error(`${cmd}: ${err.message}`))
    })
    child.on('close', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      current = null
      fs.closeSync(out)
      resolve({ seconds, code: code ?? signal, stdout: Buffer.concat(chunks).toString('utf8') })
    })
  })
}

/** Last lines of a log, for an error message that explains itself. */
export function logTail(log, lines = 25) {
  try {
    return fs.readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/** Runs a command and fails loudly unless it exits 0: a failed build makes every figure after it meaningless. */
export async function timedOk(step) {
  const result = await timed(step)
  if (result.code !== 0) {
    throw new Error(`${step.what ?? step.cmd} failed (exit ${result.code}); log ${step.log}:\n${logTail(step.log)}`)
  }
  return result
}

export function runSync(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options })
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? r.error.message : '') }
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Median and spread of a list of seconds, or null when nothing was measured. */
export function summarise(values) {
  if (!values || values.length === 0) return null
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length }
}

/** Tools in a different order each run (ABC, BCA, CAB, ...), so drift on a shared machine hits all alike. */
export function rotation(tools, run) {
  const k = run % tools.length
  return [...tools.slice(k), ...tools.slice(0, k)]
}

/** Built extension files under a tree, with a stamp that changes when a file is rewritten. */
export function builtFiles(root) {
  const found = new Map()
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(so|pyd)$/.test(e.name)) {
        const st = fs.statSync(p, { bigint: true })
        found.set(p, `${st.mtimeNs}:${st.ino}:${st.size}`)
      }
    }
  }
  walk(root)
  return found
}

/** How many extension files a step wrote (new or changed): the modules it rebuilt or restored. */
export function countRewritten(before, after) {
  let n = 0
  for (const [file, stamp] of after) if (before.get(file) !== stamp) n++
  return n
}

/** Sets every source file's times to now, as a fresh checkout would (outputs keep theirs). */
export function touchSources(root) {
  const now = new Date()
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory() && e.name !== 'build') walk(p)
      else if (/\.(pyx|pxd|pxi|py)$/.test(e.name)) fs.utimesSync(p, now, now)
    }
  }
  walk(root)
}
