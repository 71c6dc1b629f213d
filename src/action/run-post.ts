import * as core from '@actions/core'

import { errorText } from '../errors/error-text.js'
import { saveToGitHub } from './store-sync.js'

/** The action's post step: saves the compile cache. A cache problem is a warning, never a failed job. */
export async function run(): Promise<void> {
  try {
    await saveToGitHub()
  } catch (err) {
    core.warning(`Compile cache not saved: ${errorText(err)}`)
  }
}
