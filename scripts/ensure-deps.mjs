#!/usr/bin/env node
// Installs the npm packages when node_modules is missing or older than package-lock.json, so that
// `npm test` and `npm run demo` work on a fresh clone with nothing but Node and npm.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'

const marker = 'node_modules/.package-lock.json'
const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync('package-lock.json').mtimeMs
if (stale) {
  // `npm ci` only: it installs exactly the committed lock and never rewrites it, so a fresh clone's `npm test`
  // leaves `git status` clean. A lock it refuses is a bug to fix in the repository (regenerate it with
  // `rm -rf node_modules package-lock.json && npm install`), not something to paper over here.
  console.log('Installing npm packages (npm ci)')
  if (!npm(['ci', '--no-audit', '--no-fund'])) process.exit(1)
}

function npm(args) {
  const r = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' })
  return r.status === 0
}
