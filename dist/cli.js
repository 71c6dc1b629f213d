#!/usr/bin/env node
import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);
import {
  cancelOnSignals,
  countResults,
  describeDiagnostic,
  failureLine,
  firstError,
  fixHints,
  parseSettings,
  probeToolchain,
  readHostFactsFile,
  runEngine,
  writeReport
} from "./chunks/chunk-UV5EDXY5.js";
import {
  DEFAULT_CACHE_KEY_PREFIX,
  DEFAULT_CACHE_MAX_SIZE,
  DEFAULT_MEMORY_PER_JOB_TEXT,
  DEFAULT_SOURCES,
  InputError,
  errorText,
  runnerSafe,
  runnerSafeJson
} from "./chunks/chunk-OCOPXFOH.js";

// src/cli/mute-workflow-commands.ts
function muteWorkflowCommands(stream = process.stdout) {
  const write = stream.write.bind(stream);
  stream.write = ((chunk, ...rest) => {
    if (typeof chunk === "string" && chunk.startsWith("::debug::")) return true;
    return write(chunk, ...rest);
  });
}

// src/cli/run-cli.ts
import * as os from "node:os";
import * as path from "node:path";

// src/cli/cli-args.ts
import { parseArgs } from "node:util";
var UsageError = class extends InputError {
  name = "UsageError";
};
var VALUE_OPTIONS = {
  "working-directory": { input: "working-directory", short: "C" },
  python: { input: "python" },
  jobs: { input: "jobs", short: "j" },
  "memory-per-job": { input: "memory-per-job" },
  "cython-args": { input: "cython-args" },
  "include-dirs": { input: "include-dirs", short: "I", multiple: true },
  define: { input: "define", short: "D", multiple: true },
  "compile-args": { input: "compile-args" },
  "link-args": { input: "link-args" },
  "output-dir": { input: "output-dir", short: "o" },
  "timeout-per-file": { input: "timeout-per-file" },
  "if-no-files-found": { input: "if-no-files-found" },
  "cache-dir": { input: "cache-dir" },
  "cache-key-prefix": { input: "cache-key-prefix" },
  "cache-max-size": { input: "cache-max-size" },
  report: { input: "report" },
  "setup-py": { input: "setup-py" },
  extensions: { input: "extensions" },
  optional: { input: "optional", multiple: true },
  shard: { input: "shard" },
  "compiler-launcher": { input: "compiler-launcher" }
};
var DASH_VALUE_OPTIONS = /* @__PURE__ */ new Set(["--cython-args", "--compile-args", "--link-args", "--define", "-D"]);
function attachDashValues(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    if (DASH_VALUE_OPTIONS.has(arg) && next !== void 0 && next.startsWith("-")) {
      out.push(`${arg === "-D" ? "--define" : arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
var FLAG_OPTIONS = { "fail-fast": "fail-fast", "dry-run": "dry-run" };
function parseCliArgs(argv) {
  const options = {
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "V" },
    verbose: { type: "boolean", short: "v" },
    "no-cache": { type: "boolean" },
    "show-toolchain": { type: "boolean" },
    "host-facts": { type: "string" }
  };
  for (const [name, o] of Object.entries(VALUE_OPTIONS)) {
    options[name] = { type: "string", multiple: Boolean(o.multiple), ...o.short ? { short: o.short } : {} };
  }
  for (const name of Object.keys(FLAG_OPTIONS)) options[name] = { type: "boolean" };
  let parsed;
  try {
    parsed = parseArgs({ args: attachDashValues(withFromSetupPy(argv)), options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${errorText(err).replace(/\s*\n\s*/g, " ")} (see cython-fanout --help)`);
  }
  const values = parsed.values;
  const raw = {};
  for (const [name, o] of Object.entries(VALUE_OPTIONS)) {
    const v = values[name];
    if (v !== void 0) raw[o.input] = Array.isArray(v) ? v.join("\n") : String(v);
  }
  for (const [name, input] of Object.entries(FLAG_OPTIONS)) if (values[name]) raw[input] = "true";
  if (values["no-cache"]) raw.cache = "false";
  if (parsed.positionals.length > 0) raw.sources = parsed.positionals.join("\n");
  return {
    raw,
    help: Boolean(values.help),
    version: Boolean(values.version),
    verbose: Boolean(values.verbose),
    showToolchain: Boolean(values["show-toolchain"]),
    hostFactsFile: values["host-facts"]
  };
}
function withFromSetupPy(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") return [...out, ...argv.slice(i)];
    if (arg.startsWith("--from-setup-py=")) out.push(`--setup-py=${arg.slice("--from-setup-py=".length)}`);
    else if (arg !== "--from-setup-py") out.push(arg);
    else if (/\.py$/.test(argv[i + 1] ?? "")) out.push(`--setup-py=${argv[++i]}`);
    else out.push("--setup-py=true");
  }
  return out;
}
var HELP = `Usage: cython-fanout [options] [SOURCES...]

Build every matched Cython module in parallel, in place (like cythonize -i), with a safe number of jobs,
a content-keyed cache, and a per-file failure report. SOURCES are globs relative to the working
directory; a leading ! excludes (default: ${DEFAULT_SOURCES}).

Options (each named like the GitHub Action input of the same name):
  -C, --working-directory DIR  directory to build in (default: current directory)
      --python PYTHON          interpreter to build for (default: python, then python3, from PATH)
  -j, --jobs N|auto            parallel jobs; auto = min(CPUs incl. cgroup quota, memory / memory-per-job,
                               modules, 61 on Windows) (default: auto)
      --memory-per-job SIZE    memory one compile may need, e.g. 1.5GiB, 800MiB (default: ${DEFAULT_MEMORY_PER_JOB_TEXT})
      --cython-args ARGS       extra Cython arguments, split like a shell would (never run by one)
  -I, --include-dirs DIR       include directory for Cython and the C compiler (repeatable)
  -D, --define NAME[=VALUE]    C macro (repeatable)
      --compile-args ARGS      extra C compiler arguments
      --link-args ARGS         extra linker arguments
  -o, --output-dir DIR         put generated C and built modules here, mirroring packages (default: in place)
      --from-setup-py [FILE]   build the extensions setup.py declares (default FILE: setup.py), with their
                               names, sources, languages and flags; SOURCES are then not used
      --extensions FILE        build the extensions a JSON file declares (for projects without setup.py)
      --optional NAME          a module whose failure is only a warning; * matches anything (repeatable)
      --fail-fast              stop starting modules after the first failure
      --timeout-per-file DUR   per-module time limit, e.g. 600, 90s, 10m (default: none)
      --if-no-files-found X    error, warn or ignore when SOURCES match nothing (default: error)
      --no-cache               build without reading or writing the compile cache
      --cache-dir DIR          compile cache directory (default: the user cache directory)
      --cache-key-prefix P     prefix of the cache key (for the action's cache; default: ${DEFAULT_CACHE_KEY_PREFIX})
      --cache-max-size SIZE    keep the cache under this size (default: ${DEFAULT_CACHE_MAX_SIZE})
      --report FILE            write the JSON report here (default: none); never replaces a file that is
                               not a cython-fanout report
      --shard I/N              build only part I of N, split by predicted time (same split in every job);
                               gather/N builds all, after the action merged the N shards' stores
      --compiler-launcher CMD  put CMD in front of every C/C++ compile: ccache, sccache, distcc or a path
      --dry-run                print the plan (modules, order, jobs and why) as JSON; build nothing
      --host-facts FILE        with --dry-run: plan for the runner described in FILE (JSON) instead of this one
      --show-toolchain         print what the chosen Python's setuptools would build with (JSON); build nothing
  -v, --verbose                print every module's output, not only failures'
  -h, --help                   show this help
  -V, --version                show the version

Exit status: 0 all modules built, 1 a module failed (or the build was cancelled), 2 bad usage.
`;

