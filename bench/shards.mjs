#!/usr/bin/env node
/**
 * The shard row of the benchmark: how well `shard: I/N` splits a build, predicted and measured, against the ideal.
 *
 *   node bench/shards.mjs [--modules N] [--shards 2,3,4] [--jobs J] [--heavy-scale S] [--seed S] [--python P]
 *                         [--results FILE]
 *   node bench/shards.mjs --render bench/data/shards-<date>.json     (rewrite the RESULTS.md section only)
 *
 * 1. One build of the corpus records every module's duration in a store (as a previous CI run would have).
 * 2. For each N, each shard I/N builds in its own fresh copy, one after another (the makespan of N runners in
 *    parallel is the slowest shard), from a store that holds those durations and no entries, so every module is
 *    built by exactly one shard.
 * 3. Predicted makespan: the slowest shard's predicted time (its report's split) spread over J jobs, never below its
 *    longest module. Measured: the slowest shard's wall time (process start to exit, so start-up included) and its
 *    module time (the report's per-module times / J). Ideal: total work / (N x J), never below the longest module.
 *
 * Writes bench/data/shards-<date>.json and the "Shards" section of bench/RESULTS.md (between its markers).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { generateCorpus } from './corpus.mjs'
import { median, timedOk } from './measure.mjs'
import { BENCH_DIR, CLI, findPython } from './tools.mjs'

const BEGIN = '<!-- shards:begin -->'
const END = '<!-- shards:end -->'

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      render: { type: 'string' },
      modules: { type: 'string' },
      shards: { type: 'string' },
      jobs: { type: 'string' },
      'heavy-scale': { type: 'string' },
      seed: { type: 'string' },
      python: { type: 'string' },
      results: { type: 'string' },
    },
  })
  if (values.render) return { render: values.render }
  const int = (name, fallback, min) => {
    const raw = values[name] ?? String(fallback)
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`--${name} ${raw}: expected a whole number >= ${min}`)
    return Number(raw)
  }
  const shards = (values.shards ?? '2,3,4').split(',').map(n => Number(n.trim()))
  if (shards.some(n => !Number.isInteger(n) || n < 1)) throw new Error(`--shards ${values.shards}: expected counts such as 2,3,4`)
  const heavyScale = Number(values['heavy-scale'] ?? '1')
  if (!(heavyScale > 0 && heavyScale <= 1)) throw new Error(`--heavy-scale ${values['heavy-scale']}: expected a number in (0, 1]`)
  return {
    modules: int('modules', 120, 4),
    jobs: int('jobs', 1, 1),
    seed: int('seed', 1, 0),
    shards,
    heavyScale,
    python: findPython(values.python),
    results: values.results,
  }
}

/** One cython-fanout run in a fresh copy of the corpus; returns its wall time and report. */
async function build(o, corpus, name, store, extra) {
  const copy = path.join(BENCH_DIR, 'work', 'shards', name)
  fs.rmSync(copy, { recursive: true, force: true })
  fs.cpSync(corpus, copy, { recursive: true })
  const report = path.join(copy, 'report.json')
  const args = [CLI, '-C', copy, '--python', o.python, '--jobs', String(o.jobs), '--cache-dir', store, '--report', report, ...extra]
  const log = path.join(BENCH_DIR, 'work', 'shards', `${name}.log`)
  const { seconds } = await timedOk({ cmd: process.execPath, args, cwd: copy, log, what: `cython-fanout ${name}` })
  return { seconds, report: JSON.parse(fs.readFileSync(report, 'utf8')) }
}

/** A store holding only the recorded durations: every shard predicts from them, and builds its modules itself. */
function durationsOnlyStore(name, durations) {
  const store = path.join(BENCH_DIR, 'work', 'shards', `${name}-store`)
  fs.rmSync(store, { recursive: true, force: true })
  fs.mkdirSync(store, { recursive: true })
  fs.writeFileSync(path.join(store, 'durations.json'), JSON.stringify(durations, null, 1) + '\n')
  return store
}

const builtMs = report => report.modules.filter(m => m.status === 'built').map(m => m.durationsMs.total)

async function measureSplit(o, corpus, durations, n) {
  const runs = []
  for (let i = 1; i <= n; i++) {
    const name = `n${n}-shard${i}`
    runs.push(await build(o, corpus, name, durationsOnlyStore(name, durations), ['--shard', `${i}/${n}`]))
  }
  const splits = runs.map(r => JSON.stringify(r.report.shard.shards))
  if (new Set(splits).size !== 1) throw new Error(`N=${n}: the shards computed different splits`)
  const builtTotal = runs.reduce((sum, r) => sum + r.report.counts.built, 0)
  if (builtTotal !== Object.keys(durations).length)
    throw new Error(`N=${n}: the shards built ${builtTotal} modules, expected ${Object.keys(durations).length}`)
  const longest = Math.max(...Object.values(durations))
  const shards = runs[0].report.shard.shards.map((s, k) => {
    const mine = s.modules.map(m => durations[m])
    return {
      index: s.index,
      modules: s.modules.length,
      predictedS: Math.max(s.predicted / o.jobs, ...mine) / 1000,
      moduleTimeS: Math.max(builtMs(runs[k].report).reduce((a, b) => a + b, 0) / o.jobs, ...builtMs(runs[k].report)) / 1000,
      wallS: runs[k].seconds,
    }
  })
  const total = Object.values(durations).reduce((a, b) => a + b, 0)
  return {
    n,
    shards,
    idealS: Math.max(total / (n * o.jobs), longest) / 1000,
    predictedS: Math.max(...shards.map(s => s.predictedS)),
    measuredModuleS: Math.max(...shards.map(s => s.moduleTimeS)),
    measuredWallS: Math.max(...shards.map(s => s.wallS)),
  }
}

