import * as core from '@actions/core'
import type { BuildLog } from '../engine/build-log.js'

/** The runner log: each module in its own collapsible group, printed whole when the module ends. */
export const actionLog: BuildLog = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  group: (title, body) => {
    core.startGroup(title)
    if (body.trim()) core.info(body.replace(/\n$/, ''))
    core.endGroup()
  },
}
