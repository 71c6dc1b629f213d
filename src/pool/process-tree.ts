import { type ChildProcess, spawn } from 'node:child_process'

/**
 * Ends a child and everything it started. On POSIX each child leads its own process group (spawned detached), so
 * one signal to the group reaches compilers that a driver like gcc started; on Windows taskkill walks the tree.
 */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => {})
    return
  }
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      // Already gone.
    }
  }
}

/** Every live child of this build, so a cancelled step can end them all at once. */
export class ChildRegistry {
  private readonly live = new Set<ChildProcess>()

  add(child: ChildProcess): void {
    this.live.add(child)
    child.once('exit', () => this.live.delete(child))
  }

  killAll(): void {
    for (const child of this.live) killTree(child)
  }
}
