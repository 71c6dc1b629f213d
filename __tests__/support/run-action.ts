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
  options: { entry?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult & { outputs: Record<string, string>; summary: string; runnerTemp: string }> {
  const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-runner-'))
  const outputFile = path.join(runnerTemp, 'output')
  const summaryFile = path.join(runnerTemp, 'summary')
  fs.writeFileSync(outputFile, '')
  fs.writeFileSync(summaryFile, '')
  const env = cleanEnv({ GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: runnerTemp, ...options.env })
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const run = await runNode(path.resolve(options.entry ?? 'dist/main.js'), [], { cwd: workspace, env })
  return { ...run, outputs: readOutputs(outputFile), summary: fs.readFileSync(summaryFile, 'utf8'), runnerTemp }
}

