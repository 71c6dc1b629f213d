import * as core from '@actions/core'

/** The action's post step: saves the compile cache (see the cache stage); nothing else to do. */
export async function run(): Promise<void> {
  core.debug('cython-fanout post: nothing to save')
}
