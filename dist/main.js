import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);
import {
  recordBuilt,
  restoreFromGitHub
} from "./chunks/chunk-CKCGKBIA.js";
import {
  INPUT_NAMES,
  cancelOnSignals,
  countResults,
  deduplicate,
  failureLine,
  firstError,
  fixHints,
  formatDuration,
  parseSettings,
  placeOf,
  runEngine,
  shortReason,
  writeReport
} from "./chunks/chunk-UV5EDXY5.js";
import {
  endGroup,
  error,
  errorText,
  getInput,
  info,
  notice,
  runnerSafe,
  runnerSafeJson,
  setFailed,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunks/chunk-OCOPXFOH.js";

// src/report/annotations.ts
var MAX_MESSAGE_LENGTH = 4096;
function rankAnnotations(failures, warnings, limit = 10) {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`rankAnnotations: limit must be a whole number from 0, got ${limit}`);
  }
  const firsts = [];
  const rest = [];
  const failureWarnings = [];
  for (const failure of failures) {
    const own = failure.diagnostics.map((d) => d.file === "" ? { ...d, file: failure.source } : d);
    const errors = own.filter((d) => d.severity === "error");
    const first = firstError(errors);
    if (first) firsts.push(first);
    rest.push(...errors.filter((d) => d !== first));
    failureWarnings.push(...own.filter((d) => d.severity === "warning"));
  }
  const allErrors = deduplicate([...firsts, ...rest]);
  const allWarnings = deduplicate([...failureWarnings, ...warnings.filter((d) => d.severity === "warning")]);
  return {
    errors: allErrors.slice(0, limit),
    warnings: allWarnings.slice(0, limit),
    omittedErrors: Math.max(0, allErrors.length - limit),
    omittedWarnings: Math.max(0, allWarnings.length - limit)
  };
}
function toRepoRelative(file, workingDir, repoRoot) {
  if (file === "") return "";
  const root = parsePath(repoRoot);
  if (root.anchor === "") {
    throw new Error(`toRepoRelative: repoRoot must be an absolute path (/x or C:\\x), got '${repoRoot}'`);
  }
  const dir = parsePath(workingDir);
  const base = dir.anchor === "" ? { anchor: root.anchor, parts: [...root.parts, ...dir.parts] } : dir;
  const target = parsePath(file);
  const abs = normalise(target.anchor === "" ? { anchor: base.anchor, parts: [...base.parts, ...target.parts] } : target);
  const top = normalise(root);
  const caseless = /^[a-z]:\/$/i.test(top.anchor);
  const same = (a, b) => caseless ? a.toLowerCase() === b.toLowerCase() : a === b;
  const inside = same(abs.anchor, top.anchor) && top.parts.every((p, i) => abs.parts[i] !== void 0 && same(p, abs.parts[i]));
  return inside ? abs.parts.slice(top.parts.length).join("/") : abs.anchor + abs.parts.join("/");
}
var TOOL_LABEL = {
  cython: "Cython",
  gcc: "gcc",
  clang: "clang",
  msvc: "MSVC",
  linker: "linker"
};
function annotationProperties(d, paths) {
  const file = toRepoRelative(d.file, paths.workingDir, paths.repoRoot);
  const inRepo = file !== "" && !isAbsolute(file);
  let title = `${TOOL_LABEL[d.tool]} ${d.severity}`;
  if (d.generatedFrom) {
    const c = d.generatedFrom;
    title += ` in generated ${toRepoRelative(c.file, paths.workingDir, paths.repoRoot)}:${c.line}`;
  }
  const properties = { title };
  if (inRepo) {
    properties.file = file;
    if (d.line !== void 0) properties.startLine = d.line;
    if (d.line !== void 0 && d.column !== void 0) properties.startColumn = d.column;
  }
  const where = !inRepo && file !== "" ? `${[file, d.line, d.column].filter((p) => p !== void 0).join(":")}: ` : "";
  return { message: cut(where + d.message), properties };
}
function cut(message) {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  let end = MAX_MESSAGE_LENGTH - 1;
  if (/[\uD800-\uDBFF]/.test(message[end - 1])) end--;
  return `${message.slice(0, end)}\u2026`;
}
function parsePath(path2) {
  const p = path2.replace(/\\/g, "/");
  const drive = /^([A-Za-z]:)\/?/.exec(p);
  const anchor = drive ? `${drive[1]}/` : p.startsWith("//") ? "//" : p.startsWith("/") ? "/" : "";
  const body = drive ? p.slice(drive[0].length) : p.slice(anchor.length);
  return { anchor, parts: body.split("/").filter((s) => s !== "" && s !== ".") };
}
function normalise(path2) {
  const parts = [];
  for (const part of path2.parts) {
    if (part !== "..") parts.push(part);
    else if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (path2.anchor === "") parts.push("..");
  }
  return { anchor: path2.anchor, parts };
}
function isAbsolute(path2) {
  return parsePath(path2).anchor !== "";
}

