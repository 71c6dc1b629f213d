#!/usr/bin/env node
// Bundles src/ into dist/ (main.js, post.js, cli.js and shared chunks) with esbuild.
// `--check` builds into a temporary directory and fails if dist/ differs: dist/ must always match src/.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as esbuild from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const check = process.argv.includes('--check')
const outdir = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'cython-fanout-dist-')) : path.join(root, 'dist')

if (!check) fs.rmSync(outdir, { recursive: true, force: true })
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main.ts', post: 'src/post.ts', cli: 'src/cli.ts' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir,
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); ESM output has none, so provide one.
  banner: { js: "import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);" },
})
fs.chmodSync(path.join(outdir, 'cli.js'), 0o755)

if (check) {
  const differences = compareTrees(outdir, path.join(root, 'dist'))
  fs.rmSync(outdir, { recursive: true, force: true })
  if (differences.length > 0) {
    console.error(
      `dist/ is stale (${differences.slice(0, 5).join(', ')}${differences.length > 5 ? ', ...' : ''}): run npm run build and commit dist/`,
    )
    process.exit(1)
  }
  console.log('dist/ matches src/')
}

function listFiles(dir, prefix = '') {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
}

function compareTrees(fresh, committed) {
  const a = listFiles(fresh)
  const b = listFiles(committed)
  const names = [...new Set([...a, ...b])].sort()
  return names.filter(name => {
    const x = path.join(fresh, name)
    const y = path.join(committed, name)
    return !fs.existsSync(x) || !fs.existsSync(y) || !fs.readFileSync(x).equals(fs.readFileSync(y))
  })
}
