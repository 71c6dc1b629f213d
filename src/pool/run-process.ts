import { spawn } from 'node:child_process'

import { OutputCapture } from './output-capture.js'
import { type ChildRegistry, killTree } from './process-tree.js'

export interface ProcessOutcome {
  exitCode: number | null
  signal: NodeJS.Signals | null
  output: string
  durationMs: number
  /** Set when the program could not be started at all (ENOENT, EACCES, EAGAIN ...). */
  startError?: { code: string; message: string }
  timedOut: boolean
  cancelled: boolean
  /** A fault of cython-fanout itself (a broken worker protocol), never of the module: said as such. */
  internalError?: string
}

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** Ends the process tree when the time is up. */
  deadline?: number
  signal?: AbortSignal
  registry?: ChildRegistry
}

/** Runs one program without a shell, its stdout and stderr captured together in arrival order. */
export function runProcess(argv: string[], options: RunOptions): Promise<ProcessOutcome> {
  const started = Date.now()
  const capture = new OutputCapture()
  return new Promise(resolve => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    })
    let timedOut = false
    let cancelled = false
    let settled = false
    const finish = (outcome: Partial<ProcessOutcome>): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      resolve({ exitCode: null, signal: null, output: capture.text(), durationMs: Date.now() - started, timedOut, cancelled, ...outcome })
    }
    const onAbort = (): void => {
      cancelled = true
      killTree(child)
    }
    const remaining = options.deadline === undefined ? undefined : Math.max(0, options.deadline - Date.now())
    const timer = remaining === undefined ? undefined : setTimeout(() => ((timedOut = true), killTree(child)), remaining)
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })
    child.on('error', (err: NodeJS.ErrnoException) => finish({ startError: { code: err.code ?? 'UNKNOWN', message: err.message } }))
    options.registry?.add(child)
    // The pipes are missing when the spawn itself failed; the 'error' event above reports that.
    child.stdout?.setEncoding('utf8').on('data', (d: string) => capture.append(d))
    child.stderr?.setEncoding('utf8').on('data', (d: string) => capture.append(d))
    // Wait for 'close' so no output is lost, but not for long: a grandchild holding the pipes must not hang the build.
    child.on('exit', (code, sig) => {
      child.once('close', () => finish({ exitCode: code, signal: sig }))
      setTimeout(() => finish({ exitCode: code, signal: sig }), 2000).unref()
    })
  })
}