// src/report/emit-annotations.ts
function emitAnnotations(outcome, repoRoot = process.env.GITHUB_WORKSPACE || outcome.workingDirectory) {
  const failed = outcome.results.filter((r) => r.status === "failed" && !r.module.optional).sort((a, b) => a.module.source.localeCompare(b.module.source));
  const failures = failed.map((r) => ({ source: r.module.source, diagnostics: errorsOrReason(r) }));
  const generated = new Set(outcome.results.filter((r) => r.module.kind === "cython").map((r) => r.module.generated));
  const optional = outcome.results.filter((r) => r.status === "failed" && r.module.optional).map(optionalFailure);
  const warnings = [
    ...optional,
    ...outcome.results.flatMap((r) => r.diagnostics.filter((d) => d.severity === "warning" && !generated.has(d.file)))
  ];
  const ranked = rankAnnotations(failures, warnings);
  const paths = { workingDir: outcome.workingDirectory, repoRoot };
  for (const d of ranked.errors) {
    const a = annotationProperties(d, paths);
    error(a.message, a.properties);
  }
  for (const d of ranked.warnings) {
    const a = annotationProperties(d, paths);
    warning(a.message, a.properties);
  }
  return {
    errors: ranked.errors.length,
    warnings: ranked.warnings.length,
    omittedErrors: ranked.omittedErrors,
    omittedWarnings: ranked.omittedWarnings
  };
}
function errorsOrReason(r) {
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return errors;
  const tool = r.phase === "cython" ? "cython" : r.phase === "link" ? "linker" : "gcc";
  return [{ file: r.module.source, line: 1, severity: "error", message: `${r.module.name}: ${r.reason ?? "failed"}`, tool }];
}
function optionalFailure(r) {
  const first = errorsOrReason(r)[0];
  return {
    ...first,
    severity: "warning",
    message: `optional module ${r.module.name} failed (${r.reason ?? "failed"}), the build goes on without it: ${first.message}`
  };
}

// src/report/job-summary.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024;
var SUMMARY_BUDGET = 900 * 1024;
var LOG_LIMIT = 16 * 1024;
var MESSAGE_LIMIT = 500;
var NOTE_RESERVE = 300;
var bytes = (lines) => Buffer.byteLength(lines.join("\n")) + 1;
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function renderSummary(outcome, annotations) {
  const counts = countResults(outcome.results);
  const parts = [
    `## cython-fanout: ${counts.failed > 0 ? `${counts.failed} of ${counts.total} modules failed` : outcome.cancelled ? "cancelled" : `${counts.total} modules OK`}`,
    "",
    `| built | from cache | failed | cancelled | skipped | total | time |`,
    `|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${counts.built} | ${counts.cached} | ${counts.failed} | ${counts.cancelled} | ${counts.skipped} | ${counts.total} | ${formatDuration(outcome.durationMs)} |`,
    "",
    `**Parallelism:** ${escapeHtml(outcome.decision.explanation)}`,
    "",
    `**Time per phase** (summed over modules): ${phaseTimes(outcome.results)}`,
    "",
    `Python ${escapeHtml(outcome.toolchain.version)}, Cython ${escapeHtml(outcome.toolchain.cython.version ?? "?")}, ${escapeHtml(outcome.toolchain.compilerVersion)}`
  ];
  if (annotations && annotations.omittedErrors + annotations.omittedWarnings > 0) {
    parts.push(
      "",
      `GitHub shows 10 errors and 10 warnings per step: ${annotations.omittedErrors} more errors and ${annotations.omittedWarnings} more warnings are only in the report and the logs below.`
    );
  }
  const hints = fixHints(outcome.results);
  if (hints.length > 0) parts.push("", "### How to fix", "", ...hints.map((h) => `- ${escapeHtml(h)}`));
  const failed = outcome.results.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    const table = failureTable(failed, SUMMARY_BUDGET - bytes(parts));
    parts.push("", ...table, "");
    parts.push(...failureLogs(failed, SUMMARY_BUDGET - bytes(parts)));
  }
  return parts.join("\n") + "\n";
}
function phaseTimes(results) {
  const total = (phase) => results.reduce((sum, r) => sum + (r.durations[phase] ?? 0), 0);
  return ["cython", "compile", "link"].map((p) => `${p} ${formatDuration(total(p))}`).join(", ");
}
function failureTable(failed, budget) {
  const lines = ["### Failed modules", "", "| module | failure | time | first error at | message |", "|---|---|---:|---|---|"];
  let used = bytes(lines);
  for (const [i, r] of failed.entries()) {
    const row = failureRow(r);
    used += Buffer.byteLength(row) + 1;
    if (used > budget - NOTE_RESERVE) {
      lines.push("", `${failed.length - i} more failures in the report (left out to keep the summary under GitHub's 1 MiB limit)`);
      break;
    }
    lines.push(row);
  }
  return lines;
}
function failureRow(r) {
  const first = firstError(r.diagnostics);
  const where = first ? placeOf(first) : "";
  const full = first ? first.message : r.reason ?? "";
  const message = full.length > MESSAGE_LIMIT ? `${full.slice(0, MESSAGE_LIMIT)}...` : full;
  return `| \`${escapeHtml(r.module.source)}\` | ${escapeHtml(shortReason(r))} | ${formatDuration(r.durations.total)} | ${escapeHtml(where)} | ${escapeHtml(message).replace(/\|/g, "\\|").replace(/\n/g, " ")} |`;
}
function failureLogs(failed, budget) {
  const blocks = [];
  let used = 0;
  for (const [i, r] of failed.entries()) {
    const log = trimLog(r.output);
    const block = `<details><summary>${escapeHtml(r.module.source)}: ${escapeHtml(shortReason(r))}</summary>

<pre>${escapeHtml(log)}</pre>
</details>
`;
    used += Buffer.byteLength(block) + 1;
    if (used > budget - NOTE_RESERVE) {
      blocks.push(
        `(${failed.length - i} more failure logs left out to keep the summary under GitHub's 1 MiB limit: see the report and the step log)`
      );
      break;
    }
    blocks.push(block);
  }
  return blocks;
}
function trimLog(text) {
  if (text.length <= LOG_LIMIT) return text;
  return `${text.slice(0, LOG_LIMIT * 0.75)}
[... ${text.length - LOG_LIMIT} characters cut ...]
${text.slice(-LOG_LIMIT * 0.25)}`;
}
async function writeJobSummary(outcome, annotations) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await summary.addRaw(renderSummary(outcome, annotations)).write();
}

