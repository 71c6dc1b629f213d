#!/usr/bin/env node
// `npm run demo`: builds examples/demo with cython-fanout (the same engine as the action), then imports and
// calls every module it built and prints what each returns.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

import { findCythonPython } from './find-python.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const demo = path.join(root, 'examples', 'demo')
const python = findCythonPython()
if (!python) {
  console.error('No Python with Cython found: run npm run setup-python (npm run demo does this first).')
  process.exit(1)
}
const report = path.join(demo, '.cython-fanout', 'report.json')
const args = [
  path.join(root, 'dist', 'cli.js'),
  '-C',
  demo,
  '--python',
  python.executable,
  '--report',
  report,
  '**/*.pyx',
  'fanout_demo/cmod.c',
  ...process.argv.slice(2),
]
console.log(
  `$ cython-fanout -C examples/demo --python ${python.executable} --report ${path.relative(root, report)} '**/*.pyx' fanout_demo/cmod.c`,
)
const build = spawnSync(process.execPath, args, { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const modules = JSON.parse(fs.readFileSync(report, 'utf8')).modules.map(m => m.module)
const call = `import importlib, sys\nfor name in sys.argv[1:]:\n    print("%-24s -> %r" % (name, importlib.import_module(name).demo()))`
console.log(`\nImporting and calling the ${modules.length} built modules:`)
const run = spawnSync(python.executable, ['-c', call, ...modules], { cwd: demo, stdio: 'inherit' })
process.exit(run.status ?? 1)
