import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import { testPython } from './support/python.js'

/**
 * The essentials of GitHub's workflow schema, checked on every workflow in .github/workflows, plus what the demo
 * matrix must prove. GitHub reports a broken workflow only after a push; these fail first.
 */
type Step = {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  shell?: string
  if?: string
  'continue-on-error'?: unknown
  env?: Record<string, unknown>
  'working-directory'?: string
}
type Job = { 'runs-on'?: unknown; steps?: Step[]; strategy?: { matrix?: Record<string, unknown> }; needs?: unknown; if?: string }
type Workflow = { name?: string; on?: unknown; jobs?: Record<string, Job> }

const DIR = '.github/workflows'
const files = fs.readdirSync(DIR).filter(f => /\.ya?ml$/.test(f))
const workflows = new Map(files.map(f => [f, parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Workflow]))
const actionInputs = (): Record<string, { required?: boolean }> =>
  (parse(fs.readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { required?: boolean }> }).inputs
const CONTEXTS = new Set(['github', 'env', 'vars', 'job', 'jobs', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs'])

function jobsOf(file: string): Array<[string, Job]> {
  return Object.entries(workflows.get(file)?.jobs ?? {})
}

/** Every `${{ ... }}` in a value, with the contexts it reads (`steps.build.outputs.report` -> steps/build). */
function expressions(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '')
  return [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map(m => m[1].trim())
}

function references(expression: string): Array<{ context: string; name: string }> {
  const withoutStrings = expression.replace(/'[^']*'/g, "''")
  return [...withoutStrings.matchAll(/\b([a-z]+)\.([A-Za-z_][\w-]*)/g)].map(m => ({ context: m[1], name: m[2] }))
}

describe('every workflow has the schema essentials', () => {
  it('finds the CI and the demo matrix workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'demo-matrix.yml', 'sharded.yml']))
  })

  it.each(files)('%s: name, triggers, jobs that run somewhere, steps that do one thing', file => {
    const wf = workflows.get(file) as Workflow
    expect(typeof wf.name).toBe('string')
    expect(wf.on).toBeTruthy()
    const jobs = jobsOf(file)
    expect(jobs.length).toBeGreaterThan(0)
    for (const [id, job] of jobs) {
      expect({ id, runsOn: Boolean(job['runs-on']) }).toEqual({ id, runsOn: true })
      expect(Array.isArray(job.steps) && job.steps.length > 0).toBe(true)
      for (const step of job.steps ?? []) {
        // Exactly one of uses/run: GitHub refuses a step with both or neither.
        expect({ id, step: step.name ?? step.uses ?? step.run, kinds: ['uses', 'run'].filter(k => k in step) }).toEqual({
          id,
          step: step.name ?? step.uses ?? step.run,
          kinds: [expect.any(String)],
        })
        if (step.uses && step.uses !== './') expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w.-]+$/)
        if (step.shell) expect(['bash', 'pwsh', 'python', 'sh', 'cmd', 'powershell']).toContain(step.shell)
      }
    }
  })

  it.each(files)("%s: expressions read only known contexts, earlier step ids and the job's matrix keys", file => {
    for (const [id, job] of jobsOf(file)) {
      const matrixKeys = Object.keys(job.strategy?.matrix ?? {})
      const seen: string[] = []
      const check = (value: unknown, where: string): void => {
        for (const expression of expressions(value)) {
          expect({ where, balanced: !/\$\{\{|\}\}/.test(expression) }).toEqual({ where, balanced: true })
          for (const ref of references(expression)) {
            if (!CONTEXTS.has(ref.context)) continue // a property path such as outputs.report
            if (ref.context === 'steps')
              expect({ where, step: ref.name, known: seen.includes(ref.name) }).toEqual({ where, step: ref.name, known: true })
            if (ref.context === 'matrix')
              expect({ where, key: ref.name, known: matrixKeys.includes(ref.name) }).toEqual({ where, key: ref.name, known: true })
          }
        }
      }
      check(job['runs-on'], `${id}.runs-on`)
      for (const step of job.steps ?? []) {
        const { id: stepId, ...rest } = step
        check(rest, `${id}: ${step.name ?? step.uses ?? step.run}`)
        if (stepId) seen.push(stepId)
      }
    }
  })

  it.each(files)('%s: inline Python (shell: python) is valid Python without expressions in it', file => {
    for (const [, job] of jobsOf(file)) {
      for (const step of (job.steps ?? []).filter(s => s.shell === 'python')) {
        expect(expressions(step.run)).toEqual([])
        execFileSync(testPython(), ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: step.run })
      }
    }
  })
})

describe('ci.yml', () => {
  it('runs npm test on ubuntu (which installs what it needs), and checks dist/', () => {
    const jobs = jobsOf('ci.yml')
    const runs = (job: Job): string[] => (job.steps ?? []).flatMap(s => (s.run ? [s.run.trim()] : []))
    const test = jobs.find(([, job]) => runs(job).includes('npm test'))
    expect(test?.[1]['runs-on']).toBe('ubuntu-latest')
    expect(runs(test?.[1] ?? {})).toEqual(['npm test'])
    const dist = jobs.find(([, job]) => runs(job).includes('npm run check-dist'))
    expect(dist?.[0]).toBe('check-dist')
    expect(runs(dist?.[1] ?? {})).toEqual(['node scripts/ensure-deps.mjs', 'npm run check-dist'])
  })
})

