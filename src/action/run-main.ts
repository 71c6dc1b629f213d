import * as core from '@actions/core'

import type { BuildOutcome } from '../engine/build-outcome.js'
import { countResults } from '../engine/build-outcome.js'
import { cancelOnSignals } from '../engine/cancellation.js'
import { runEngine } from '../engine/run-engine.js'
import { errorText } from '../errors/error-text.js'
import { emitAnnotations } from '../report/emit-annotations.js'
import { failureLine } from '../report/failure-line.js'
import { fixHints } from '../report/fix-hints.js'
import { writeJobSummary } from '../report/job-summary.js'
import { writeReport } from '../report/json-report.js'
import { runnerSafeJson } from '../report/untrusted-text.js'
import type { BuildSettings } from '../settings/settings.js'
import { actionLog } from './action-log.js'
import { defaultReportPath, readActionSettings } from './read-inputs.js'
import { recordBuilt, restoreFromGitHub } from './store-sync.js'

/** The action's main step: read inputs, build, then publish outputs, annotations, the summary and the report. */
export async function run(): Promise<void> {
  const cancellation = cancelOnSignals(() => core.warning('Cancelled: stopping every compiler and Cython process of this build'))
  try {
    const settings = readActionSettings()
    const result = await runEngine(settings, {
      log: actionLog,
      signal: cancellation.signal,
      registry: cancellation.registry,
      restoreStore: restoreFromGitHub(settings.cache.keyPrefix, settings.shard),
    })
    if (result.kind === 'plan') {
      process.stdout.write(runnerSafeJson(JSON.stringify(result.plan, null, 2)) + '\n')
      core.setOutput('jobs', String(result.plan.jobs))
      return
    }
    await publish(result.outcome, settings)
  } catch (err) {
    core.setFailed(errorText(err))
  } finally {
    cancellation.dispose()
  }
}

async function publish(outcome: BuildOutcome, settings: BuildSettings): Promise<void> {
  const counts = countResults(outcome.results)
  recordBuilt(counts.built)
  if (!settings.cache.enabled) core.setOutput('cache-hit', 'none')
  const reportPath = defaultReportPath(settings)
  const reportProblem = await writeReport(reportPath, outcome)
  if (reportProblem) core.warning(reportProblem)
  core.setOutput('jobs', String(outcome.decision.jobs))
  core.setOutput('built', String(counts.built))
  core.setOutput('cached', String(counts.cached))
  core.setOutput('failed', String(counts.failed))
  core.setOutput('report', reportProblem ? '' : reportPath)
  const annotations = emitAnnotations(outcome)
  await writeJobSummary(outcome, annotations).catch(err => core.warning(`Could not write the job summary: ${errorText(err)}`))
  for (const hint of fixHints(outcome.results)) core.notice(hint, { title: 'How to fix' })
  const line = failureLine(outcome.results)
  if (outcome.cancelled)
    core.setFailed(
      `Build cancelled: ${counts.built + counts.cached} of ${counts.total} modules were done; the rest are marked cancelled in the report`,
    )
  else if (line) core.setFailed(line)
  else core.info(`${counts.built} built, ${counts.cached} from cache, 0 failed of ${counts.total} modules`)
}
