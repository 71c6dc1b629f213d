import * as fs from 'node:fs'
import * as path from 'node:path'

/**
 * Resolves when `file` exists: the event a test waits for (a CC wrapper announcing it has started), instead of a
 * fixed sleep. Watches the directory, so no polling interval decides how fast the test runs; the test's own
 * timeout is the only bound.
 */
export function waitForFile(file: string): Promise<void> {
  return new Promise(resolve => {
    const watcher = fs.watch(path.dirname(file), () => check())
    const check = (): void => {
      if (!fs.existsSync(file)) return
      watcher.close()
      resolve()
    }
    check()
  })
}

/**
 * Resolves when `condition()` holds, for state with no event to watch (the process table): checked every 10 ms so
 * the wait does not take a core from the build it waits on. The test's own timeout is the only bound.
 */
export async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise(resolve => setTimeout(resolve, 10))
}
