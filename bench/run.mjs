#!/usr/bin/env node
/**
 * The benchmark (`npm run bench`): cython-fanout side by side with `cythonize -j N -i` and `setup.py build_ext -j N
 * --inplace` on the same generated corpus. Each tool builds its own fresh copy; tools alternate run by run.
 *
 *   node bench/run.mjs [--smoke] [--modules N] [--runs R] [--jobs N] [--python P] [--tools fanout,cythonize,build_ext]
 *                      [--seed S] [--overhead-modules N] [--results FILE] [--keep] [--only overhead]
 *                      [--limit SCENARIO=K[,SCENARIO=K]] [--scale-modules N] [--only scale]
 *
 * `--limit touched=0,editPxd=1` measures cythonize and build_ext in those rows in the first K runs only (cython-fanout
 * still every run): on 2 cores each of their full rebuilds takes minutes, and 5 runs of every row take hours.
 * `--only overhead` re-measures the engine overhead alone (no builds) and leaves bench/RESULTS.md as it is;
 * `--only scale` measures the scale row alone (bench/scale.mjs: 1,000 tiny modules by default).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { corpusFiles, editSource, generateCorpus, MANIFEST } from './corpus.mjs'
import { machineFacts, toolVersions } from './machine.mjs'
import { builtFiles, countRewritten, killCurrent, rotation, runSync, timedOk, touchSources } from './measure.mjs'
import {
  renderMarkdown,
  renderOverheadMarkdown,
  renderOverheadTable,
  renderScaleMarkdown,
  renderScaleTable,
  renderTable,
} from './results.mjs'
import { scaleRow } from './scale.mjs'
import { BENCH_DIR, CLI, findPython, parseTools, planSize, reportModuleSeconds, reportStatuses, TOOLS } from './tools.mjs'

export const SCENARIOS = ['cold', 'fresh', 'touched', 'editPyx', 'editPxd']
const VERIFY = path.join(BENCH_DIR, 'probes', 'verify.py')
const LOWER_BOUND = path.join(BENCH_DIR, 'probes', 'lower_bound.py')

const USAGE =
  'usage: node bench/run.mjs [--smoke] [--modules N] [--runs R] [--jobs N] [--python P] ' +
  '[--tools fanout,cythonize,build_ext] [--seed S] [--overhead-modules N] [--results FILE] [--keep] ' +
  '[--limit SCENARIO=K[,...]] [--scale-modules N] [--only overhead|scale]'

/** Parts of the benchmark that `--only` can run alone. */
export const ONLY = ['overhead', 'scale']

function intOption(values, name, fallback, min) {
  const raw = values[name]
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`--${name} ${raw}: expected an integer >= ${min}`)
  return Number(raw)
}

export function parseOptions(argv) {
  const str = /** @type {const} */ ({ type: 'string' })
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      modules: str,
      runs: str,
      jobs: str,
      python: str,
      tools: str,
      seed: str,
      'overhead-modules': str,
      'scale-modules': str,
      results: str,
      only: str,
      limit: str,
    },
  })
  if (values.help) return { help: true }
  const smoke = Boolean(values.smoke)
  const only = parseOnly(values.only)
  const tools = parseTools(values.tools)
  if (only !== null && !tools.includes('fanout'))
    throw new Error(`--only ${only} measures cython-fanout: leave --tools out, or include fanout in it`)
  const work = path.join(BENCH_DIR, 'work', only ?? (smoke ? 'smoke' : 'full'))
  return {
    only,
    smoke,
    keep: Boolean(values.keep),
    modules: intOption(values, 'modules', smoke ? 8 : 120, 4),
    runs: intOption(values, 'runs', smoke ? 1 : 5, 1),
    jobs: intOption(values, 'jobs', 2, 1),
    seed: intOption(values, 'seed', 1, 0),
    overheadModules: intOption(values, 'overhead-modules', smoke ? 100 : 1000, 4),
    // smoke too: the smoke run is CI's check that a build of 1,000 modules is correct (not how fast it is)
    scaleModules: intOption(values, 'scale-modules', 1000, 4),
    // the smoke corpus keeps its heavy module but makes it light: it proves the path, not the speed
    heavyScale: smoke ? 0.1 : 1,
    tools,
    limits: parseLimits(values.limit),
    python: values.python,
    work,
    results: values.results ?? defaultResults(only, smoke, work),
  }
}

