import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { cleanEnv, runNode, type RunResult } from './run-node.js'

/** GITHUB_OUTPUT's file format: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const re = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of fs.readFileSync(file, 'utf8').matchAll(re)) outputs[m[1]] = m[3]
  return outputs
}

/** Runs dist/main.js as the runner does: inputs as INPUT_<NAME>, outputs and summary in files. */
export async function runAction(
  workspace: string,
  inputs: Record<string, string>,
  options: { entry?: string; env?: NodeJS.ProcessEnv; runnerTemp?: string; state?: Record<string, string> } = {},
): Promise<RunResult & { outputs: Record<string, string>; summary: string; runnerTemp: string; state: Record<string, string> }> {
  const runnerTemp = options.runnerTemp ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cf-runner-'))
  const files = {
    output: path.join(runnerTemp, 'output'),
    summary: path.join(runnerTemp, 'summary'),
    state: path.join(runnerTemp, 'state'),
  }
  for (const file of Object.values(files)) fs.writeFileSync(file, '')
  const env = cleanEnv({
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: runnerTemp,
    ...options.env,
  })
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  // The runner hands main's saved state to post as STATE_<name>.
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value
  const run = await runNode(path.resolve(options.entry ?? 'dist/main.js'), [], { cwd: workspace, env })
  return {
    ...run,
    outputs: readOutputs(files.output),
    summary: fs.readFileSync(files.summary, 'utf8'),
    runnerTemp,
    state: readOutputs(files.state),
  }
}
