/**
 * Reads a step's output as the GitHub runner does, to find the workflow commands it would obey. Written from the
 * runner's documented behaviour, independently of src/: a line (split on CR or LF) trimmed of whitespace that starts
 * with `::name props::data`, or holds `##[name props]data` anywhere (the old format); between
 * `::stop-commands::TOKEN` and a line `::TOKEN::` nothing is a command.
 */
export interface RunnerCommand {
  /** Index of the line in the output. */
  line: number
  name: string
  properties: string
  data: string
}

export interface RunnerReading {
  commands: RunnerCommand[]
  /** Still inside a stop-commands bracket at the end: every later command of the job would be ignored. */
  stoppedAtEnd: boolean
}

export function readAsRunner(output: string): RunnerReading {
  const commands: RunnerCommand[] = []
  let stopToken: string | null = null
  for (const [index, raw] of output.split(/\r\n|\r|\n/).entries()) {
    const line = raw.trim()
    if (stopToken !== null) {
      if (line === `::${stopToken}::`) stopToken = null
      continue
    }
    const command = parseV2(line, index) ?? parseV1(line, index)
    if (!command) continue
    commands.push(command)
    if (command.name === 'stop-commands') stopToken = command.data.trim()
  }
  return { commands, stoppedAtEnd: stopToken !== null }
}

function parseV2(line: string, index: number): RunnerCommand | undefined {
  if (!line.startsWith('::')) return undefined
  const end = line.indexOf('::', 2)
  if (end < 0) return undefined
  const info = line.slice(2, end)
  const space = info.indexOf(' ')
  return {
    line: index,
    name: space < 0 ? info : info.slice(0, space),
    properties: space < 0 ? '' : info.slice(space + 1),
    data: line.slice(end + 2),
  }
}

function parseV1(line: string, index: number): RunnerCommand | undefined {
  const start = line.indexOf('##[')
  const end = start < 0 ? -1 : line.indexOf(']', start)
  if (end < 0) return undefined
  const info = line.slice(start + 3, end)
  const space = info.indexOf(' ')
  return {
    line: index,
    name: space < 0 ? info : info.slice(0, space),
    properties: space < 0 ? '' : info.slice(space + 1),
    data: line.slice(end + 1),
  }
}
