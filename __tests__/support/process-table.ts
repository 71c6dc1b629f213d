import * as fs from 'node:fs'

/** Processes (pid and command line) whose working directory is inside `dir`: the build's children run there. */
export function processesIn(dir: string): Array<{ pid: number; cmd: string }> {
  const found: Array<{ pid: number; cmd: string }> = []
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`)
      if (cwd === dir || cwd.startsWith(dir + '/')) {
        found.push({ pid: Number(entry), cmd: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() })
      }
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found
}