// src/cli/run-cli.ts
async function runCli(argv, face) {
  const io = face.underRunner ? shielded(face) : face;
  let request;
  let settings;
  try {
    request = parseCliArgs(argv);
    if (request.help) return io.stdout(HELP), 0;
    if (request.version) return io.stdout(`cython-fanout ${io.version}
`), 0;
    settings = parseSettings(request.raw, { baseDirectory: io.cwd, cacheDir: userCacheDir(), pruneUnusedCacheEntries: false });
    if (request.hostFactsFile && !settings.dryRun)
      throw new UsageError("--host-facts describes another runner, so it only works with --dry-run");
  } catch (err) {
    io.stderr(`cython-fanout: ${errorText(err)}
`);
    return 2;
  }
  const log = cliLog(io, request.verbose);
  const cancellation = cancelOnSignals(() => log.warning("Cancelling: stopping every compiler and Cython process of this build"));
  try {
    return await build(request, settings, io, log, cancellation);
  } catch (err) {
    io.stderr(`cython-fanout: ${errorText(err)}
`);
    return exitCodeOf(err);
  } finally {
    cancellation.dispose();
  }
}
async function build(request, settings, io, log, cancellation) {
  if (request.showToolchain)
    return io.stdout(JSON.stringify(await probeToolchain(settings.python, settings.workingDirectory), null, 2) + "\n"), 0;
  const hostFacts = request.hostFactsFile ? await readHostFactsFile(path.resolve(io.cwd, request.hostFactsFile)) : void 0;
  const result = await runEngine(settings, { log, signal: cancellation.signal, registry: cancellation.registry, hostFacts });
  if (result.kind === "plan") return io.stdout(JSON.stringify(result.plan, null, 2) + "\n"), 0;
  const reportProblem = settings.reportPath ? await writeReport(settings.reportPath, result.outcome) : null;
  if (reportProblem) log.warning(reportProblem);
  return printOutcome(result.outcome, io);
}
function printOutcome(outcome, io) {
  const counts = countResults(outcome.results);
  const cancelled = (counts.cancelled ? `, ${counts.cancelled} cancelled` : "") + (counts.skipped ? `, ${counts.skipped} skipped` : "");
  io.stderr(
    `
${counts.built} built, ${counts.cached} from cache, ${counts.failed} failed${cancelled} of ${counts.total} modules (${outcome.decision.jobs} ${outcome.decision.jobs === 1 ? "job" : "jobs"})
`
  );
  for (const r of outcome.results.filter((r2) => r2.status === "failed")) {
    const first = firstError(r.diagnostics);
    io.stderr(`  ${r.module.source}: ${first ? describeDiagnostic(first) : r.reason}
`);
  }
  for (const hint of fixHints(outcome.results)) io.stderr(`hint: ${hint}
`);
  const line = failureLine(outcome.results);
  if (line) io.stderr(`${line}
`);
  if (outcome.cancelled) io.stderr("Build cancelled.\n");
  return line || outcome.cancelled ? 1 : 0;
}
function cliLog(io, verbose) {
  return {
    info: (m) => io.stderr(`${m}
`),
    warning: (m) => io.stderr(`warning: ${m}
`),
    group: (title, body, failed) => io.stderr(`${title}
${(failed || verbose) && body.trim() ? body.replace(/\n?$/, "\n") : ""}`)
  };
}
function shielded(io) {
  return { ...io, stdout: (text) => io.stdout(runnerSafeJson(text)), stderr: (text) => io.stderr(runnerSafe(text)) };
}
function exitCodeOf(err) {
  return err instanceof InputError ? 2 : 1;
}
function userCacheDir(env = process.env, platform = process.platform, home = os.homedir()) {
  if (platform === "win32") return path.join(env.LOCALAPPDATA || path.join(home, "AppData", "Local"), "cython-fanout", "Cache");
  if (platform === "darwin") return path.join(home, "Library", "Caches", "cython-fanout");
  return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "cython-fanout");
}

// src/version.ts
var VERSION = "0.1.0";

// src/cli.ts
muteWorkflowCommands();
var code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  version: VERSION,
  underRunner: process.env.GITHUB_ACTIONS === "true"
});
process.exitCode = code;
