import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

import { CYTHON_WORKER } from './cython-worker-script.js'
import { type ChildRegistry, killTree } from './process-tree.js'
import type { ProcessOutcome, RunOptions } from './run-process.js'

/** Requests served before a worker is replaced, so whatever Cython keeps between modules cannot pile up. */
export const REQUESTS_PER_WORKER = 100

/** How long a process that has exited may keep its pipes open before its request is ended without them. */
const PIPE_GRACE_MS = 2000

interface InFlight {
  id: number
  resolve: (outcome: ProcessOutcome) => void
  started: number
  /** Whatever the process wrote outside the protocol (stderr, stray stdout) while this request was in flight. */
  stray: string
  timedOut: boolean
  cancelled: boolean
}

interface Answer {
  id?: unknown
  ready?: unknown
  exit?: unknown
  output?: unknown
}

/**
 * One Python process speaking the worker protocol: a request line `{id, argv, cwd}` in, an answer line
 * `{id, exit, output}` out, one request at a time. Everything this process says or does (an answer, stray output,
 * its exit) is applied only to the request it owns, matched by id: no event of one process can reach another's.
 */
class WorkerProcess {
  private readonly child: ChildProcess
  private inFlight?: InFlight
  /** Set once the process is gone or broken; it takes no further request. */
  private ended = false
  /** We ended it (recycle, timeout, cancel, close): its death is not blamed on the system. */
  private stoppedByUs = false
  private exitFallback?: NodeJS.Timeout
  served = 0

  constructor(python: string, env: NodeJS.ProcessEnv, cwd: string, registry?: ChildRegistry) {
    this.child = spawn(python, ['-c', CYTHON_WORKER], {
      cwd,
      env: { ...env, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
      stdio: 'pipe',
      detached: process.platform !== 'win32',
      windowsHide: true,
    })
    // A spawn refused for lack of resources (EMFILE, EAGAIN) arrives here, possibly with no 'exit' after it.
    this.child.on('error', (err: NodeJS.ErrnoException) => this.gone({ startError: { code: err.code ?? 'UNKNOWN', message: err.message } }))
    // 'close' waits for the pipes, so an answer written just before exiting is read first.
    this.child.on('close', (code, sig) => this.gone({ exitCode: code, signal: sig }))
    this.child.on('exit', (code, sig) => {
      // A grandchild holding the pipes must not keep the request waiting.
      this.exitFallback = setTimeout(() => this.gone({ exitCode: code, signal: sig }), PIPE_GRACE_MS)
      this.exitFallback.unref()
    })
    registry?.add(this.child)
    this.child.stdin?.on('error', () => {}) // Writing to a dead worker: its exit reports it.
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => this.inFlight && (this.inFlight.stray += d))
    if (this.child.stdout) createInterface({ input: this.child.stdout }).on('line', line => this.onLine(line))
  }

