#!/usr/bin/env node
// Installs the npm packages when node_modules is missing or older than package-lock.json, so that
// `npm test` and `npm run demo` work on a fresh clone with nothing but Node and npm.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'

const marker = 'node_modules/.package-lock.json'
const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync('package-lock.json').mtimeMs
if (stale) {
  console.log('Installing npm packages (npm ci)')
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
