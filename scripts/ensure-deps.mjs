#!/usr/bin/env node
// Installs the npm packages when node_modules is missing or older than package-lock.json, so that
// `npm test` and `npm run demo` work on a fresh clone with nothing but Node and npm.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'

const marker = 'node_modules/.package-lock.json'
const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync('package-lock.json').mtimeMs
if (stale) {
  console.log('Installing npm packages (npm ci)')
  if (!npm(['ci', '--no-audit', '--no-fund'])) {
    // npm 11 sometimes writes lock files that its own `npm ci` rejects ("Missing: @unrs/resolver-binding-... from
    // lock file", optional platform packages of a test-tool dependency); `npm install` resolves those from the lock.
    console.log('npm ci refused the lock file; installing with npm install instead')
    if (!npm(['install', '--no-audit', '--no-fund'])) process.exit(1)
  }
}

function npm(args) {
  const r = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' })
  return r.status === 0
}
