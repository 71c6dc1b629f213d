import * as core from '@actions/core'

import type { BuildLog } from '../engine/build-log.js'
import { runnerSafe } from '../report/untrusted-text.js'

/**
 * The runner log: each module in its own collapsible group, printed whole when the module ends. Info lines and
 * module output carry names and compiler text we do not control: they go out bracketed when they could hold a
 * workflow command. Titles and warnings are command values, which @actions/core escapes.
 */
export const actionLog: BuildLog = {
  info: message => core.info(runnerSafe(message)),
  warning: message => core.warning(message),
  group: (title, body) => {
    core.startGroup(title)
    if (body.trim()) core.info(runnerSafe(body.replace(/\n$/, '')))
    core.endGroup()
  },
}
