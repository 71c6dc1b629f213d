import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { CYTHON_WORKER } from './cython-worker-script.js'
import { type ChildRegistry, killTree } from './process-tree.js'
import type { ProcessOutcome, RunOptions } from './run-process.js'

/** Requests served before a worker is replaced, so whatever Cython keeps between modules cannot pile up. */
const REQUESTS_PER_WORKER = 100

interface Pending {
  resolve: (outcome: ProcessOutcome) => void
  started: number
  stderr: string
  timedOut: boolean
  cancelled: boolean
}

/** One job slot's Cython: started on first use, restarted after a crash, a timeout or a cancel. */
export class CythonWorker {
  private child?: ChildProcess
  private pending?: Pending
  private served = 0

  constructor(
    private readonly python: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly registry?: ChildRegistry,
  ) {}

  run(argv: string[], options: RunOptions): Promise<ProcessOutcome> {
    if (this.pending) throw new Error('CythonWorker is busy: one request at a time per job slot')
    if (this.served >= REQUESTS_PER_WORKER) this.close()
    const child = this.child ?? this.start(options.cwd)
    this.served++
    return new Promise(resolve => {
      const pending: Pending = { resolve, started: Date.now(), stderr: '', timedOut: false, cancelled: false }
      this.pending = pending
      const stop = (field: 'timedOut' | 'cancelled'): void => {
        pending[field] = true
        killTree(child)
      }
      const remaining = options.deadline === undefined ? undefined : Math.max(0, options.deadline - Date.now())
      const timer = remaining === undefined ? undefined : setTimeout(() => stop('timedOut'), remaining)
      const onAbort = (): void => stop('cancelled')
      if (options.signal?.aborted) onAbort()
      options.signal?.addEventListener('abort', onAbort, { once: true })
      pending.resolve = outcome => {
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', onAbort)
        this.pending = undefined
        resolve(outcome)
      }
      child.stdin?.write(JSON.stringify({ argv, cwd: options.cwd }) + '\n')
    })
  }

  close(): void {
    const child = this.child
    this.child = undefined
    this.served = 0
    if (child) {
      child.stdin?.end()
      killTree(child)
    }
  }

  private start(cwd: string): ChildProcess {
    const child = spawn(this.python, ['-c', CYTHON_WORKER], {
      cwd,
      env: { ...this.env, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
      stdio: 'pipe',
      detached: process.platform !== 'win32',
      windowsHide: true,
    })
    this.child = child
    // First, so that a spawn refused for lack of resources (EMFILE, EAGAIN) reaches the pending request.
    child.on('error', (err: NodeJS.ErrnoException) => this.onGone(child, null, null, err))
    child.on('exit', (code, sig) => this.onGone(child, code, sig))
    this.registry?.add(child)
    child.stdin?.on('error', () => {}) // A dead worker's stdin: the exit handler reports it.
    child.stderr?.setEncoding('utf8').on('data', (d: string) => this.pending && (this.pending.stderr += d))
    if (child.stdout) createInterface({ input: child.stdout }).on('line', line => this.onLine(line))
    return child
  }

  private onLine(line: string): void {
    let message: { ready?: boolean; exit?: number; output?: string }
    try {
      message = JSON.parse(line)
    } catch {
      if (this.pending) this.pending.stderr += line + '\n'
      return
    }
    if (message.ready || !this.pending) return
    const p = this.pending
    p.resolve(this.outcome(p, { exitCode: message.exit ?? 1, output: (message.output ?? '') + p.stderr }))
  }

  private onGone(child: ChildProcess, code: number | null, sig: NodeJS.Signals | null, err?: NodeJS.ErrnoException): void {
    if (this.child === child) {
      this.child = undefined
      this.served = 0
    }
    const p = this.pending
    if (!p) return
    const startError = err ? { code: err.code ?? 'UNKNOWN', message: err.message } : undefined
    // A worker that exits between requests with code 1 failed to import Cython: its stderr says why.
    p.resolve(this.outcome(p, { exitCode: code ?? (sig ? null : 1), signal: sig, output: p.stderr, startError }))
  }

  private outcome(p: Pending, fields: Partial<ProcessOutcome>): ProcessOutcome {
    return {
      exitCode: null,
      signal: null,
      output: '',
      durationMs: Date.now() - p.started,
      timedOut: p.timedOut,
      cancelled: p.cancelled,
      ...fields,
    }
  }
}