describe('demo-matrix.yml', () => {
  const jobs = jobsOf('demo-matrix.yml')
  const selfSteps = (job: Job): Step[] => (job.steps ?? []).filter(s => s.uses === './')

  it('runs the action itself on examples/demo across 3 OSes and Pythons 3.10-3.14 plus 3.14t', () => {
    const matrixJob = jobs.find(([, job]) => job.strategy?.matrix && selfSteps(job).length > 0)?.[1] as Job
    const matrix = matrixJob.strategy?.matrix as { os: string[]; python: unknown[] }
    expect(matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest'])
    // Quoted: YAML reads an unquoted 3.10 as the number 3.1.
    expect(matrix.python).toEqual(['3.10', '3.11', '3.12', '3.13', '3.14', '3.14t'])
    expect(matrixJob['runs-on']).toBe('${{ matrix.os }}')
    const setup = (matrixJob.steps ?? []).find(s => s.uses?.startsWith('actions/setup-python@'))
    expect(setup?.with?.['python-version']).toBe('${{ matrix.python }}')
    expect((matrixJob.steps ?? []).some(s => /pip install cython setuptools/.test(s.run ?? ''))).toBe(true)
    const [build] = selfSteps(matrixJob)
    expect(build.with?.['working-directory']).toBe('examples/demo')
    expect(String(build.with?.sources).split('\n').slice(0, 2)).toEqual(['**/*.pyx', 'fanout_demo/cmod.c'])
    const after = (matrixJob.steps ?? []).slice((matrixJob.steps ?? []).indexOf(build) + 1)
    expect(after.some(s => /import_module/.test(s.run ?? '') && /demo\(\)/.test(s.run ?? ''))).toBe(true)
  })

  it('action.yml is valid YAML: the runner refuses to load an action it cannot parse', () => {
    expect(() => actionInputs()).not.toThrow()
  })

  it('passes the action only inputs that action.yml declares, and every required one', () => {
    const inputs = actionInputs()
    const used = jobs.flatMap(([, job]) => selfSteps(job))
    expect(used.length).toBeGreaterThanOrEqual(2)
    for (const step of used) {
      expect(Object.keys(step.with ?? {}).filter(name => !(name in inputs))).toEqual([])
      const required = Object.entries(inputs)
        .filter(([, i]) => i.required)
        .map(([name]) => name)
      expect(required.filter(name => !(name in (step.with ?? {})))).toEqual([])
    }
  })

  it('has a job where a deliberately broken module fails the step, and a later step asserts it', () => {
    const broken = jobs.find(([, job]) => selfSteps(job).some(s => s['continue-on-error'] === true))?.[1] as Job
    const steps = broken.steps ?? []
    const build = selfSteps(broken).find(s => s['continue-on-error'] === true) as Step
    expect(build.id).toBeTruthy()
    const breaker = steps.slice(0, steps.indexOf(build)).find(s => /cp -R examples\/demo/.test(s.run ?? ''))
    expect(breaker?.run).toMatch(/>> \S+\.pyx/)
    const check = steps.slice(steps.indexOf(build) + 1).find(s => JSON.stringify(s.env ?? {}).includes(`steps.${build.id}.outcome`))
    expect(check?.if).toBe('always()')
    expect(check?.run).toMatch(/== "failure"/)
    expect(check?.run).toMatch(/text\.pyx/)
  })
})

describe('sharded.yml', () => {
  const jobs = Object.fromEntries(jobsOf('sharded.yml'))
  const build = (job: Job): Step => (job.steps ?? []).find(s => s.uses === './') as Step
  const matrixShards = (): unknown[] => (jobs.shard?.strategy?.matrix as { shard: unknown[] }).shard

  it('builds part I of N in each matrix job, N being the matrix size', () => {
    expect(matrixShards()).toEqual([1, 2, 3])
    expect(build(jobs.shard).with?.shard).toBe(`\${{ matrix.shard }}/${matrixShards().length}`)
  })

  it('gathers all N after the shards, even when one failed, with the same inputs, Python and image (else the keys differ)', () => {
    const gather = jobs.gather
    expect(gather.needs).toBe('shard')
    expect(gather.if).toMatch(/!cancelled\(\)|always\(\)/)
    expect(build(gather).with?.shard).toBe(`gather/${matrixShards().length}`)
    const { shard: _a, ...shardInputs } = build(jobs.shard).with ?? {}
    const { shard: _b, ...gatherInputs } = build(gather).with ?? {}
    expect(gatherInputs).toEqual(shardInputs)
    expect(gather['runs-on']).toBe(jobs.shard['runs-on'])
    const pythonOf = (job: Job): unknown =>
      (job.steps ?? []).find(s => s.uses?.startsWith('actions/setup-python@'))?.with?.['python-version']
    expect(pythonOf(gather)).toBe(pythonOf(jobs.shard))
  })

  it('imports every module the gather reports, after it', () => {
    const steps = jobs.gather.steps ?? []
    const gatherStep = build(jobs.gather)
    const after = steps.slice(steps.indexOf(gatherStep) + 1)
    const check = after.find(s => JSON.stringify(s.env ?? {}).includes(`steps.${gatherStep.id}.outputs.report`))
    expect(check?.run).toMatch(/import_module/)
    expect(check?.run).toMatch(/FAILED"\] == "0"/)
  })

  it('passes the action only inputs that action.yml declares', () => {
    const inputs = actionInputs()
    for (const job of Object.values(jobs)) expect(Object.keys(build(job).with ?? {}).filter(name => !(name in inputs))).toEqual([])
  })
})
