#!/usr/bin/env node
import { muteWorkflowCommands } from './cli/mute-workflow-commands.js'
import { runCli } from './cli/run-cli.js'
import { VERSION } from './version.js'

muteWorkflowCommands()

const code = await runCli(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  cwd: process.cwd(),
  version: VERSION,
  underRunner: process.env.GITHUB_ACTIONS === 'true',
})
process.exitCode = code
