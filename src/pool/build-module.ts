import * as fs from 'node:fs/promises'
import * as path from 'node:path'

import type { ModuleSpec } from '../plan/module-spec.js'
import { type BuildFlags, compileCommands, compileSources, cythonCommand, linkCommand } from '../toolchain/command-lines.js'
import type { ProbedToolchain } from '../toolchain/probe-toolchain.js'
import type { CythonWorker } from './cython-worker.js'
import { describeFailure, isResourceShortage, shortageInOutput } from './failure-reason.js'
import type { ModuleResult, Phase } from './module-result.js'
import { moveIntoPlace } from './move-into-place.js'
import type { ChildRegistry } from './process-tree.js'
import { type ProcessOutcome, runProcess } from './run-process.js'

export interface BuildContext {
  workingDirectory: string
  toolchain: ProbedToolchain
  flags: BuildFlags
  /** Where a module's intermediate files live until they are complete; on the output's file system. */
  stagingRoot: string
  timeoutPerFile: number | null
  signal: AbortSignal
  registry: ChildRegistry
  /** Environment for the compiler and linker (MSVC needs the PATH setuptools found). */
  compilerEnv: NodeJS.ProcessEnv
}

/** `retry`: the OS refused to start a process for lack of resources; the pool lowers concurrency and tries again. */
export type BuildAttempt = { kind: 'done'; result: ModuleResult } | { kind: 'retry'; error: string }

/** One module, start to finish: Cython, each C compile, the link; every output renamed into place only when whole. */
export async function buildModule(spec: ModuleSpec, cython: CythonWorker, ctx: BuildContext, index: number): Promise<BuildAttempt> {
  const run = new ModuleRun(spec, ctx, path.join(ctx.stagingRoot, `${index}-${spec.name}`))
  try {
    await fs.mkdir(run.stage, { recursive: true })
    return await run.execute(cython)
  } finally {
    await fs.rm(run.stage, { recursive: true, force: true }).catch(() => {})
  }
}

class ModuleRun {
  private readonly started = Date.now()
  private readonly deadline: number | undefined
  private readonly durations: Partial<Record<Phase, number>> = {}
  private output = ''
  /** Every command this module ran, in order: `-v` shows them and the report keeps them. */
  private readonly commands: string[][] = []

  constructor(
    private readonly spec: ModuleSpec,
    private readonly ctx: BuildContext,
    readonly stage: string,
  ) {
    this.deadline = ctx.timeoutPerFile === null ? undefined : this.started + ctx.timeoutPerFile
  }

  async execute(cython: CythonWorker): Promise<BuildAttempt> {
    if (this.spec.kind === 'cython') {
      const staged = path.join(this.stage, path.basename(this.spec.generated))
      const failed =
        (await this.step('cython', () =>
          cython.run(this.ran(['cython'], cythonCommand(this.spec, this.ctx.flags, staged)), this.options()),
        )) ?? (await this.install('cython', () => this.installGenerated()))
      if (failed) return failed
    }
    const objects: string[] = []
    const objectExt = this.ctx.toolchain.compiler.type === 'msvc' ? '.obj' : '.o'
    const steps = compileCommands(this.spec, this.ctx.toolchain, this.ctx.flags, compileSources(this.spec, this.spec.generated), src =>
      path.join(this.stage, `${objects.push(src)}-${path.basename(src)}${objectExt}`),
    )
    for (const compile of steps) {
      const failed = await this.step('compile', () => runProcess(this.ran([], compile.argv), this.options()))
      if (failed) return failed
    }
    const staged = path.join(this.stage, path.basename(this.spec.output))
    const link = linkCommand(
      this.spec,
      this.ctx.toolchain,
      this.ctx.flags,
      steps.map(s => s.object),
      staged,
    )
    const failed =
      (await this.step('link', () => runProcess(this.ran([], link), this.options()))) ??
      (await this.install('link', () => moveIntoPlace(staged, path.join(this.ctx.workingDirectory, this.spec.output))))
    return failed ?? this.done({ status: 'built' })
  }

  /** Records a command (shown as `$ ...` before its output; `prefix` names an in-process tool) and returns its argv. */
  private ran(prefix: string[], argv: string[]): string[] {
    this.commands.push([...prefix, ...argv])
    this.output += `$ ${[...prefix, ...argv].map(quoteArg).join(' ')}\n`
    return argv
  }

  /** Cython's .c/.cpp and any public headers it wrote, moved beside where the user expects them. */
  private async installGenerated(): Promise<void> {
    const dest = path.dirname(path.join(this.ctx.workingDirectory, this.spec.generated))
    for (const name of await fs.readdir(this.stage)) await moveIntoPlace(path.join(this.stage, name), path.join(dest, name))
  }

  /** Runs one step; returns the module's end when it failed, or undefined to go on. */
  private async step(phase: Phase, runStep: () => Promise<ProcessOutcome>): Promise<BuildAttempt | undefined> {
    const outcome = await runStep()
    this.durations[phase] = (this.durations[phase] ?? 0) + outcome.durationMs
    this.output += outcome.output
    if (outcome.startError && isResourceShortage(outcome.startError.code)) return { kind: 'retry', error: outcome.startError.code }
    if (outcome.exitCode === 0 && !outcome.timedOut && !outcome.cancelled) return undefined
    const shortage = outcome.timedOut || outcome.cancelled ? undefined : shortageInOutput(outcome.output)
    if (shortage) return { kind: 'retry', error: `${shortage} (the ${phase} step could not start a process of its own)` }
    if (outcome.cancelled) return this.done({ status: 'cancelled', phase })
    return this.done({
      status: 'failed',
      phase,
      exitCode: outcome.exitCode,
      // The kill that ends a timed-out step is ours: the reason says timeout, not "killed by SIGKILL".
      signal: outcome.timedOut ? null : outcome.signal,
      reason: describeFailure(phase, outcome, this.ctx.timeoutPerFile, this.ctx.compilerEnv.PATH),
    })
  }

  private install(phase: Phase, move: () => Promise<void>): Promise<BuildAttempt | undefined> {
    return move().then(
      () => undefined,
      (err: NodeJS.ErrnoException) =>
        this.done({
          status: 'failed',
          phase,
          exitCode: null,
          reason: `could not write its output: ${err.code ?? ''} ${err.message}`.trim(),
        }),
    )
  }

  private done(fields: Pick<ModuleResult, 'status'> & Partial<ModuleResult>): BuildAttempt {
    const result: ModuleResult = {
      module: this.spec,
      durations: { ...this.durations, total: Date.now() - this.started },
      output: this.output,
      commands: this.commands,
      diagnostics: [],
      ...fields,
    }
    return { kind: 'done', result }
  }

  private options() {
    return {
      cwd: this.ctx.workingDirectory,
      deadline: this.deadline,
      signal: this.ctx.signal,
      registry: this.ctx.registry,
      env: this.ctx.compilerEnv,
    }
  }
}

/** An argument as a POSIX shell would need it, for reading only: nothing here is ever run through a shell. */
function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