  /** Calls back once the process and its pipes are gone. */
  onceGone(callback: () => void): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) callback()
    else this.child.once('close', callback)
  }

  get usable(): boolean {
    return !this.ended
  }

  get busy(): boolean {
    return this.inFlight !== undefined
  }

  request(id: number, argv: string[], options: RunOptions): Promise<ProcessOutcome> {
    if (this.inFlight) throw new Error(`cython worker: request ${id} sent while request ${this.inFlight.id} is in flight`)
    this.served++
    return new Promise(resolve => {
      const request: InFlight = { id, resolve, started: Date.now(), stray: '', timedOut: false, cancelled: false }
      const stop = (field: 'timedOut' | 'cancelled'): void => {
        request[field] = true
        this.kill()
      }
      const remaining = options.deadline === undefined ? undefined : Math.max(0, options.deadline - Date.now())
      const timer = remaining === undefined ? undefined : setTimeout(() => stop('timedOut'), remaining)
      const onAbort = (): void => stop('cancelled')
      request.resolve = outcome => {
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', onAbort)
        resolve(outcome)
      }
      this.inFlight = request
      if (options.signal?.aborted) onAbort()
      else options.signal?.addEventListener('abort', onAbort, { once: true })
      if (!this.ended) this.child.stdin?.write(JSON.stringify({ id, argv, cwd: options.cwd }) + '\n')
      else this.settle({ exitCode: null, output: 'cython worker: the process had already ended\n' })
    })
  }

  /** Asks an idle process to finish (end of input); it exits on its own, owning nothing. */
  retire(): void {
    this.ended = true
    this.stoppedByUs = true
    this.child.stdin?.end()
  }

  kill(): void {
    this.ended = true
    this.stoppedByUs = true
    this.child.stdin?.end()
    killTree(this.child)
  }

  private onLine(line: string): void {
    const answer = parseAnswer(line)
    if (!answer) {
      if (this.inFlight) this.inFlight.stray += line + '\n'
      return
    }
    if (answer.ready === true) return
    const request = this.inFlight
    if (!request || answer.id !== request.id) return this.protocolError(answer.id, request?.id)
    const exit = typeof answer.exit === 'number' ? answer.exit : 1
    const output = typeof answer.output === 'string' ? answer.output : ''
    this.settle({ exitCode: exit, output: output + request.stray })
  }

  /** An answer for no request, or for another one: never applied; the request in flight fails loudly. */
  private protocolError(answered: unknown, expected: number | undefined): void {
    const message = `cython worker protocol error: answer for request ${JSON.stringify(answered)} while ${expected === undefined ? 'none' : `request ${expected}`} was in flight`
    this.kill()
    if (this.inFlight) this.settle({ exitCode: null, output: message + '\n', internalError: message })
  }

  private gone(fields: Partial<ProcessOutcome>): void {
    clearTimeout(this.exitFallback)
    this.ended = true
    const request = this.inFlight
    if (!request) return
    // A signal we sent is not the system's doing: say the process was stopped, never "killed by SIGKILL".
    const signal = this.stoppedByUs ? null : (fields.signal ?? null)
    const exitCode = fields.exitCode ?? (fields.signal || fields.startError ? null : 1)
    const stopped = this.stoppedByUs && !request.timedOut && !request.cancelled
    const internalError = stopped ? 'cython worker was stopped by cython-fanout while a request was in flight' : undefined
    this.settle({ ...fields, exitCode, signal, output: request.stray, internalError })
  }

  private settle(fields: Partial<ProcessOutcome>): void {
    const request = this.inFlight
    if (!request) return
    this.inFlight = undefined
    request.resolve({
      exitCode: null,
      signal: null,
      output: '',
      durationMs: Date.now() - request.started,
      timedOut: request.timedOut,
      cancelled: request.cancelled,
      ...fields,
    })
  }
}

function parseAnswer(line: string): Answer | undefined {
  try {
    const value: unknown = JSON.parse(line)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Answer) : undefined
  } catch {
    return undefined
  }
}

/**
 * One job slot's Cython: a process started on first use and replaced after a crash, a timeout, a cancel, or
 * REQUESTS_PER_WORKER requests. A replaced process is retired, not killed: it owns no request, so its exit
 * touches nothing.
 */
export class CythonWorker {
  private current?: WorkerProcess
  private readonly retired = new Set<WorkerProcess>()
  private nextId = 1

  constructor(
    private readonly python: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly registry?: ChildRegistry,
    private readonly requestsPerWorker = REQUESTS_PER_WORKER,
  ) {}

  run(argv: string[], options: RunOptions): Promise<ProcessOutcome> {
    if (this.current?.busy) throw new Error('CythonWorker is busy: one request at a time per job slot')
    if (this.current && (!this.current.usable || this.current.served >= this.requestsPerWorker)) this.retire()
    this.current ??= new WorkerProcess(this.python, this.env, options.cwd, this.registry)
    return this.current.request(this.nextId++, argv, options)
  }

  /** Ends every process of this slot; called when the pool is done or lowers its limit. */
  close(): void {
    this.retire()
    for (const old of this.retired) old.kill()
    this.retired.clear()
  }

  private retire(): void {
    const old = this.current
    this.current = undefined
    if (!old) return
    old.retire()
    this.retired.add(old)
    old.onceGone(() => this.retired.delete(old))
  }
}