function parseOnly(value) {
  if (value === undefined) return null
  if (!ONLY.includes(value)) throw new Error(`--only ${value}: expected ${ONLY.join(' or ')} (the part that can run alone)`)
  return value
}

/** Rows that can be cut for cythonize and build_ext; `fresh` is never measured for them (it is their cold build). */
export const LIMITABLE = ['touched', 'editPyx', 'editPxd']

/** `--limit touched=0,editPxd=1` -> {touched: 0, editPxd: 1}. */
export function parseLimits(value) {
  if (value === undefined) return {}
  const limits = {}
  for (const part of value.split(',')) {
    const m = /^([A-Za-z]+)=(\d+)$/.exec(part.trim())
    if (!m || !LIMITABLE.includes(m[1])) {
      throw new Error(`--limit ${value}: expected SCENARIO=RUNS[,...] with SCENARIO one of ${LIMITABLE.join(', ')}`)
    }
    limits[m[1]] = Number(m[2])
  }
  return limits
}

/** Only the full benchmark writes bench/RESULTS.md; a smoke run or a part run alone writes next to its work. */
function defaultResults(only, smoke, work) {
  if (only) return path.join(work, `RESULTS-${only}.md`)
  return smoke ? path.join(work, 'RESULTS-smoke.md') : path.join(BENCH_DIR, 'RESULTS.md')
}

/** Imports every module of a built copy and compares check() with the manifest. */
function verifyBuild(python, dir, what) {
  const r = runSync(python, [VERIFY, dir, path.join(dir, MANIFEST)])
  const outcome = r.ok ? JSON.parse(r.stdout) : { bad: [r.stderr.trim().split('\n').pop()] }
  if (outcome.bad.length > 0) throw new Error(`${what}: built modules do not check out: ${outcome.bad.slice(0, 5).join('; ')}`)
  return outcome.ok
}

/** Prepares the copy a scenario starts from and returns its directory. */
function prepare(scenario, slot, ctx, run) {
  const { manifest, corpusOptions } = ctx
  if (scenario === 'cold') {
    generateCorpus(slot.dir, corpusOptions)
    fs.mkdirSync(slot.cache, { recursive: true })
    return slot.dir
  }
  if (scenario === 'fresh') {
    generateCorpus(slot.fresh, corpusOptions)
    return slot.fresh
  }
  if (scenario === 'touched') touchSources(slot.dir)
  if (scenario === 'editPyx') editSource(slot.dir, manifest.edits.pyx.path, run * 10 + 1)
  if (scenario === 'editPxd') editSource(slot.dir, manifest.edits.pxd.path, run * 10 + 2)
  return slot.dir
}

async function step(scenario, tool, slot, ctx, run) {
  const dir = prepare(scenario, slot, ctx, run)
  const before = builtFiles(path.join(dir, 'benchpkg'))
  const name = `run${run + 1}-${scenario}-${tool}`
  const report = path.join(ctx.opts.work, 'logs', `${name}.report.json`)
  const command = TOOLS[tool].command({ python: ctx.python, jobs: ctx.opts.jobs, cache: slot.cache, report })
  const what = `${TOOLS[tool].label} (${scenario}, run ${run + 1})`
  const { seconds } = await timedOk({ ...command, cwd: dir, log: path.join(ctx.opts.work, 'logs', `${name}.log`), what })
  const rewritten = countRewritten(before, builtFiles(path.join(dir, 'benchpkg')))
  verifyBuild(ctx.python, dir, what)
  if (scenario === 'fresh') fs.rmSync(dir, { recursive: true, force: true })
  const statuses = tool === 'fanout' ? reportStatuses(report) : null
  const entry = { seconds, rewritten, statuses, ...(tool === 'fanout' ? { moduleSeconds: reportModuleSeconds(report) } : {}) }
  ctx.record(scenario, tool, entry)
  const shown = statuses ? JSON.stringify(statuses) : `${rewritten} .so written`
  console.log(
    `run ${run + 1}/${ctx.opts.runs}  ${scenario.padEnd(8)} ${TOOLS[tool].label.padEnd(14)} ${seconds.toFixed(2).padStart(8)} s  ${shown}`,
  )
  return entry
}

