import { it } from '@jest/globals'

type TestFn = Parameters<typeof it>[1]

/** `it` when `condition` holds; otherwise a skipped test whose name says why, so a skip is never silent. */
export function onlyWhen(condition: boolean, why: string): (name: string, fn: TestFn, timeout?: number) => void {
  return (name, fn, timeout) => (condition ? it(name, fn, timeout) : it.skip(`${name} [skipped: ${why}]`, fn, timeout))
}
