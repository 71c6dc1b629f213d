/**
 * Types of cython-fanout's public JSON shapes (the README documents them), for the plain-JavaScript benchmark, as
 * corpus.d.mts types corpus.mjs: the JSON report (`--report`) and the `--dry-run` plan.
 */
export type { BuildReport, ModuleReport, DiagnosticReport } from '../src/report/json-report.js'
export type { DryRunPlan, DryRunModule } from '../src/engine/prepare-build.js'