// src/action/action-log.ts
var actionLog = {
  info: (message) => info(runnerSafe(message)),
  warning: (message) => warning(message),
  group: (title, body) => {
    startGroup(title);
    if (body.trim()) info(runnerSafe(body.replace(/\n$/, "")));
    endGroup();
  }
};

// src/action/read-inputs.ts
import * as path from "node:path";
function readActionSettings(env = process.env) {
  const raw = {};
  for (const name of INPUT_NAMES) raw[name] = getInput(name);
  return parseSettings(raw, {
    baseDirectory: env.GITHUB_WORKSPACE || process.cwd(),
    cacheDir: actionCacheDir(env),
    pruneUnusedCacheEntries: true
  });
}
function actionCacheDir(env = process.env) {
  return path.join(env.RUNNER_TEMP || path.join(process.cwd(), ".cython-fanout"), "cython-fanout-cache");
}
function defaultReportPath(settings, env = process.env) {
  return settings.reportPath ?? path.join(env.RUNNER_TEMP || path.join(settings.workingDirectory, ".cython-fanout"), "cython-fanout-report.json");
}

// src/action/run-main.ts
async function run() {
  const cancellation = cancelOnSignals(() => warning("Cancelled: stopping every compiler and Cython process of this build"));
  try {
    const settings = readActionSettings();
    const result = await runEngine(settings, {
      log: actionLog,
      signal: cancellation.signal,
      registry: cancellation.registry,
      restoreStore: restoreFromGitHub(settings.cache.keyPrefix, settings.shard)
    });
    if (result.kind === "plan") {
      process.stdout.write(runnerSafeJson(JSON.stringify(result.plan, null, 2)) + "\n");
      setOutput("jobs", String(result.plan.jobs));
      return;
    }
    await publish(result.outcome, settings);
  } catch (err) {
    setFailed(errorText(err));
  } finally {
    cancellation.dispose();
  }
}
async function publish(outcome, settings) {
  const counts = countResults(outcome.results);
  recordBuilt(counts.built);
  if (!settings.cache.enabled) setOutput("cache-hit", "none");
  const reportPath = defaultReportPath(settings);
  const reportProblem = await writeReport(reportPath, outcome);
  if (reportProblem) warning(reportProblem);
  setOutput("jobs", String(outcome.decision.jobs));
  setOutput("built", String(counts.built));
  setOutput("cached", String(counts.cached));
  setOutput("failed", String(counts.failed));
  setOutput("report", reportProblem ? "" : reportPath);
  const annotations = emitAnnotations(outcome);
  await writeJobSummary(outcome, annotations).catch((err) => warning(`Could not write the job summary: ${errorText(err)}`));
  for (const hint of fixHints(outcome.results)) notice(hint, { title: "How to fix" });
  const line = failureLine(outcome.results);
  if (outcome.cancelled)
    setFailed(
      `Build cancelled: ${counts.built + counts.cached} of ${counts.total} modules were done; the rest are marked cancelled in the report`
    );
  else if (line) setFailed(line);
  else info(`${counts.built} built, ${counts.cached} from cache, 0 failed of ${counts.total} modules`);
}

// src/main.ts
void run().then(() => process.stdout.write("", () => process.exit()));
