import * as path from 'node:path'

import * as core from '@actions/core'

import { type BuildSettings, INPUT_NAMES, parseSettings, type RawInputs } from '../settings/settings.js'

/** Every input of action.yml, read once and validated into settings. */
export function readActionSettings(env: NodeJS.ProcessEnv = process.env): BuildSettings {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name)
  return parseSettings(raw, {
    baseDirectory: env.GITHUB_WORKSPACE || process.cwd(),
    cacheDir: actionCacheDir(env),
    pruneUnusedCacheEntries: true,
  })
}

export function actionCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.RUNNER_TEMP || path.join(process.cwd(), '.cython-fanout'), 'cython-fanout-cache')
}

export function defaultReportPath(settings: BuildSettings, env: NodeJS.ProcessEnv = process.env): string {
  return (
    settings.reportPath ?? path.join(env.RUNNER_TEMP || path.join(settings.workingDirectory, '.cython-fanout'), 'cython-fanout-report.json')
  )
}