/**
 * What a tool does in a scenario this run: 'measure', 'skip' (cut by --limit), or 'cold' when a tool without a
 * content cache would repeat its cold build exactly (fresh checkout: a new copy, no outputs).
 */
export function stepKind(scenario, tool, run, limits) {
  if (tool === 'fanout') return 'measure'
  if (scenario === 'fresh') return 'cold'
  return run < (limits[scenario] ?? Infinity) ? 'measure' : 'skip'
}

async function oneRun(run, ctx) {
  const base = path.join(ctx.opts.work, `run-${run + 1}`)
  const order = rotation(ctx.opts.tools, run)
  const slots = Object.fromEntries(
    order.map(t => [t, { dir: path.join(base, t), fresh: path.join(base, `${t}-fresh`), cache: path.join(base, `cache-${t}`) }]),
  )
  const cold = {}
  for (const scenario of SCENARIOS) {
    for (const tool of order) {
      const kind = stepKind(scenario, tool, run, ctx.opts.limits)
      if (kind === 'cold') ctx.record(scenario, tool, { ...cold[tool], sameAs: 'cold' })
      else if (kind === 'measure') {
        const entry = await step(scenario, tool, slots[tool], ctx, run)
        if (scenario === 'cold') cold[tool] = entry
      }
    }
  }
  if (!ctx.opts.keep) fs.rmSync(base, { recursive: true, force: true })
}

/**
 * Every module's Cython and C compile+link time, one at a time (the floor no scheduler can beat with N jobs), as
 * rows {name, cython, compile}. `when` is 'before' or 'after' the runs: a shared host's speed drifts over hours.
 */
async function measureLowerBound(ctx, when) {
  const dir = path.join(ctx.opts.work, 'lower-bound')
  generateCorpus(dir, ctx.corpusOptions)
  const out = path.join(ctx.opts.work, 'logs', `lower-bound-${when}.json`)
  const log = path.join(ctx.opts.work, 'logs', `lower-bound-${when}.log`)
  console.log(`lower bound (${when} the runs): ${ctx.manifest.moduleCount} modules, one at a time ...`)
  await timedOk({ cmd: ctx.python, args: [LOWER_BOUND, dir, path.join(dir, MANIFEST), out], cwd: dir, log, what: 'lower bound' })
  verifyBuild(ctx.python, dir, 'lower bound')
  if (!ctx.opts.keep) fs.rmSync(dir, { recursive: true, force: true })
  return JSON.parse(fs.readFileSync(out, 'utf8'))
}

/** The bound from several measurements: each module's mean time, with each measurement's own sum and bound kept. */
export function combinedLowerBound(measurements, jobs) {
  const names = measurements[0].map(r => r.name)
  const mean = (name, key) => measurements.reduce((s, rows) => s + (rows.find(r => r.name === name)?.[key] ?? 0), 0) / measurements.length
  const rows = names.map(name => ({ name, cython: mean(name, 'cython'), compile: mean(name, 'compile') }))
  const each = measurements.map(m => lowerBoundOf(m, jobs)).map(({ sum, bound }) => ({ sum, bound }))
  return { ...lowerBoundOf(rows, jobs), measurements: each }
}

export function lowerBoundOf(rows, jobs) {
  const totals = rows.map(r => ({ name: r.name, seconds: r.cython + r.compile }))
  const sum = totals.reduce((s, r) => s + r.seconds, 0)
  const longest = totals.reduce((a, b) => (b.seconds > a.seconds ? b : a))
  const cython = rows.reduce((s, r) => s + r.cython, 0)
  const slowest = [...totals].sort((a, b) => b.seconds - a.seconds).slice(0, 5)
  return { jobs, sum, cython, compile: sum - cython, longest, slowest, bound: Math.max(sum / jobs, longest.seconds) }
}

/**
 * Plan + scan + fingerprint of a large corpus without compiling, R times: the wall time, and the engine's own
 * `timings` from the dry-run plan (plan + fingerprint; without Node's start and the Python toolchain probe).
 */