function renderSection(result) {
  const f = x => `${x.toFixed(2)} s`
  const r = (x, ideal) => `${(x / ideal).toFixed(3)}x`
  const lines = [
    BEGIN,
    '## Shards (`shard: I/N`)',
    '',
    `Written by \`node bench/shards.mjs\` on ${result.date}: a **${result.modules}-module** corpus (heavy modules scaled by ${result.heavyScale}), ` +
      `\`--jobs ${result.jobs}\` per shard, each shard run one after another on this machine (the makespan of N parallel runners is the slowest shard). ` +
      `Durations recorded by one full build first (sum ${f(result.totalS)}, longest module ${f(result.longestS)}); every shard predicted from them and built its part from a store holding no entries.`,
    '',
    '| N | ideal (total / N, >= longest) | predicted makespan | measured: module time | measured: wall | predicted / ideal | module time / ideal | wall / ideal | shard sizes | worst shard: measured / predicted |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...result.splits.map(
      s =>
        `| ${s.n} | ${f(s.idealS)} | ${f(s.predictedS)} | ${f(s.measuredModuleS)} | ${f(s.measuredWallS)} | ${r(s.predictedS, s.idealS)} | ${r(s.measuredModuleS, s.idealS)} | ${r(s.measuredWallS, s.idealS)} | ${s.shards.map(x => x.modules).join('/')} | ${worstError(s)} |`,
    ),
    '',
    "The last column compares each shard's measured module time with what the split predicted for the same modules " +
      '(the shard furthest off): it is the noise of re-measuring the same modules, not a property of the split. ' +
      'Where it exceeds 10%, so can the measured makespan, however even the predicted split is.',
    '',
    '"Module time" is the slowest shard\'s summed per-module build time from its report; "wall" adds what every shard pays once ' +
      `(Node, the Python toolchain probe, planning and fingerprinting the whole tree: median ${f(result.startupS)} here), which a small corpus makes look large.`,
    END,
  ]
  return lines.join('\n')
}

/** The shard whose measured module time is furthest from its prediction, as `1.22x (shard 4)`. */
function worstError(split) {
  const worst = split.shards.reduce((a, b) =>
    Math.abs(Math.log(b.moduleTimeS / b.predictedS)) > Math.abs(Math.log(a.moduleTimeS / a.predictedS)) ? b : a,
  )
  return `${(worst.moduleTimeS / worst.predictedS).toFixed(2)}x (shard ${worst.index})`
}

function writeSection(section) {
  const file = path.join(BENCH_DIR, 'RESULTS.md')
  const text = fs.readFileSync(file, 'utf8')
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  const next =
    start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + END.length) : `${text.trimEnd()}\n\n${section}\n`
  fs.writeFileSync(file, next)
}

async function main() {
  const o = options(process.argv.slice(2))
  if (o.render) return writeSection(renderSection(JSON.parse(fs.readFileSync(o.render, 'utf8'))))
  const corpus = path.join(BENCH_DIR, 'work', 'shards', 'corpus')
  fs.mkdirSync(corpus, { recursive: true })
  generateCorpus(corpus, { modules: o.modules, seed: o.seed, heavyScale: o.heavyScale })
  const recordStore = path.join(BENCH_DIR, 'work', 'shards', 'record-store')
  fs.rmSync(recordStore, { recursive: true, force: true })
  const record = await build(o, corpus, 'record', recordStore, [])
  const durations = Object.fromEntries(record.report.modules.map(m => [m.module, m.durationsMs.total]))
  const splits = []
  for (const n of o.shards) {
    splits.push(await measureSplit(o, corpus, durations, n))
    console.log(`N=${n}: ${JSON.stringify(splits.at(-1))}`)
  }
  const moduleTime = record.report.modules.reduce((a, m) => a + m.durationsMs.total, 0) / o.jobs / 1000
  const all = splits.flatMap(s => s.shards.map(x => x.wallS - x.moduleTimeS))
  const result = {
    date: new Date().toISOString().slice(0, 10),
    modules: o.modules,
    heavyScale: o.heavyScale,
    jobs: o.jobs,
    totalS: Object.values(durations).reduce((a, b) => a + b, 0) / 1000,
    longestS: Math.max(...Object.values(durations)) / 1000,
    recordWallS: record.seconds,
    recordModuleS: moduleTime,
    startupS: median(all),
    splits,
  }
  const out = o.results ?? path.join(BENCH_DIR, 'data', `shards-${result.date}.json`)
  fs.writeFileSync(out, JSON.stringify(result, null, 1) + '\n')
  writeSection(renderSection(result))
  console.log(renderSection(result))
}

main().catch(err => {
  console.error(err.message)
  process.exit(1)
})