async function overhead(ctx) {
  const dir = path.join(ctx.opts.work, 'overhead')
  const manifest = generateCorpus(dir, { modules: ctx.opts.overheadModules, seed: ctx.opts.seed })
  const args = [
    CLI,
    '-C',
    '.',
    '--python',
    ctx.python,
    '--jobs',
    String(ctx.opts.jobs),
    '--cache-dir',
    path.join(ctx.opts.work, 'overhead-cache'),
    '--dry-run',
  ]
  const measured = { seconds: [], engineMs: [], planMs: [], fingerprintMs: [], toolchainMs: [] }
  let planned = null
  for (let i = 0; i < ctx.opts.runs; i++) {
    const log = path.join(ctx.opts.work, 'logs', `overhead-${i + 1}.log`)
    const r = await timedOk({ cmd: process.execPath, args, cwd: dir, log, captureStdout: true, what: 'cython-fanout --dry-run' })
    measured.seconds.push(r.seconds)
    const t = engineTimings(r.stdout)
    if (t) for (const name of ['engineMs', 'planMs', 'fingerprintMs', 'toolchainMs']) measured[name].push(t[name])
    planned = planSize(r.stdout)
    const engine = t
      ? `engine ${t.engineMs} ms (plan ${t.planMs} + fingerprint ${t.fingerprintMs}), Python probe ${t.toolchainMs} ms`
      : 'no timings in the plan'
    console.log(
      `overhead ${i + 1}/${ctx.opts.runs}  --dry-run on ${manifest.moduleCount} modules  ${r.seconds.toFixed(3)} s wall, ${engine}  (plan lists ${planned ?? '?'})`,
    )
  }
  if (!ctx.opts.keep) fs.rmSync(dir, { recursive: true, force: true })
  return {
    modules: manifest.moduleCount,
    ...measured,
    planned,
    command: `node dist/cli.js -C <copy> --python ${ctx.python} --jobs ${ctx.opts.jobs} --cache-dir <cache-dir> --dry-run`,
  }
}

/** The engine's own timings from a dry-run plan (ms), or null when the plan has none (an older dist/). */
export function engineTimings(stdout) {
  let timings
  try {
    timings = JSON.parse(stdout).timings
  } catch {
    return null
  }
  const { planMs, fingerprintMs, toolchainMs } = timings ?? {}
  if (![planMs, fingerprintMs, toolchainMs].every(ms => Number.isFinite(ms))) return null
  return { planMs, fingerprintMs, toolchainMs, engineMs: planMs + fingerprintMs }
}

function newResults(opts, python, manifest) {
  const results = {
    config: { ...opts, python },
    machine: machineFacts(),
    versions: toolVersions(python),
    corpus: { counts: manifest.counts, edits: manifest.edits, moduleCount: manifest.moduleCount },
    runs: Object.fromEntries(SCENARIOS.map(s => [s, Object.fromEntries(opts.tools.map(t => [t, []]))])),
    lowerBound: null,
    overhead: null,
  }
  results.config.argv = process.argv.slice(2)
  const record = (scenario, tool, entry) => results.runs[scenario][tool].push(entry)
  return { results, record }
}

async function bench(opts) {
  const python = findPython(opts.python)
  if (opts.tools.includes('fanout') && !fs.existsSync(CLI)) {
    throw new Error(`${CLI} not found: run \`npm run build\` first, or leave cython-fanout out with --tools cythonize,build_ext`)
  }
  fs.rmSync(opts.work, { recursive: true, force: true })
  fs.mkdirSync(path.join(opts.work, 'logs'), { recursive: true })
  if (opts.only === 'overhead') return overheadOnly(opts, python)
  if (opts.only === 'scale') return scaleOnly(opts, python)
  const corpusOptions = { modules: opts.modules, seed: opts.seed, heavyScale: opts.heavyScale }
  const { manifest } = corpusFiles(corpusOptions)
  const { results, record } = newResults(opts, python, manifest)
  const ctx = { opts, python, manifest, corpusOptions, record }
  console.log(`python ${python}; ${manifest.moduleCount} modules, ${opts.runs} run(s), --jobs ${opts.jobs}; work in ${opts.work}`)
  const before = await measureLowerBound(ctx, 'before')
  for (let run = 0; run < opts.runs; run++) await oneRun(run, ctx)
  results.lowerBound = combinedLowerBound([before, await measureLowerBound(ctx, 'after')], opts.jobs)
  if (opts.tools.includes('fanout')) results.overhead = await overhead(ctx)
  if (opts.tools.includes('fanout')) results.scale = await scaleRow(scaleContext(opts, python))
  results.machine.loadAverageAfter = machineFacts().loadAverage
  fs.writeFileSync(path.join(opts.work, 'results.json'), JSON.stringify(results, null, 2) + '\n')
  console.log('\n' + renderTable(results))
  fs.writeFileSync(opts.results, renderMarkdown(results))
  console.log(
    `\nwrote ${path.relative(process.cwd(), opts.results)} and ${path.relative(process.cwd(), path.join(opts.work, 'results.json'))}`,
  )
}

/** `--only overhead`: the overhead row alone, printed and written next to its work; bench/RESULTS.md is left alone. */
async function overheadOnly(opts, python) {
  console.log(`python ${python}; overhead only: ${opts.overheadModules} modules, ${opts.runs} run(s); work in ${opts.work}`)
  const results = { config: { ...opts, python, argv: process.argv.slice(2) }, machine: machineFacts(), versions: toolVersions(python) }
  results.overhead = await overhead({ opts, python })
  results.machine.loadAverageAfter = machineFacts().loadAverage
  fs.writeFileSync(path.join(opts.work, 'results.json'), JSON.stringify(results, null, 2) + '\n')
  console.log('\n' + renderOverheadTable(results))
  fs.writeFileSync(opts.results, renderOverheadMarkdown(results))
  console.log(`\nwrote ${path.relative(process.cwd(), opts.results)}; bench/RESULTS.md is unchanged`)
}

/** What bench/scale.mjs needs from here: verification and the serial lower bound of a generated tree. */
function scaleContext(opts, python) {
  const lowerBound = async dir => {
    const out = path.join(opts.work, 'logs', 'scale-lower-bound.json')
    const log = path.join(opts.work, 'logs', 'scale-lower-bound.log')
    console.log(`scale lower bound: ${opts.scaleModules} modules, one at a time ...`)
    await timedOk({ cmd: python, args: [LOWER_BOUND, dir, path.join(dir, MANIFEST), out], cwd: dir, log, what: 'scale lower bound' })
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true })
    return lowerBoundOf(JSON.parse(fs.readFileSync(out, 'utf8')), opts.jobs)
  }
  return { opts, python, verify: verifyBuild, lowerBound }
}

/** `--only scale`: the scale row alone, printed and written next to its work; bench/RESULTS.md is left alone. */
async function scaleOnly(opts, python) {
  console.log(`python ${python}; scale only: ${opts.scaleModules} modules, --jobs ${opts.jobs}; work in ${opts.work}`)
  const results = { config: { ...opts, python, argv: process.argv.slice(2) }, machine: machineFacts(), versions: toolVersions(python) }
  results.scale = await scaleRow(scaleContext(opts, python))
  results.machine.loadAverageAfter = machineFacts().loadAverage
  fs.writeFileSync(path.join(opts.work, 'results.json'), JSON.stringify(results, null, 2) + '\n')
  console.log('\n' + renderScaleTable(results))
  fs.writeFileSync(opts.results, renderScaleMarkdown(results))
  console.log(`\nwrote ${path.relative(process.cwd(), opts.results)}; bench/RESULTS.md is unchanged`)
}

async function main(argv) {
  const opts = parseOptions(argv)
  if (opts.help) {
    console.log(USAGE)
    return 0
  }
  const stop = () => {
    killCurrent()
    process.exit(130)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  await bench(opts)
  return 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    code => (process.exitCode = code),
    err => {
      console.error(`bench: ${err.message}`)
      process.exitCode = err.code?.startsWith('ERR_PARSE_ARGS') || /^--/.test(err.message) ? 2 : 1
    },
  )
}
