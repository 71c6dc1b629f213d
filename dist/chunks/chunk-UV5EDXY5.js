import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);
import {
  DEFAULT_CACHE_KEY_PREFIX,
  DEFAULT_CACHE_MAX_SIZE,
  DEFAULT_MEMORY_PER_JOB,
  DEFAULT_SOURCES,
  INPUT_DEFAULTS,
  InputError,
  ModuleStore,
  buildContextComposer,
  combinedFingerprint,
  create,
  errorText,
  getExecOutput,
  moduleFingerprint,
  replaceAtomically,
  sha256Hex,
  writeFileAtomically
} from "./chunk-OCOPXFOH.js";

// src/engine/build-outcome.ts
function countResults(results) {
  const count = (status) => results.filter((r) => r.status === status).length;
  return {
    total: results.length,
    built: count("built"),
    cached: count("cached"),
    failed: count("failed"),
    cancelled: count("cancelled"),
    skipped: count("skipped")
  };
}

// src/pool/process-tree.ts
import { spawn } from "node:child_process";
function killTree(child, signal = "SIGKILL") {
  if (child.pid === void 0 || child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === "win32") {
    spawn("taskkill", ["/pid", String(child.pid), "/T", "/F"], { stdio: "ignore", windowsHide: true }).on("error", () => {
    });
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
    }
  }
}
var ChildRegistry = class {
  live = /* @__PURE__ */ new Set();
  add(child) {
    this.live.add(child);
    child.once("exit", () => this.live.delete(child));
  }
  killAll() {
    for (const child of this.live) killTree(child);
  }
};

// src/engine/cancellation.ts
function cancelOnSignals(onCancel) {
  const controller = new AbortController();
  const registry = new ChildRegistry();
  const handler = () => {
    if (!controller.signal.aborted) onCancel();
    controller.abort();
    registry.killAll();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    registry,
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    }
  };
}

// src/diagnostics/parse-diagnostics.ts
var ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
function parseDiagnostics(output, options = {}) {
  if (typeof output !== "string") {
    throw new TypeError(`parseDiagnostics: output must be a string (captured stdout+stderr), got ${typeof output}`);
  }
  const lines = output.replace(ANSI, "").replace(/\r\n?/g, "\n").split("\n");
  const cur = { lines, index: 0, cTool: options.cCompiler ?? guessCCompiler(lines), pending: [] };
  const found = [];
  while (cur.index < lines.length) {
    const hit = firstMatch(cur);
    if (hit) found.push(hit);
    else {
      if (!isKeptWhilePending(lines[cur.index])) cur.pending = [];
      cur.index++;
    }
  }
  return deduplicate(dropRedundantSummaries(found));
}
function firstError(diags) {
  const errors = diags.filter((d) => d.severity === "error");
  return errors.find((d) => d.file !== "" && d.line !== void 0) ?? errors[0];
}
var MATCHERS = [
  cythonErrorBlock,
  cythonMessage,
  cythonBareLocation,
  pythonWarning,
  cythonCompileErrorException,
  includeChain,
  compilerLocated,
  msvcLocated,
  msvcToolLevel,
  ldLocated,
  ldTool,
  compilerDriver
];
function firstMatch(cur) {
  for (const matcher of MATCHERS) {
    const hit = matcher(cur);
    if (hit) return hit;
  }
  return null;
}
var CYTHON_LOCATION = /^(.+?):(\d+):(\d+): (.*)$/;
var DASHES = /^-{20,}$/;
function cythonErrorBlock(cur) {
  const { lines } = cur;
  if (lines[cur.index] !== "Error compiling Cython file:") return null;
  let i = cur.index + 1;
  if (!DASHES.test(lines[i] ?? "")) return null;
  const context = [];
  for (i++; i < lines.length && !DASHES.test(lines[i]); i++) context.push(lines[i]);
  i++;
  while (i < lines.length && lines[i].trim() === "") i++;
  const m = CYTHON_LOCATION.exec(lines[i] ?? "");
  if (!m) return null;
  cur.index = i + 1;
  return { diagnostic: cythonDiagnostic(m[1], m[2], m[3], "error", m[4], context) };
}
var CYTHON_PREFIXED = /^(warning|note|performance hint): (.+?):(\d+):(\d+): (.*)$/;
function cythonMessage(cur) {
  const m = CYTHON_PREFIXED.exec(cur.lines[cur.index]);
  if (!m) return null;
  const context = [];
  let i = cur.index + 1;
  for (; i < cur.lines.length && /^(\s+\S|Possible solutions:)/.test(cur.lines[i]); i++) context.push(cur.lines[i]);
  cur.index = i;
  const severity = m[1] === "warning" ? "warning" : "note";
  return { diagnostic: cythonDiagnostic(m[2], m[3], m[4], severity, m[5], context) };
}
function cythonBareLocation(cur) {
  const m = /^(.+?\.(?:pyx|pxd|pxi)):(\d+):(\d+): (.*)$/.exec(cur.lines[cur.index]);
  if (!m || /^(fatal error|error|warning|note): /.test(m[4])) return null;
  cur.index++;
  return { diagnostic: cythonDiagnostic(m[1], m[2], m[3], "error", m[4], []) };
}
function pythonWarning(cur) {
  const m = /^.+?:\d+: (\w*Warning): (.*) File: (.+)$/.exec(cur.lines[cur.index]);
  if (!m) return null;
  const next2 = cur.lines[cur.index + 1] ?? "";
  const context = /^\s+\S/.test(next2) ? [next2] : [];
  cur.index += 1 + context.length;
  return { diagnostic: { file: m[3], severity: "warning", message: m[2], tool: "cython", context } };
}
function cythonCompileErrorException(cur) {
  const m = /^Cython\.Compiler\.Errors\.CompileError: (.+)$/.exec(cur.lines[cur.index]);
  if (!m) return null;
  cur.index++;
  const loc = CYTHON_LOCATION.exec(m[1]);
  if (loc) return { diagnostic: cythonDiagnostic(loc[1], loc[2], loc[3], "error", loc[4], []) };
  return {
    diagnostic: { file: m[1], severity: "error", message: "Cython compilation failed", tool: "cython" },
    summary: true
  };
}
function cythonDiagnostic(file, line, column, severity, message, context) {
  const d = { file, line: Number(line), column: Number(column) + 1, severity, message, tool: "cython" };
  if (context.length > 0) d.context = context;
  return d;
}
function includeChain(cur) {
  const line = cur.lines[cur.index];
  if (!/^(In file included from |\s+from ).+:\d+[:,]$/.test(line)) return null;
  cur.pending.push(line);
  cur.index++;
  return skipTo(cur);
}
function skipTo(cur) {
  return cur.index < cur.lines.length ? firstMatch(cur) : null;
}
var COMPILER_LOCATED = /^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning|note): (.*)$/;
function compilerLocated(cur) {
  const m = COMPILER_LOCATED.exec(cur.lines[cur.index]);
  if (!m) return null;
  cur.index++;
  const d = {
    file: m[1],
    line: Number(m[2]),
    severity: severityOf(m[4]),
    message: m[5],
    tool: cur.cTool
  };
  if (m[3] !== void 0) d.column = Number(m[3]);
  return { diagnostic: withContext(d, [...takePending(cur), ...takeSourceContext(cur)]) };
}
var GCC_GUTTER = /^\s*\d*\s\|/;
var CARET = /^[\s~^]*[\^~][\s~^]*$/;
function takeSourceContext(cur) {
  const { lines } = cur;
  const context = [];
  for (; ; ) {
    const line = lines[cur.index];
    if (line === void 0) break;
    if (GCC_GUTTER.test(line)) {
      context.push(line);
      cur.index++;
    } else if (line.trim() !== "" && CARET.test(lines[cur.index + 1] ?? "") && !COMPILER_LOCATED.test(line)) {
      context.push(line, lines[cur.index + 1]);
      cur.index += 2;
    } else break;
  }
  return context;
}
function compilerDriver(cur) {
  const m = /^(?:.*[/\\])?([\w.+-]+?)(?:\.exe)?: (fatal error|error|warning): (.*)$/.exec(cur.lines[cur.index]);
  if (!m || !/(^|-)(gcc|g\+\+|cc1|cc1plus|cc|c\+\+|clang|clang\+\+|collect2)(-[\d.]+)?$/.test(m[1])) return null;
  cur.index++;
  const program = m[1];
  const message = m[3];
  const linkSummary = program === "collect2" || /^linker command failed/.test(message);
  const tool = linkSummary ? "linker" : /clang/.test(program) ? "clang" : "gcc";
  const diagnostic = { file: "", severity: severityOf(m[2]), message, tool, context: [cur.lines[cur.index - 1]] };
  return { diagnostic, summary: linkSummary };
}
var LINK_PROBLEM = /^(undefined reference to .*|multiple definition of .*|more undefined references to .*)$/;
function ldLocated(cur) {
  const line = cur.lines[cur.index];
  const withLine = /^(.+?):(\d+): (.*)$/.exec(line);
  const withSection = /^(.+?):\(([^)]*)\): (.*)$/.exec(line);
  const m = withLine ?? withSection;
  if (!m || !LINK_PROBLEM.test(m[3])) return null;
  cur.index++;
  const context = [...takePending(cur), line];
  const d = { file: "", severity: "error", message: m[3], tool: "linker", context };
  if (withLine) {
    d.file = withLine[1];
    d.line = Number(withLine[2]);
  }
  return { diagnostic: d };
}
var LD_PROGRAM = /^(?:.*[/\\])?((?:[\w-]+-)?ld(?:\.bfd|\.gold|\.lld|\.mold)?|ld64\.lld|lld|mold)(?:\.exe)?: (.*)$/;
function ldTool(cur) {
  const m = LD_PROGRAM.exec(cur.lines[cur.index]);
  if (!m) return null;
  const line = cur.lines[cur.index];
  cur.index++;
  if (/: in function [`'].*':$/.test(m[2]) || /: in function [`'].*'$/.test(m[2])) {
    cur.pending = [line];
    return skipTo(cur);
  }
  const level = /^(error|warning): (.*)$/.exec(m[2]);
  const d = {
    file: "",
    severity: level?.[1] === "warning" ? "warning" : "error",
    message: level ? level[2] : m[2],
    tool: "linker"
  };
  const context = [...takePending(cur), line];
  for (; /^>>> /.test(cur.lines[cur.index] ?? ""); cur.index++) context.push(cur.lines[cur.index]);
  const ref = context.map((c) => /^>>> referenced by (\S+):(\d+)(?: \((.+):(\d+)\))?$/.exec(c)).find((r) => r);
  if (ref) {
    d.file = ref[3] ?? ref[1];
    d.line = Number(ref[4] ?? ref[2]);
  }
  d.context = context;
  return { diagnostic: d };
}
var MSVC_LOCATED = /^(.+?)\((\d+)(?:,(\d+))?\) ?: (fatal error|error|warning|note)(?: ([A-Z]{1,4}\d{4,5}))? ?: (.*)$/;
function msvcLocated(cur) {
  const m = MSVC_LOCATED.exec(cur.lines[cur.index]);
  if (!m) return null;
  cur.index++;
  const code = m[5];
  const d = {
    file: m[1],
    line: Number(m[2]),
    severity: severityOf(m[4]),
    message: code ? `${code}: ${m[6]}` : m[6],
    tool: code?.startsWith("LNK") ? "linker" : "msvc"
  };
  if (m[3] !== void 0) d.column = Number(m[3]);
  return { diagnostic: d };
}
var MSVC_TOOL_LEVEL = /^(?:(LINK|link|cl|CL|LIB|lib)|(.+?\.(?:obj|lib|exp|dll|pyd|exe))) ?: (?:(fatal error|error|warning) ([A-Z]+\d+)|Command line (error|warning) ([A-Z]+\d+)) ?: (.*)$/;
function msvcToolLevel(cur) {
  const line = cur.lines[cur.index];
  const m = MSVC_TOOL_LEVEL.exec(line);
  if (!m) return null;
  cur.index++;
  const code = m[4] ?? m[6];
  const linker = code.startsWith("LNK") || /^(link|lib)$/i.test(m[1] ?? "") || m[2] !== void 0;
  const diagnostic = {
    file: "",
    severity: severityOf(m[3] ?? m[5]),
    message: `${code}: ${m[7]}`,
    tool: linker ? "linker" : "msvc",
    context: [line]
  };
  return { diagnostic, summary: code === "LNK1120" };
}
function severityOf(word) {
  if (word === "warning") return "warning";
  if (word === "note") return "note";
  return "error";
}
function takePending(cur) {
  const taken = cur.pending;
  cur.pending = [];
  return taken;
}
function withContext(d, context) {
  if (context.length > 0) d.context = context;
  return d;
}
function isKeptWhilePending(line) {
  return /^.+?: (In (member |static )?function|In constructor|In destructor|At top level|In instantiation of)/.test(line);
}
function guessCCompiler(lines) {
  const clang = lines.some(
    (l) => /^\d+ (warnings?|errors?)( and \d+ errors?)? generated\.$/.test(l) || /^(?:.*[/\\])?clang(\+\+)?(-[\d.]+)?(\.exe)?: /.test(l)
  );
  return clang ? "clang" : "gcc";
}
function dropRedundantSummaries(found) {
  const hasDetail = (tool) => found.some((f) => !f.summary && f.diagnostic.tool === tool && f.diagnostic.severity === "error");
  return found.filter((f) => !f.summary || !hasDetail(f.diagnostic.tool)).map((f) => f.diagnostic);
}
function diagnosticKey(d) {
  return [d.tool, d.file, d.line ?? "", d.column ?? "", d.severity, d.message].join("\0");
}
function deduplicate(diags) {
  const byKey = /* @__PURE__ */ new Map();
  for (const d of diags) {
    const seen = byKey.get(diagnosticKey(d));
    if (!seen) byKey.set(diagnosticKey(d), d);
    else if (!seen.context && d.context) byKey.set(diagnosticKey(d), { ...seen, context: d.context });
  }
  return [...byKey.values()];
}

// src/host/detect-facts.ts
import { execFile } from "node:child_process";
import { readdir, readFile as readFile2 } from "node:fs/promises";
import * as os from "node:os";

// src/files/optional-file.ts
import { readFile } from "node:fs/promises";
async function readOptionalText(file) {
  try {
    return await readFile(file, "utf8");
  } catch {
    return null;
  }
}

// src/settings/byte-size.ts
var MULTIPLIERS = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
var SIZE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgt])i?b?|b)?$/i;
function parseByteSize(text, inputName) {
  const match = SIZE.exec(text.trim());
  const bytes2 = match ? Math.floor(Number(match[1]) * MULTIPLIERS[(match[2] ?? "").toLowerCase()]) : NaN;
  const belowOneByte = bytes2 === 0 && Number(match?.[1]) > 0;
  if (!Number.isSafeInteger(bytes2) || belowOneByte) {
    throw new InputError(
      `Invalid ${inputName} "${text}": expected a size such as 2GiB, 1.5GiB, 800MiB or a number of bytes${belowOneByte ? " (this is less than one byte)" : ""}`
    );
  }
  return bytes2;
}
var UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
function formatBytes(n) {
  let value = n;
  let unit = 0;
  while (unit < UNITS.length - 1 && Math.abs(Number(value.toFixed(1))) >= 1024) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(Math.round(value)) : String(Number(value.toFixed(1)));
  return `${shown} ${UNITS[unit]}`;
}

// src/host/cgroup.ts
import * as path from "node:path";
var INTEGER = /^\d+$/;
function parseCpuMax(text) {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 2 || fields[0] === "max") return null;
  return quotaInCpus(fields[0], fields[1]);
}
function parseV1Quota(quota, period) {
  return quotaInCpus(quota.trim(), period.trim());
}
function quotaInCpus(quota, period) {
  if (!INTEGER.test(quota) || !INTEGER.test(period)) return null;
  const cpus2 = Number(quota) / Number(period);
  return cpus2 > 0 && Number.isFinite(cpus2) ? cpus2 : null;
}
function parseMemoryLimit(text) {
  const value = text.trim();
  if (!INTEGER.test(value)) return null;
  const bytes2 = Number(value);
  return bytes2 > 0 && bytes2 <= Number.MAX_SAFE_INTEGER ? bytes2 : null;
}
function parseProcSelfCgroup(text) {
  const paths = { v2: null, v1: /* @__PURE__ */ new Map() };
  for (const line of text.split("\n")) {
    const match = /^(\d+):([^:]*):(\/.*)$/.exec(line.trim());
    if (!match) continue;
    const [, id, controllers, cgroupPath] = match;
    if (id === "0" && controllers === "") paths.v2 = cgroupPath;
    for (const controller of controllers.split(",")) if (controller) paths.v1.set(controller, cgroupPath);
  }
  return paths;
}
async function readCgroupLimits(location = {}) {
  const root = location.cgroupRoot ?? "/sys/fs/cgroup";
  const paths = parseProcSelfCgroup(await readOptionalText(location.procSelfCgroup ?? "/proc/self/cgroup") ?? "");
  const v2Dirs = candidateDirs(root, paths.v2);
  const cpuDirs = v1Mounts(root, ["cpu", "cpu,cpuacct"]).flatMap((mount) => candidateDirs(mount, paths.v1.get("cpu") ?? null));
  const memoryDirs = candidateDirs(path.join(root, "memory"), paths.v1.get("memory") ?? null);
  const [v2Cpu, v1Cpu, v2Memory, v1Memory] = await Promise.all([
    readEach(v2Dirs, async (dir) => parseOptional(await readOptionalText(path.join(dir, "cpu.max")), parseCpuMax)),
    readEach(cpuDirs, readV1Quota),
    readEach(v2Dirs, async (dir) => parseOptional(await readOptionalText(path.join(dir, "memory.max")), parseMemoryLimit)),
    readEach(memoryDirs, async (dir) => parseOptional(await readOptionalText(path.join(dir, "memory.limit_in_bytes")), parseMemoryLimit))
  ]);
  return { cpuQuota: smallest([...v2Cpu, ...v1Cpu]), memoryLimit: smallest([...v2Memory, ...v1Memory]) };
}
function candidateDirs(mount, cgroupPath) {
  const dirs = [];
  const parts = (cgroupPath ?? "/").split("/").filter((part) => part && part !== "." && part !== "..");
  for (let depth = parts.length; depth > 0; depth--) dirs.push(path.join(mount, ...parts.slice(0, depth)));
  dirs.push(mount);
  return dirs;
}
function v1Mounts(root, names) {
  return names.map((name) => path.join(root, name));
}
async function readV1Quota(dir) {
  const [quota, period] = await Promise.all([
    readOptionalText(path.join(dir, "cpu.cfs_quota_us")),
    readOptionalText(path.join(dir, "cpu.cfs_period_us"))
  ]);
  return quota === null || period === null ? null : parseV1Quota(quota, period);
}
async function readEach(dirs, read) {
  return Promise.all(dirs.map(read));
}
function parseOptional(text, parse3) {
  return text === null ? null : parse3(text);
}
function smallest(values) {
  const found = values.filter((value) => value !== null);
  return found.length > 0 ? Math.min(...found) : null;
}

// src/host/detect-facts.ts
async function detectHostFacts(options = {}) {
  const overridden = options.cgroupRoot !== void 0 || options.procSelfCgroup !== void 0;
  const totalMemory = os.totalmem();
  const [cgroup, affinityCpus, availableMemory, openFileLimit, openFiles] = await Promise.all([
    readCgroupLimits(options),
    detectAffinityCpus(),
    detectAvailableMemory(totalMemory),
    detectOpenFileLimit(),
    countOpenFiles()
  ]);
  return {
    platform: process.platform,
    arch: process.arch,
    logicalCpus: os.cpus().length || affinityCpus,
    affinityCpus,
    cgroupCpuQuota: cgroup.cpuQuota,
    totalMemory,
    availableMemory,
    cgroupMemoryLimit: overridden ? cgroup.memoryLimit : smallestLimit(cgroup.memoryLimit, constrainedMemory(totalMemory)),
    openFileLimit,
    openFiles
  };
}
async function detectOpenFileLimit() {
  if (process.platform === "win32") return null;
  const limits = process.platform === "linux" ? await readOptionalText("/proc/self/limits") : null;
  const text = limits === null ? await runShell("ulimit -n") : /^Max open files\s+(\S+)/m.exec(limits)?.[1] ?? "";
  return parseOpenFileLimit(text);
}
function parseOpenFileLimit(text) {
  const value = Number(text.trim());
  return /^\d+$/.test(text.trim()) && value > 0 ? value : null;
}
async function countOpenFiles() {
  for (const dir of ["/proc/self/fd", "/dev/fd"]) {
    try {
      return (await readdir(dir)).length;
    } catch {
    }
  }
  return 0;
}
function runShell(command) {
  return new Promise((resolve10) => {
    execFile("/bin/sh", ["-c", command], { timeout: 5e3 }, (error, stdout) => resolve10(error ? "" : stdout));
  });
}
async function detectAffinityCpus() {
  const fallback = Math.max(1, os.availableParallelism());
  if (process.platform !== "linux") return fallback;
  const status = await readOptionalText("/proc/self/status");
  const list = status === null ? null : /^Cpus_allowed_list:\s*(\S+)/m.exec(status);
  return list && countCpuList(list[1]) || fallback;
}
function countCpuList(text) {
  let count = 0;
  for (const range of text.trim().split(",")) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!match) return null;
    const first = Number(match[1]);
    const last = match[2] === void 0 ? first : Number(match[2]);
    if (last < first) return null;
    count += last - first + 1;
  }
  return count > 0 ? count : null;
}
async function detectAvailableMemory(totalMemory) {
  const found = process.platform === "linux" ? parseMemAvailable(await readOptionalText("/proc/meminfo") ?? "") : process.platform === "darwin" ? parseVmStat(await runVmStat()) : null;
  return Math.min(found ?? os.freemem(), totalMemory);
}
function parseMemAvailable(meminfo) {
  const match = /^MemAvailable:\s*(\d+)\s*kB/m.exec(meminfo);
  return match ? Number(match[1]) * 1024 : null;
}
function parseVmStat(text) {
  const pageSize = /page size of (\d+) bytes/.exec(text);
  if (!pageSize) return null;
  const pages = ["Pages free", "Pages inactive", "Pages speculative"].map((label) => {
    const match = new RegExp(`^${label}:\\s*(\\d+)`, "m").exec(text);
    return match ? Number(match[1]) : null;
  });
  if (pages[0] === null) return null;
  return pages.reduce((sum, count) => sum + (count ?? 0), 0) * Number(pageSize[1]);
}
function runVmStat() {
  return new Promise((resolve10) => {
    execFile("vm_stat", { timeout: 5e3 }, (error, stdout) => resolve10(error ? "" : stdout));
  });
}
function constrainedMemory(totalMemory) {
  const value = typeof process.constrainedMemory === "function" ? process.constrainedMemory() : 0;
  return value > 0 && value < totalMemory ? value : null;
}
function smallestLimit(a, b) {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}
var PLATFORMS = ["linux", "win32", "darwin", "freebsd", "openbsd", "netbsd", "aix", "sunos", "android", "cygwin"];
var positiveInteger = (value) => Number.isInteger(value) && value >= 1 ? value : void 0;
var positiveOrNull = (value) => value === null ? null : typeof value === "number" && value > 0 ? value : void 0;
var bytes = (value) => {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : void 0;
  if (typeof value !== "string") return void 0;
  try {
    return parseByteSize(value, "size");
  } catch {
    return void 0;
  }
};
var FIELDS = {
  platform: { check: (v) => PLATFORMS.includes(v) ? v : void 0, accepted: `one of ${PLATFORMS.join(", ")}` },
  arch: { check: (v) => typeof v === "string" && v.trim() !== "" ? v : void 0, accepted: "a name such as x64 or arm64" },
  logicalCpus: { check: positiveInteger, accepted: "a whole number of 1 or more" },
  affinityCpus: { check: positiveInteger, accepted: "a whole number of 1 or more" },
  cgroupCpuQuota: { check: positiveOrNull, accepted: "a number of CPUs above 0 (may be fractional) or null" },
  totalMemory: { check: bytes, accepted: 'bytes (a number of 0 or more) or a size such as "16GiB"' },
  availableMemory: { check: bytes, accepted: 'bytes (a number of 0 or more) or a size such as "14GiB"' },
  cgroupMemoryLimit: {
    check: (v) => v === null ? null : bytes(v),
    accepted: 'bytes (a number of 0 or more), a size such as "4GiB", or null'
  },
  openFileLimit: { check: (v) => v === null ? null : positiveInteger(v), accepted: "a whole number of 1 or more (ulimit -n), or null" },
  openFiles: {
    check: (v) => Number.isInteger(v) && v >= 0 ? v : void 0,
    accepted: "a whole number of 0 or more"
  }
};
async function readHostFactsFile(file) {
  let text;
  try {
    text = await readFile2(file, "utf8");
  } catch (error) {
    throw new InputError(`Cannot read host facts file "${file}": ${error.code ?? String(error)}`);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Invalid host facts file "${file}": not JSON (${errorText(error).split("\n")[0]})`);
  }
  return validateHostFacts(json, file);
}
function validateHostFacts(json, file) {
  const fieldList = Object.keys(FIELDS).join(", ");
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InputError(`Invalid host facts file "${file}": expected a JSON object with some of the fields ${fieldList}`);
  }
  const facts = {};
  for (const [name, value] of Object.entries(json)) {
    const field = FIELDS[name];
    if (!field) throw new InputError(`Invalid host facts file "${file}": unknown field "${name}"; accepted fields are ${fieldList}`);
    const checked = field.check(value);
    if (checked === void 0) {
      throw new InputError(`Invalid host facts file "${file}": field "${name}" is ${JSON.stringify(value)}; expected ${field.accepted}`);
    }
    facts[name] = checked;
  }
  const partial = facts;
  if (partial.availableMemory !== void 0 && partial.totalMemory !== void 0 && partial.availableMemory > partial.totalMemory) {
    throw new InputError(`Invalid host facts file "${file}": field "availableMemory" is more than totalMemory; expected at most the total`);
  }
  return partial;
}
function mergeHostFacts(partial, detected) {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== void 0));
  const merged = { ...detected, ...defined };
  if (defined.logicalCpus !== void 0 && defined.affinityCpus === void 0) merged.affinityCpus = defined.logicalCpus;
  if (defined.totalMemory !== void 0 && defined.availableMemory === void 0) merged.availableMemory = defined.totalMemory;
  if (defined.platform !== void 0 && defined.platform !== detected.platform && !("openFileLimit" in defined)) merged.openFileLimit = null;
  return merged;
}

// src/toolchain/probe-toolchain.ts
import * as fs from "node:fs";
import * as os2 from "node:os";
import * as path2 from "node:path";

// src/toolchain/command-lines.ts
function cythonCommand(spec, flags, generatedOut) {
  return [
    ...flags.cythonArgs,
    ...spec.cythonArgs ?? [],
    ...spec.language === "c++" ? ["--cplus"] : [],
    ...[...flags.includeDirs, ...spec.cythonIncludeDirs ?? [], ...spec.directives.includeDirs, "."].flatMap((dir) => ["-I", dir]),
    "-o",
    asOperand(generatedOut),
    asOperand(spec.source)
  ];
}
function asOperand(file) {
  return file.startsWith("-") ? `./${file}` : file;
}
function compileSources(spec, generated) {
  return [generated, ...spec.directives.sources.filter((s) => !/\.(pyx|py)$/.test(s))];
}
function isCxxSource(source) {
  return /\.(cc|cpp|cxx)$/.test(source);
}
function compileCommands(spec, toolchain, flags, sources, objectFor) {
  const compiler = toolchain.compiler;
  if (compiler.type === "error") throw new Error(compiler.error);
  const undefs = (spec.directives.undefMacros ?? []).map((name) => [name]);
  const macros = [...flags.defines, ...spec.directives.defineMacros, ...undefs, ...platformMacros(toolchain)];
  const includes = [...spec.directives.includeDirs, ...flags.includeDirs, ...toolchain.buildExt.includeDirs];
  const extra = [...spec.directives.extraCompileArgs, ...flags.compileArgs];
  const launcher = flags.compilerLauncher ?? [];
  if (compiler.type === "unix") {
    const pp2 = preprocessorOptions(macros, includes);
    return sources.map((source) => {
      const object = objectFor(source);
      return { argv: [...launcher, ...unixCompile(compiler, toolchain, source, object, pp2, extra)], source, object };
    });
  }
  const pp = preprocessorOptions(macros, [...includes, ...compiler.includeDirs]);
  return sources.map((source, i) => {
    const object = objectFor(source);
    const cxxSeen = sources.slice(0, i + 1).some(isCxxSource);
    return { argv: [...launcher, ...msvcCompile(compiler, source, object, pp, extra, cxxSeen)], source, object };
  });
}
function platformMacros(toolchain) {
  return toolchain.freeThreaded && toolchain.compiler.type === "msvc" ? [["Py_GIL_DISABLED", "1"]] : [];
}
function preprocessorOptions(macros, includes) {
  return [
    ...macros.map((m) => m.length === 1 ? `-U${m[0]}` : m[1] === null ? `-D${m[0]}` : `-D${m[0]}=${m[1]}`),
    ...includes.map((d) => `-I${d}`)
  ];
}
function unixCompile(c, t, src, obj, pp, extra) {
  const ccArgs = [...pp, "-c"];
  const base = isCxxSource(src) ? c.compilerSoCxx : c.compilerSo;
  return [...darwinFixup(t, base, [...ccArgs, ...extra]), ...ccArgs, asOperand(src), "-o", obj, ...extra];
}
function msvcCompile(c, src, obj, pp, extra, cxxSeen) {
  const input = isCxxSource(src) ? `/Tp${src}` : `/Tc${src}`;
  return [c.cc, "/c", ...c.compileOptions, ...pp, ...cxxSeen ? ["/EHsc"] : [], input, `/Fo${obj}`, ...extra];
}
function darwinFixup(t, command, args) {
  if (t.platform !== "darwin") return command;
  const userArch = args.includes("-arch");
  const archflags = t.archflags ?? null;
  let out = userArch || archflags !== null ? withoutOption(command, (a) => a === "-arch", true) : command;
  if (archflags !== null && !userArch) out = [...out, ...archflags.split(/\s+/).filter(Boolean)];
  if (args.some((a) => a.startsWith("-isysroot"))) out = withoutOption(out, (a) => a.startsWith("-isysroot"), false);
  return out;
}
function withoutOption(command, matches, alwaysPaired) {
  const out = [];
  for (let i = 0; i < command.length; i++) {
    if (!matches(command[i])) out.push(command[i]);
    else if (alwaysPaired || command[i] === "-isysroot") i++;
  }
  return out;
}
function linksAsCxx(spec) {
  return spec.language === "c++" || compileSources(spec, spec.generated).some(isCxxSource);
}
function linkCommand(spec, toolchain, flags, objects, output) {
  const compiler = toolchain.compiler;
  if (compiler.type === "error") throw new Error(compiler.error);
  const libraryDirs = [...spec.directives.libraryDirs, ...toolchain.buildExt.libraryDirs];
  const libraries = [...spec.directives.libraries, ...toolchain.buildExt.libraries];
  const extra = [...spec.directives.extraLinkArgs, ...flags.linkArgs];
  objects = [...objects, ...spec.directives.extraObjects ?? []];
  if (compiler.type === "unix") {
    const rpath = [...toolchain.buildExt.rpath, ...spec.directives.runtimeLibraryDirs ?? []].map((d) => `-Wl,-rpath,${d}`);
    const ldArgs = [...objects, ...libraryDirs.map((d) => `-L${d}`), ...rpath, ...libraries.map((l) => `-l${l}`), "-o", output, ...extra];
    const base = linksAsCxx(spec) ? compiler.linkerSoCxx : compiler.linkerSo;
    return [...darwinFixup(toolchain, base, ldArgs), ...ldArgs];
  }
  return [
    compiler.linker,
    ...compiler.ldflagsShared,
    ...[...libraryDirs, ...compiler.libraryDirs].map((d) => `/LIBPATH:${d}`),
    ...libraries.map((l) => `${l}.lib`),
    `/EXPORT:${initFunction(spec.name)}`,
    ...objects,
    `/OUT:${output}`,
    `/IMPLIB:${importLibrary(objects[0], output)}`,
    ...extra
  ];
}
function initFunction(moduleName) {
  const parts = moduleName.split(".");
  const last = parts[parts.length - 1];
  return `PyInit_${last === "__init__" && parts.length >= 2 ? parts[parts.length - 2] : last}`;
}
function importLibrary(firstObject, output) {
  const stem = output.slice(lastSeparator(output) + 1).replace(/\.[^.]*$/, "");
  const cut = lastSeparator(firstObject);
  return cut < 0 ? `${stem}.lib` : `${firstObject.slice(0, cut + 1)}${stem}.lib`;
}
function lastSeparator(p) {
  return Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
}
function compilerEnvironment(toolchain, env) {
  const c = toolchain.compiler;
  const set = { ...toolchain.buildEnv ?? {}, ...c.type === "msvc" ? { PATH: c.path } : {} };
  const fold = (name) => toolchain.platform === "win32" ? name.toUpperCase() : name;
  const replaced = new Set(Object.keys(set).map(fold));
  const kept = Object.entries(env).filter(([name]) => !replaced.has(fold(name)));
  return { ...Object.fromEntries(kept), ...set };
}

// src/toolchain/query-script.ts
var TOOLCHAIN_QUERY = String.raw`
import json, os, platform, shutil, sys, sysconfig

def cython_facts():
    try:
        import Cython
        return {"version": Cython.__version__, "error": None}
    except Exception as e:
        return {"version": None, "error": "%s: %s" % (type(e).__name__, e)}

def distutils_modules():
    # Importing setuptools first makes "distutils" its own copy, as build_ext would see it.
    try:
        import setuptools  # noqa: F401
    except Exception:
        pass
    try:
        from distutils import ccompiler, sysconfig as dsc
        from distutils.command import build_ext
        from distutils.dist import Distribution
        return ccompiler, dsc, build_ext, Distribution, "setuptools" if "setuptools" in sys.modules else "distutils"
    except Exception:
        return None

def build_ext_facts(mods):
    ccompiler, dsc, build_ext, Distribution, source = mods
    cmd = build_ext.build_ext(Distribution({"name": "probe"}))
    cmd.finalize_options()
    try:
        # get_libraries() asks which compiler links: MSVC takes pythonXY.lib from pyconfig.h's pragma, not from here.
        cmd.compiler = ccompiler.new_compiler()
    except Exception:
        pass
    class Ext:
        libraries = []
        name = "probe"
    return {
        "includeDirs": list(cmd.include_dirs or []),
        "libraryDirs": list(cmd.library_dirs or []),
        "rpath": list(cmd.rpath or []),
        "libraries": list(cmd.get_libraries(Ext()) or []),
        "source": source,
    }

def recorded_linker(cc, target_lang):
    # link() may swap the program (C++ links with compiler_cxx) and applies macOS fixups: run it, record the argv.
    seen = []
    def record(cmd, *args, **kwargs):
        seen.append([str(c) for c in cmd])
    cc.spawn = record
    cc.call = record
    cc.mkpath = lambda *args, **kwargs: None
    cc._need_link = lambda *args: True
    cc.link_shared_object(["@obj@"], "@out@", target_lang=target_lang)
    argv = seen[-1]
    return argv[:argv.index("@obj@")]

def unix_compiler(mods):
    ccompiler, dsc = mods[0], mods[1]
    cc = ccompiler.new_compiler()
    dsc.customize_compiler(cc)
    cxx = list(getattr(cc, "compiler_cxx", None) or cc.compiler_so)
    facts = {
        "type": "unix",
        "compilerSo": list(cc.compiler_so),
        "compilerSoCxx": list(getattr(cc, "compiler_so_cxx", None) or cc.compiler_so),
        "linkerSo": list(cc.linker_so),
        "linkerSoCxx": list(getattr(cc, "linker_so_cxx", None) or [cxx[0]] + list(cc.linker_so[1:])),
        "objExtension": cc.obj_extension,
    }
    try:
        facts["linkerSo"] = recorded_linker(cc, "c")
        facts["linkerSoCxx"] = recorded_linker(cc, "c++")
    except Exception:
        pass  # Keep the attributes: what link() starts from.
    return facts

def class_and_instance(instance_dirs, class_dirs):
    # vcvars' INCLUDE/LIB: newer setuptools keep them on the class (added after the command's dirs), older on the instance.
    dirs = list(instance_dirs or [])
    return dirs + [d for d in (class_dirs or []) if d not in dirs]

def msvc_compiler(mods):
    ccompiler = mods[0]
    cc = ccompiler.new_compiler()
    cc.initialize()
    cls = type(cc)
    return {
        "type": "msvc",
        "cc": cc.cc,
        "linker": cc.linker,
        "compileOptions": list(cc.compile_options),
        "ldflagsShared": list(cc.ldflags_shared),
        "includeDirs": class_and_instance(cc.include_dirs, getattr(cls, "include_dirs", None)),
        "libraryDirs": class_and_instance(cc.library_dirs, getattr(cls, "library_dirs", None)),
        "path": getattr(cc, "_paths", None) or os.environ.get("PATH", ""),
        "objExtension": cc.obj_extension,
    }

def sysconfig_compiler():
    # Without setuptools (Python 3.12+ has no distutils): the same variables customize_compiler reads.
    if os.name == "nt":
        raise RuntimeError("setuptools is not installed: on Windows it is what finds MSVC (pip install setuptools)")
    v = dict(sysconfig.get_config_vars())
    if sys.platform == "darwin":
        import _osx_support
        _osx_support.customize_compiler(v)  # ARCHFLAGS, as distutils applies it
    cc, cxx = v.get("CC") or "cc", v.get("CXX") or "c++"
    cflags = " ".join(x for x in [v.get("CFLAGS"), v.get("CCSHARED")] if x)
    ldshared = (v.get("LDSHARED") or cc + " -shared").split()  # already holds the configured LDFLAGS
    return {
        "type": "unix",
        "compilerSo": (cc + " " + cflags).split(),
        "compilerSoCxx": (cxx + " " + cflags).split(),
        "linkerSo": ldshared,
        "linkerSoCxx": (v.get("LDCXXSHARED") or "").split() or cxx.split()[:1] + ldshared[1:],
        "objExtension": ".o",
    }

def compiler_facts(mods):
    try:
        if mods is None:
            return sysconfig_compiler()
        if os.name == "nt":
            return msvc_compiler(mods)
        return unix_compiler(mods)
    except Exception as e:
        return {"type": "error", "error": "%s: %s" % (type(e).__name__, e)}

def build_env():
    # setuptools runs every compile and link with the deployment target the interpreter was built for.
    if sys.platform != "darwin":
        return {}
    target = os.environ.get("MACOSX_DEPLOYMENT_TARGET") or sysconfig.get_config_var("MACOSX_DEPLOYMENT_TARGET")
    return {"MACOSX_DEPLOYMENT_TARGET": str(target)} if target else {}

paths = sysconfig.get_paths()
include = paths.get("include") or ""
mods = distutils_modules()
facts = {
    "executable": sys.executable,
    "version": platform.python_version(),
    "implementation": sys.implementation.name,
    "cacheTag": sys.implementation.cache_tag,
    "extSuffix": sysconfig.get_config_var("EXT_SUFFIX"),
    "soabi": sysconfig.get_config_var("SOABI"),
    "freeThreaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "platform": sys.platform,
    "machine": platform.machine(),
    "sysconfigPlatform": sysconfig.get_platform(),
    "pythonInclude": include,
    "pythonHeaderFound": os.path.exists(os.path.join(include, "Python.h")),
    "cython": cython_facts(),
    "buildExt": build_ext_facts(mods) if mods else {"includeDirs": [include] + ([paths["platinclude"]] if paths.get("platinclude") != include else []), "libraryDirs": [], "rpath": [], "libraries": [], "source": "sysconfig"},
    "compiler": compiler_facts(mods),
    "archflags": os.environ.get("ARCHFLAGS"),
    "buildEnv": build_env(),
    # Where Cython finds an installed package's .pxd (numpy's, scipy's): "" is the probe's own cwd, not an input.
    "sysPath": [os.path.abspath(p) for p in sys.path if p and os.path.isdir(p)],
}
print(json.dumps(facts))
`;

// src/toolchain/probe-toolchain.ts
var DEFAULT_PYTHONS = ["python", "python3"];
async function probeToolchain(python, cwd) {
  const candidates = python ? [python] : DEFAULT_PYTHONS;
  let toolchain;
  for (const candidate of candidates) {
    toolchain = await queryPython(candidate, cwd);
    if (toolchain) break;
  }
  if (!toolchain) {
    throw new Error(
      `Python not found: tried ${candidates.join(", ")} on PATH. Install Python (in a workflow: actions/setup-python) or name the interpreter with the python input (CLI: --python)`
    );
  }
  await checkCython(toolchain, candidates, cwd);
  checkHeaders(toolchain);
  const compilerVersion = await checkCompiler(toolchain, cwd);
  return { ...toolchain, compilerVersion };
}
async function queryPython(python, cwd) {
  let result;
  try {
    result = await withQueryScript((script) => getExecOutput(python, [script], { cwd, silent: true, ignoreReturnCode: true }));
  } catch (err) {
    const message = errorText(err);
    if (/Unable to locate executable file/i.test(message)) return void 0;
    if (/\b(EMFILE|ENFILE)\b/.test(message)) {
      throw new Error(`Could not start Python ${python}: too many open files (EMFILE); raise the open-file limit (ulimit -n)`, {
        cause: err
      });
    }
    throw new Error(`Could not start Python ${python}: ${message.replace(/\s*\n\s*/g, " ")}`, { cause: err });
  }
  if (result.exitCode !== 0) {
    throw new Error(`Python ${python} could not describe its build toolchain (exit ${result.exitCode}): ${lastLine(result.stderr)}`);
  }
  return JSON.parse(result.stdout.trim().split("\n").pop());
}
async function withQueryScript(use) {
  const dir = await fs.promises.mkdtemp(path2.join(os2.tmpdir(), "cython-fanout-query-"));
  try {
    const script = path2.join(dir, "toolchain_query.py");
    await fs.promises.writeFile(script, TOOLCHAIN_QUERY);
    return await use(script);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
async function checkCython(t, tried, cwd) {
  if (t.cython.version) return;
  const hint = await otherPythonWithCython(t.executable, tried, cwd);
  throw new Error(
    `Cython is not installed for ${t.executable} (Python ${t.version}): install it with "${t.executable} -m pip install cython"` + (hint ? `, or build for ${hint}, which has Cython (python input / --python ${hint})` : "")
  );
}
async function otherPythonWithCython(executable, tried, cwd) {
  const others = [.../* @__PURE__ */ new Set([...tried, ...DEFAULT_PYTHONS, "/usr/bin/python3"])];
  for (const other of others) {
    try {
      const r = await getExecOutput(other, ["-c", "import sys, Cython; print(sys.executable)"], {
        cwd,
        silent: true,
        ignoreReturnCode: true
      });
      const found = r.stdout.trim();
      if (r.exitCode === 0 && found && found !== executable) return found;
    } catch {
    }
  }
  return void 0;
}
function checkHeaders(t) {
  if (t.pythonHeaderFound) return;
  throw new Error(
    `Python headers not found for ${t.executable} (Python ${t.version}): Python.h is missing from ${t.pythonInclude}; install the development package (Debian/Ubuntu: apt-get install python3-dev; Fedora: dnf install python3-devel)`
  );
}
async function checkCompiler(t, cwd) {
  const c = t.compiler;
  if (c.type === "error") {
    const how = t.platform === "win32" ? "install the Microsoft C++ Build Tools (MSVC)" : "install a C compiler (Debian/Ubuntu: apt-get install gcc)";
    throw new Error(`C compiler not found for ${t.executable}: setuptools could not set one up (${c.error}); ${how}`);
  }
  const program = c.type === "unix" ? c.compilerSo[0] : c.cc;
  const args = c.type === "unix" ? ["--version"] : [];
  const env = c.type === "msvc" ? compilerEnvironment(t, process.env) : void 0;
  try {
    const r = await getExecOutput(program, args, { cwd, silent: true, ignoreReturnCode: true, env });
    return firstLine(r.stdout) || firstLine(r.stderr) || program;
  } catch {
    throw new Error(
      `C compiler not found: ${program} (from CC, or else ${t.executable}'s sysconfig) is not on PATH (${searchPath(env)}); install it (Debian/Ubuntu: apt-get install gcc; macOS: xcode-select --install) or set CC`
    );
  }
}
function searchPath(env) {
  const dirs = ((env ?? process.env).PATH ?? "").split(path2.delimiter).filter((d) => d && fs.existsSync(d));
  return `looked in ${dirs.slice(0, 6).join(path2.delimiter)}${dirs.length > 6 ? " ..." : ""}`;
}
function firstLine(text) {
  return text.trim().split(/\r?\n/)[0] ?? "";
}
function lastLine(text) {
  return text.trim().split(/\r?\n/).pop() ?? "";
}

// src/engine/run-engine.ts
import * as path23 from "node:path";

// src/cache/content-hash.ts
import * as fs2 from "node:fs";
import * as path3 from "node:path";
function hashFiles(files, hashes = new DiskSourceReader()) {
  return files.map((file) => {
    const sha256 = hashes.sha256(file.path);
    if (sha256 === void 0) throw new Error(`Cannot read dependency ${file.key} (${file.path}) to hash it`);
    return { key: file.key, sha256 };
  });
}
var DiskSourceReader = class {
  files = /* @__PURE__ */ new Map();
  listings = /* @__PURE__ */ new Map();
  realPaths = /* @__PURE__ */ new Map();
  /** macOS and Windows file systems usually ignore case: `Foo.h` finds `foo.h` there, as the compiler would. */
  foldCase = process.platform === "darwin" || process.platform === "win32";
  readFile(file) {
    return this.load(file)?.text;
  }
  sha256(file) {
    return this.load(file)?.sha256;
  }
  listDir(dir) {
    return this.listing(dir)?.names;
  }
  realPath(file) {
    if (!this.realPaths.has(file)) this.realPaths.set(file, this.listedRealPath(file) ?? nativeRealPath(file));
    return this.realPaths.get(file);
  }
  /** A file or dir that is no symlink, listed as named: its dir's real path plus its name, with no syscall. */
  listedRealPath(file) {
    const dir = path3.dirname(file);
    const name = path3.basename(file);
    if (dir === file || !this.listing(dir)?.plain.has(name)) return void 0;
    const realDir = this.realPath(dir);
    return realDir === void 0 ? void 0 : realDir.endsWith(path3.sep) ? realDir + name : realDir + path3.sep + name;
  }
  load(file) {
    let loaded = this.files.get(file);
    if (loaded === void 0) {
      loaded = this.listed(file) ? readLoaded(file) : null;
      this.files.set(file, loaded);
    }
    return loaded;
  }
  listed(file) {
    const listing = this.listing(path3.dirname(file));
    const base = path3.basename(file);
    return listing !== null && listing.lookup.has(this.foldCase ? base.toLowerCase() : base);
  }
  /** A dir's names; a dir its parent does not list is known absent without a failing syscall. */
  listing(dir) {
    let listing = this.listings.get(dir);
    if (listing === void 0) {
      const parent = path3.dirname(dir);
      listing = parent !== dir && !this.listed(dir) ? null : readListing(dir, this.foldCase);
      this.listings.set(dir, listing);
    }
    return listing;
  }
};
function readListing(dir, foldCase) {
  try {
    const entries = fs2.readdirSync(dir, { withFileTypes: true });
    const names = entries.map((entry) => entry.name);
    const plain = new Set(entries.filter((entry) => entry.isFile() || entry.isDirectory()).map((entry) => entry.name));
    return { names, lookup: new Set(foldCase ? names.map((name) => name.toLowerCase()) : names), plain };
  } catch {
    return null;
  }
}
function nativeRealPath(file) {
  try {
    return fs2.realpathSync.native(file);
  } catch {
    return void 0;
  }
}
function readLoaded(file) {
  try {
    const bytes2 = fs2.readFileSync(file);
    return { text: bytes2.toString("latin1"), sha256: sha256Hex(bytes2) };
  } catch {
    return null;
  }
}

// src/plan/schedule.ts
function scheduleLongestFirst(modules, recordedMs) {
  const costs = predictCosts(modules, recordedMs);
  let byName;
  const tie = (a, b) => (byName ??= new Intl.Collator()).compare(a, b);
  return [...modules].sort((a, b) => costs.get(b) - costs.get(a) || tie(a.name, b.name));
}
function predictCosts(modules, recordedMs) {
  const scale = msPerByte(modules, recordedMs);
  return new Map(modules.map((m) => [m, recordedMs[m.name] ?? m.size * scale * (m.language === "c++" ? 2 : 1)]));
}
function msPerByte(modules, recordedMs) {
  let ms = 0;
  let bytes2 = 0;
  for (const m of modules) {
    if (recordedMs[m.name] !== void 0 && m.size > 0) {
      ms += recordedMs[m.name];
      bytes2 += m.size;
    }
  }
  return bytes2 > 0 ? ms / bytes2 : 1;
}

// src/engine/execute-build.ts
import * as fs7 from "node:fs/promises";

// src/diagnostics/attach-diagnostics.ts
import * as fs3 from "node:fs";
import * as path4 from "node:path";

// src/diagnostics/bundled-includes.ts
var INCLUDES = /[\\/]Cython[\\/]Includes[\\/](.+)\.pxd$/;
function bundledPxdModule(file) {
  const m = INCLUDES.exec(file);
  return m ? m[1].split(/[\\/]/).join(".").replace(/\.__init__$/, "") : void 0;
}
function cimportLineOf(source, dotted) {
  const parts = dotted.split(".");
  const name = escape(dotted);
  const parent = escape(parts.slice(0, -1).join("."));
  const last = escape(parts[parts.length - 1]);
  const patterns = [
    new RegExp(`^\\s*(from\\s+${name}\\s+cimport\\b|cimport\\s+([\\w.]+\\s*,\\s*)*${name}\\b)`),
    ...parts.length > 1 ? [new RegExp(`^\\s*from\\s+${parent}\\s+cimport\\b.*\\b${last}\\b`)] : []
  ];
  const lines = source.split(/\r?\n/);
  for (const pattern of patterns) {
    const i = lines.findIndex((l) => pattern.test(l));
    if (i >= 0) return { line: i + 1, text: lines[i].trim() };
  }
  return void 0;
}
function bundledIncludeOrigins(moduleSource, language, sourceText, diagnostics, failed) {
  const out = [];
  const counts = /* @__PURE__ */ new Map();
  for (const d of diagnostics) {
    const dotted = d.severity === "error" ? bundledPxdModule(d.file) : void 0;
    if (dotted) counts.set(dotted, { file: d.file, errors: (counts.get(dotted)?.errors ?? 0) + 1 });
  }
  const cxx = language === "c" && failed ? firstLibcppCimport(sourceText) : void 0;
  if (cxx) {
    out.push(
      at(
        moduleSource,
        cxx.at,
        `${cxx.module} is C++, but this module is built as C: add "# distutils: language = c++" to it (or to a .pxd it cimports), or language="c++" to its Extension in setup.py`
      )
    );
  }
  for (const [dotted, { file, errors }] of counts) {
    const origin = cimportLineOf(sourceText, dotted);
    if (!origin || cxx && cxx.at.line === origin.line) continue;
    out.push(
      at(moduleSource, origin, `${errors} error${errors === 1 ? "" : "s"} in Cython's bundled ${file} come from this cimport of ${dotted}`)
    );
  }
  return out;
}
function firstLibcppCimport(source) {
  const lines = source.split(/\r?\n/);
  const i = lines.findIndex((l) => /^\s*(from\s+libcpp[\w.]*\s+cimport\b|cimport\s+libcpp\b)/.test(l));
  if (i < 0) return void 0;
  const module = /libcpp[\w.]*/.exec(lines[i])?.[0] ?? "libcpp";
  return { module, at: { line: i + 1, text: lines[i].trim() } };
}
function at(file, origin, message) {
  return { file, line: origin.line, severity: "error", message, tool: "cython", context: [origin.text] };
}
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// src/diagnostics/generated-source-map.ts
var MARKER = /^\s*\/\* "(.+)":(\d+)\r?$/;
var REGION_END = /^}/;
var CYTHON_HEADER = /^\/\* Generated by Cython /;
var C_SOURCE = /\.(c|cc|cpp|cxx)$/i;
function mapLine(lines, line) {
  if (!CYTHON_HEADER.test(lines[0] ?? "") || line > lines.length) return null;
  for (let i = line - 1; i >= 0; i--) {
    const m = MARKER.exec(lines[i]);
    if (m) return { file: m[1], line: Number(m[2]) };
    if (i < line - 1 && REGION_END.test(lines[i])) return null;
  }
  return null;
}
function mapDiagnostics(diags, readGenerated, options = {}) {
  const cache = /* @__PURE__ */ new Map();
  const linesOf = (file) => {
    if (!cache.has(file)) cache.set(file, readGenerated(file)?.split("\n") ?? null);
    return cache.get(file) ?? null;
  };
  return diags.map((d) => {
    if (d.tool === "cython" || d.line === void 0 || !C_SOURCE.test(d.file)) return d;
    const lines = linesOf(d.file);
    const place = lines ? mapLine(lines, d.line) : null;
    if (!place) return d;
    const generatedFrom = { file: d.file, line: d.line, ...d.column !== void 0 ? { column: d.column } : {} };
    const { column: _cColumn, ...rest } = d;
    const file = resolveMarkerPath(d.file, place.file, options.moduleSource);
    return { ...rest, file, line: place.line, generatedFrom };
  });
}
function resolveMarkerPath(generatedFile, markerPath, moduleSource) {
  const marker = markerPath.replace(/\\/g, "/");
  if (marker.startsWith("/") || /^[A-Za-z]:\//.test(marker)) return marker;
  const source = moduleSource?.replace(/\\/g, "/");
  if (source !== void 0 && (source === marker || source.endsWith(`/${marker}`))) return source;
  const cDir = dirname2(generatedFile.replace(/\\/g, "/"));
  const markerDir = dirname2(marker);
  if (markerDir === "") return cDir === "" ? marker : `${cDir}/${marker}`;
  if (cDir === markerDir) return marker;
  if (cDir.endsWith(`/${markerDir}`)) return `${cDir.slice(0, cDir.length - markerDir.length)}${marker}`;
  return marker;
}
function dirname2(path26) {
  const slash = path26.lastIndexOf("/");
  return slash < 0 ? "" : path26.slice(0, slash);
}

// src/diagnostics/attach-diagnostics.ts
function attachDiagnostics(result, workingDirectory) {
  if (result.output.trim() === "") return result;
  const readGenerated = (file) => {
    try {
      return fs3.readFileSync(path4.resolve(workingDirectory, file), "utf8");
    } catch {
      return void 0;
    }
  };
  const mapped = mapDiagnostics(parseDiagnostics(result.output), readGenerated, { moduleSource: result.module.source });
  const { module } = result;
  const source = module.kind === "cython" ? readGenerated(module.source) : void 0;
  const origins = source === void 0 ? [] : bundledIncludeOrigins(module.source, module.language ?? "c", source, mapped, result.status === "failed");
  return { ...result, diagnostics: [...origins, ...mapped] };
}

// src/pool/build-module.ts
import * as fs5 from "node:fs/promises";
import * as path6 from "node:path";

// src/pool/failure-reason.ts
var PHASE_WORDS = { cython: "cython", compile: "C compile", link: "link" };
var RESOURCE_CODES = /* @__PURE__ */ new Set(["EAGAIN", "EMFILE", "ENFILE", "ENOMEM"]);
function isResourceShortage(code) {
  return RESOURCE_CODES.has(code);
}
var SHORTAGE_OUTPUT = /\b(?:v?fork|posix_spawn|clone|pex_one)\b[^\n]*: (?:Resource temporarily unavailable|Cannot allocate memory)/;
function shortageInOutput(output) {
  const match = SHORTAGE_OUTPUT.exec(output);
  if (!match) return void 0;
  return match[0].endsWith("Cannot allocate memory") ? "ENOMEM" : "EAGAIN";
}
function describeFailure(phase, outcome, timeoutMs, searchPath2) {
  const where = PHASE_WORDS[phase];
  if (outcome.internalError) return `internal error in cython-fanout (${where}): ${outcome.internalError}; please report it`;
  if (outcome.timedOut) return `${where} exceeded timeout-per-file (${formatDuration(timeoutMs ?? 0)}) and was stopped`;
  if (outcome.startError) return startFailure(where, outcome.startError, searchPath2);
  if (outcome.signal) return `killed by ${outcome.signal}${signalHint(outcome.signal)}`;
  return `${where}, exit ${outcome.exitCode}`;
}
function startFailure(where, error, searchPath2) {
  const program = /spawn (\S+)/.exec(error.message)?.[1] ?? "the program";
  if (error.code === "ENOENT") return `${where}: could not start ${program}: not found (looked on PATH: ${searchPath2 ?? ""})`;
  if (error.code === "EACCES") return `${where}: could not start ${program}: permission denied`;
  return `${where}: could not start ${program}: ${error.code}`;
}
function signalHint(signal) {
  if (signal === "SIGKILL") return ": out of memory?";
  if (signal === "SIGSEGV" || signal === "SIGBUS") return ": the program crashed";
  return "";
}
function formatDuration(ms) {
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const minutes = Math.floor(ms / 6e4);
  return `${minutes} min ${Math.round(ms % 6e4 / 1e3)} s`;
}

// src/pool/move-into-place.ts
import * as fs4 from "node:fs/promises";
import * as path5 from "node:path";
async function moveIntoPlace(from, to) {
  await fs4.mkdir(path5.dirname(to), { recursive: true });
  try {
    await fs4.rename(from, to);
  } catch (err) {
    if (err.code !== "EXDEV") throw err;
    await replaceAtomically(to, (temp) => fs4.copyFile(from, temp));
    await fs4.rm(from, { force: true });
  }
}

// src/pool/run-process.ts
import { spawn as spawn2 } from "node:child_process";

// src/pool/output-capture.ts
var OutputCapture = class {
  constructor(limit = 256 * 1024) {
    this.limit = limit;
  }
  limit;
  head = "";
  tail = "";
  dropped = 0;
  append(text) {
    if (this.head.length < this.limit) {
      const room = this.limit - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
    }
    if (text === "") return;
    this.tail += text;
    if (this.tail.length > this.limit) {
      this.dropped += this.tail.length - this.limit;
      this.tail = this.tail.slice(-this.limit);
    }
  }
  text() {
    if (this.dropped === 0) return this.head + this.tail;
    return `${this.head}
[... ${this.dropped} characters of output omitted ...]
${this.tail}`;
  }
};

// src/pool/run-process.ts
function runProcess(argv, options) {
  const started = Date.now();
  const capture = new OutputCapture();
  return new Promise((resolve10) => {
    const child = spawn2(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32",
      windowsHide: true
    });
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve10({ exitCode: null, signal: null, output: capture.text(), durationMs: Date.now() - started, timedOut, cancelled, ...outcome });
    };
    const onAbort = () => {
      cancelled = true;
      killTree(child);
    };
    const remaining = options.deadline === void 0 ? void 0 : Math.max(0, options.deadline - Date.now());
    const timer = remaining === void 0 ? void 0 : setTimeout(() => (timedOut = true, killTree(child)), remaining);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (err) => finish({ startError: { code: err.code ?? "UNKNOWN", message: err.message } }));
    options.registry?.add(child);
    child.stdout?.setEncoding("utf8").on("data", (d) => capture.append(d));
    child.stderr?.setEncoding("utf8").on("data", (d) => capture.append(d));
    child.on("exit", (code, sig) => {
      child.once("close", () => finish({ exitCode: code, signal: sig }));
      setTimeout(() => finish({ exitCode: code, signal: sig }), 2e3).unref();
    });
  });
}

// src/pool/build-module.ts
async function buildModule(spec, cython, ctx, index) {
  const run = new ModuleRun(spec, ctx, path6.join(ctx.stagingRoot, `${index}-${spec.name}`));
  try {
    await fs5.mkdir(run.stage, { recursive: true });
    return await run.execute(cython);
  } finally {
    await fs5.rm(run.stage, { recursive: true, force: true }).catch(() => {
    });
  }
}
var ModuleRun = class {
  constructor(spec, ctx, stage) {
    this.spec = spec;
    this.ctx = ctx;
    this.stage = stage;
    this.deadline = ctx.timeoutPerFile === null ? void 0 : this.started + ctx.timeoutPerFile;
  }
  spec;
  ctx;
  stage;
  started = Date.now();
  deadline;
  durations = {};
  output = "";
  /** Every command this module ran, in order: `-v` shows them and the report keeps them. */
  commands = [];
  async execute(cython) {
    if (this.spec.kind === "cython") {
      const staged2 = path6.join(this.stage, path6.basename(this.spec.generated));
      const failed2 = await this.step(
        "cython",
        () => cython.run(this.ran(["cython"], cythonCommand(this.spec, this.ctx.flags, staged2)), this.options())
      ) ?? await this.install("cython", () => this.installGenerated());
      if (failed2) return failed2;
    }
    const objects = [];
    const objectExt = this.ctx.toolchain.compiler.type === "msvc" ? ".obj" : ".o";
    const steps = compileCommands(
      this.spec,
      this.ctx.toolchain,
      this.ctx.flags,
      compileSources(this.spec, this.spec.generated),
      (src) => path6.join(this.stage, `${objects.push(src)}-${path6.basename(src)}${objectExt}`)
    );
    for (const compile of steps) {
      const failed2 = await this.step("compile", () => runProcess(this.ran([], compile.argv), this.options()));
      if (failed2) return failed2;
    }
    const staged = path6.join(this.stage, path6.basename(this.spec.output));
    const link = linkCommand(
      this.spec,
      this.ctx.toolchain,
      this.ctx.flags,
      steps.map((s) => s.object),
      staged
    );
    const failed = await this.step("link", () => runProcess(this.ran([], link), this.options())) ?? await this.install("link", () => moveIntoPlace(staged, path6.join(this.ctx.workingDirectory, this.spec.output)));
    return failed ?? this.done({ status: "built" });
  }
  /** Records a command (shown as `$ ...` before its output; `prefix` names an in-process tool) and returns its argv. */
  ran(prefix, argv) {
    this.commands.push([...prefix, ...argv]);
    this.output += `$ ${[...prefix, ...argv].map(quoteArg).join(" ")}
`;
    return argv;
  }
  /** Cython's .c/.cpp and any public headers it wrote, moved beside where the user expects them. */
  async installGenerated() {
    const dest = path6.dirname(path6.join(this.ctx.workingDirectory, this.spec.generated));
    for (const name of await fs5.readdir(this.stage)) await moveIntoPlace(path6.join(this.stage, name), path6.join(dest, name));
  }
  /** Runs one step; returns the module's end when it failed, or undefined to go on. */
  async step(phase, runStep) {
    const outcome = await runStep();
    this.durations[phase] = (this.durations[phase] ?? 0) + outcome.durationMs;
    this.output += outcome.output;
    if (outcome.startError && isResourceShortage(outcome.startError.code)) return { kind: "retry", error: outcome.startError.code };
    if (outcome.exitCode === 0 && !outcome.timedOut && !outcome.cancelled) return void 0;
    const shortage = outcome.timedOut || outcome.cancelled ? void 0 : shortageInOutput(outcome.output);
    if (shortage) return { kind: "retry", error: `${shortage} (the ${phase} step could not start a process of its own)` };
    if (outcome.cancelled) return this.done({ status: "cancelled", phase });
    return this.done({
      status: "failed",
      phase,
      exitCode: outcome.exitCode,
      // The kill that ends a timed-out step is ours: the reason says timeout, not "killed by SIGKILL".
      signal: outcome.timedOut ? null : outcome.signal,
      reason: describeFailure(phase, outcome, this.ctx.timeoutPerFile, this.ctx.compilerEnv.PATH)
    });
  }
  install(phase, move) {
    return move().then(
      () => void 0,
      (err) => this.done({
        status: "failed",
        phase,
        exitCode: null,
        reason: `could not write its output: ${err.code ?? ""} ${err.message}`.trim()
      })
    );
  }
  done(fields) {
    const result = {
      module: this.spec,
      durations: { ...this.durations, total: Date.now() - this.started },
      output: this.output,
      commands: this.commands,
      diagnostics: [],
      ...fields
    };
    return { kind: "done", result };
  }
  options() {
    return {
      cwd: this.ctx.workingDirectory,
      deadline: this.deadline,
      signal: this.ctx.signal,
      registry: this.ctx.registry,
      env: this.ctx.compilerEnv
    };
  }
};
function quoteArg(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

// src/pool/cython-worker.ts
import { spawn as spawn3 } from "node:child_process";
import { createInterface } from "node:readline";

// src/pool/cython-worker-script.ts
var CYTHON_WORKER = String.raw`
import io, json, os, sys, traceback
channel = sys.stdout
real_stderr = sys.stderr
from Cython.Compiler.Main import main as cython_main

def run(request):
    buf = io.StringIO()
    sys.stdout = sys.stderr = buf
    sys.argv = ["cython"] + request["argv"]
    code = 0
    try:
        os.chdir(request["cwd"])
        cython_main(command_line=1)
    except SystemExit as e:
        if isinstance(e.code, int):
            code = e.code
        elif e.code is not None:
            buf.write(str(e.code) + "\n")
            code = 1
    except BaseException:
        traceback.print_exc(file=buf)
        code = 1
    finally:
        sys.stdout, sys.stderr = channel, real_stderr
    return {"id": request.get("id"), "exit": code, "output": buf.getvalue()}

channel.write(json.dumps({"ready": True}) + "\n")
channel.flush()
for line in sys.stdin:
    if line.strip():
        channel.write(json.dumps(run(json.loads(line))) + "\n")
        channel.flush()
`;

// src/pool/cython-worker.ts
var REQUESTS_PER_WORKER = 100;
var PIPE_GRACE_MS = 2e3;
var WorkerProcess = class {
  child;
  inFlight;
  /** Set once the process is gone or broken; it takes no further request. */
  ended = false;
  /** We ended it (recycle, timeout, cancel, close): its death is not blamed on the system. */
  stoppedByUs = false;
  exitFallback;
  served = 0;
  constructor(python, env, cwd, registry) {
    this.child = spawn3(python, ["-c", CYTHON_WORKER], {
      cwd,
      env: { ...env, PYTHONUNBUFFERED: "1", PYTHONIOENCODING: "utf-8" },
      stdio: "pipe",
      detached: process.platform !== "win32",
      windowsHide: true
    });
    this.child.on("error", (err) => this.gone({ startError: { code: err.code ?? "UNKNOWN", message: err.message } }));
    this.child.on("close", (code, sig) => this.gone({ exitCode: code, signal: sig }));
    this.child.on("exit", (code, sig) => {
      this.exitFallback = setTimeout(() => this.gone({ exitCode: code, signal: sig }), PIPE_GRACE_MS);
      this.exitFallback.unref();
    });
    registry?.add(this.child);
    this.child.stdin?.on("error", () => {
    });
    this.child.stderr?.setEncoding("utf8").on("data", (d) => this.inFlight && (this.inFlight.stray += d));
    if (this.child.stdout) createInterface({ input: this.child.stdout }).on("line", (line) => this.onLine(line));
  }
  /** Calls back once the process and its pipes are gone. */
  onceGone(callback) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) callback();
    else this.child.once("close", callback);
  }
  get usable() {
    return !this.ended;
  }
  get busy() {
    return this.inFlight !== void 0;
  }
  request(id, argv, options) {
    if (this.inFlight) throw new Error(`cython worker: request ${id} sent while request ${this.inFlight.id} is in flight`);
    this.served++;
    return new Promise((resolve10) => {
      const request = { id, resolve: resolve10, started: Date.now(), stray: "", timedOut: false, cancelled: false };
      const stop = (field) => {
        request[field] = true;
        this.kill();
      };
      const remaining = options.deadline === void 0 ? void 0 : Math.max(0, options.deadline - Date.now());
      const timer = remaining === void 0 ? void 0 : setTimeout(() => stop("timedOut"), remaining);
      const onAbort = () => stop("cancelled");
      request.resolve = (outcome) => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        resolve10(outcome);
      };
      this.inFlight = request;
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener("abort", onAbort, { once: true });
      if (!this.ended) this.child.stdin?.write(JSON.stringify({ id, argv, cwd: options.cwd }) + "\n");
      else this.settle({ exitCode: null, output: "cython worker: the process had already ended\n" });
    });
  }
  /** Asks an idle process to finish (end of input); it exits on its own, owning nothing. */
  retire() {
    this.ended = true;
    this.stoppedByUs = true;
    this.child.stdin?.end();
  }
  kill() {
    this.ended = true;
    this.stoppedByUs = true;
    this.child.stdin?.end();
    killTree(this.child);
  }
  onLine(line) {
    const answer = parseAnswer(line);
    if (!answer) {
      if (this.inFlight) this.inFlight.stray += line + "\n";
      return;
    }
    if (answer.ready === true) return;
    const request = this.inFlight;
    if (!request || answer.id !== request.id) return this.protocolError(answer.id, request?.id);
    const exit = typeof answer.exit === "number" ? answer.exit : 1;
    const output = typeof answer.output === "string" ? answer.output : "";
    this.settle({ exitCode: exit, output: output + request.stray });
  }
  /** An answer for no request, or for another one: never applied; the request in flight fails loudly. */
  protocolError(answered, expected) {
    const message = `cython worker protocol error: answer for request ${JSON.stringify(answered)} while ${expected === void 0 ? "none" : `request ${expected}`} was in flight`;
    this.kill();
    if (this.inFlight) this.settle({ exitCode: null, output: message + "\n", internalError: message });
  }
  gone(fields) {
    clearTimeout(this.exitFallback);
    this.ended = true;
    const request = this.inFlight;
    if (!request) return;
    const signal = this.stoppedByUs ? null : fields.signal ?? null;
    const exitCode = fields.exitCode ?? (fields.signal || fields.startError ? null : 1);
    const stopped = this.stoppedByUs && !request.timedOut && !request.cancelled;
    const internalError = stopped ? "cython worker was stopped by cython-fanout while a request was in flight" : void 0;
    this.settle({ ...fields, exitCode, signal, output: request.stray, internalError });
  }
  settle(fields) {
    const request = this.inFlight;
    if (!request) return;
    this.inFlight = void 0;
    request.resolve({
      exitCode: null,
      signal: null,
      output: "",
      durationMs: Date.now() - request.started,
      timedOut: request.timedOut,
      cancelled: request.cancelled,
      ...fields
    });
  }
};
function parseAnswer(line) {
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}
var CythonWorker = class {
  constructor(python, env, registry, requestsPerWorker = REQUESTS_PER_WORKER) {
    this.python = python;
    this.env = env;
    this.registry = registry;
    this.requestsPerWorker = requestsPerWorker;
  }
  python;
  env;
  registry;
  requestsPerWorker;
  current;
  retired = /* @__PURE__ */ new Set();
  nextId = 1;
  run(argv, options) {
    if (this.current?.busy) throw new Error("CythonWorker is busy: one request at a time per job slot");
    if (this.current && (!this.current.usable || this.current.served >= this.requestsPerWorker)) this.retire();
    this.current ??= new WorkerProcess(this.python, this.env, options.cwd, this.registry);
    return this.current.request(this.nextId++, argv, options);
  }
  /** Ends every process of this slot; called when the pool is done or lowers its limit. */
  close() {
    this.retire();
    for (const old of this.retired) old.kill();
    this.retired.clear();
  }
  retire() {
    const old = this.current;
    this.current = void 0;
    if (!old) return;
    old.retire();
    this.retired.add(old);
    old.onceGone(() => this.retired.delete(old));
  }
};

// src/pool/build-pool.ts
var MAX_START_TRIES = 5;
function runBuildPool(modules, ctx, options, hooks) {
  return new BuildPool(modules, ctx, options, hooks).run();
}
var BuildPool = class {
  constructor(modules, ctx, options, hooks) {
    this.modules = modules;
    this.ctx = ctx;
    this.options = options;
    this.hooks = hooks;
    this.queue = modules.map((spec, index) => ({ spec, index, tries: 0 }));
    this.limit = Math.max(1, options.jobs);
  }
  modules;
  ctx;
  options;
  hooks;
  queue;
  results = /* @__PURE__ */ new Map();
  idleWorkers = [];
  workers = /* @__PURE__ */ new Set();
  limit;
  active = 0;
  /** Modules sitting out a back-off before another try. */
  waiting = 0;
  stopping = false;
  saidLowered = false;
  resolveDone = () => {
  };
  async run() {
    await new Promise((resolve10) => {
      this.resolveDone = resolve10;
      this.ctx.signal.addEventListener("abort", () => this.pump(), { once: true });
      this.pump();
    });
    for (const worker of this.workers) worker.close();
    const status = this.ctx.signal.aborted ? "cancelled" : "skipped";
    return this.modules.map((spec) => this.results.get(spec) ?? notBuilt(spec, status));
  }
  /** Starts modules while there is room; ends the run when nothing is running or waiting. */
  pump() {
    while (!this.stopping && !this.ctx.signal.aborted && this.active < this.limit && this.queue.length > 0) {
      const item = this.queue.shift();
      this.active++;
      this.runOne(item).catch((err) => this.finish(internalFailure(item.spec, err))).finally(() => {
        this.active--;
        this.pump();
      });
    }
    if (this.active === 0 && (this.waiting === 0 || this.stopping || this.ctx.signal.aborted)) this.resolveDone();
  }
  async runOne(item) {
    const cached = await this.hooks.before?.(item.spec);
    if (cached) return this.finish(cached);
    const worker = this.idleWorkers.pop() ?? new CythonWorker(this.options.python, this.options.env, this.ctx.registry);
    this.workers.add(worker);
    try {
      const attempt = await (this.options.build ?? buildModule)(item.spec, worker, this.ctx, item.index);
      if (attempt.kind === "retry") return this.lower(item, attempt.error);
      await this.hooks.after?.(attempt.result);
      this.finish(attempt.result);
    } finally {
      if (this.idleWorkers.length + 1 > this.limit) worker.close();
      this.idleWorkers.push(worker);
    }
  }
  /** The OS refused a process for lack of resources: run fewer at once, and try this module again shortly. */
  lower(item, error) {
    item.tries++;
    if (item.tries >= MAX_START_TRIES) return this.finish(startRefused(item.spec, error, item.tries));
    this.limit = Math.max(1, Math.min(this.limit, this.active) - 1);
    for (const idle of this.idleWorkers) idle.close();
    if (!this.saidLowered) this.hooks.lowered(this.limit, error);
    this.saidLowered = true;
    this.waiting++;
    setTimeout(
      () => {
        this.waiting--;
        this.queue.unshift(item);
        this.pump();
      },
      (this.options.backoffMs ?? 250) * item.tries
    );
  }
  finish(result) {
    this.results.set(result.module, result);
    if (result.status === "failed" && !result.module.optional && this.options.failFast) this.stopping = true;
    this.hooks.finished(result, this.results.size, this.modules.length);
  }
};
function internalFailure(spec, err) {
  const message = errorText(err);
  return { module: spec, status: "failed", reason: message, durations: { total: 0 }, output: message + "\n", diagnostics: [] };
}
function startRefused(spec, error, tries) {
  const reason = `could not start a process: ${error} (the system is out of processes, files or memory), ${tries} tries`;
  return { module: spec, status: "failed", reason, durations: { total: 0 }, output: reason + "\n", diagnostics: [] };
}
function notBuilt(spec, status) {
  const reason = status === "cancelled" ? "cancelled before it started" : "not built: fail-fast stopped the build after a failure";
  return { module: spec, status, reason, durations: { total: 0 }, output: "", diagnostics: [] };
}

// src/engine/staging-dir.ts
import * as fs6 from "node:fs/promises";
import * as os3 from "node:os";
import * as path7 from "node:path";
var PREFIX = ".cython-fanout-tmp-";
var NAME = /^\.cython-fanout-tmp-(\d+)$/;
var MARKER2 = ".cython-fanout-staging";
async function makeStagingRoot(base) {
  const root = path7.join(base, `${PREFIX}${process.pid}`);
  try {
    await fs6.mkdir(root, { recursive: true });
    await fs6.writeFile(path7.join(root, MARKER2), JSON.stringify({ pid: process.pid, host: os3.hostname() }) + "\n");
  } catch (err) {
    const code = await trueErrorCode(root, err);
    throw new Error(
      `Cannot write to ${base} (${code}${accessHint(code)}): the output directory must be writable; set output-dir to a writable directory`,
      { cause: err }
    );
  }
  return root;
}
async function trueErrorCode(dir, err) {
  if (err.code !== "ENOENT") return err.code;
  let missing = dir;
  while (path7.dirname(missing) !== missing && !await exists(path7.dirname(missing))) missing = path7.dirname(missing);
  return fs6.mkdir(missing).then(
    () => err.code,
    (again) => again.code ?? err.code
  );
}
async function exists(p) {
  return fs6.lstat(p).then(
    () => true,
    () => false
  );
}
function accessHint(code) {
  if (code === "EROFS") return ": a read-only file system";
  if (code === "EACCES" || code === "EPERM") return ": permission denied";
  return "";
}
async function removeStaleStaging(base, isAlive = processAlive) {
  const entries = await fs6.readdir(base, { withFileTypes: true }).catch(() => []);
  const removed = [];
  for (const entry of entries) {
    const pid = NAME.exec(entry.name)?.[1];
    if (!entry.isDirectory() || pid === void 0 || Number(pid) === process.pid) continue;
    const dir = path7.join(base, entry.name);
    if (!await isStale(dir, Number(pid), isAlive)) continue;
    await fs6.rm(dir, { recursive: true, force: true }).then(
      () => removed.push(entry.name),
      () => void 0
    );
  }
  return removed;
}
async function isStale(dir, pid, isAlive) {
  const marker = await readMarker(path7.join(dir, MARKER2));
  return marker !== null && marker.pid === pid && marker.host === os3.hostname() && !isAlive(pid);
}
async function readMarker(file) {
  try {
    if (!(await fs6.lstat(file)).isFile()) return null;
    const m = JSON.parse(await fs6.readFile(file, "utf8"));
    return typeof m.pid === "number" && typeof m.host === "string" ? { pid: m.pid, host: m.host } : null;
  } catch {
    return null;
  }
}
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

// src/engine/execute-build.ts
async function executeBuild(plan, options) {
  const started = Date.now();
  const { settings, toolchain } = plan;
  const stagingBase = settings.outputDir ?? settings.workingDirectory;
  for (const name of await removeStaleStaging(stagingBase)) options.log.info(`Removed ${name}, left behind by a build that was killed`);
  const stagingRoot = await makeStagingRoot(stagingBase);
  const registry = options.registry ?? new ChildRegistry();
  const cache = options.cache;
  const compilerEnv = compilerEnvironment(toolchain, process.env);
  const diagnosed = /* @__PURE__ */ new Map();
  let results;
  try {
    const pooled = await runBuildPool(
      plan.modules,
      {
        workingDirectory: settings.workingDirectory,
        toolchain,
        flags: settings,
        stagingRoot,
        timeoutPerFile: settings.timeoutPerFile,
        signal: options.signal,
        registry,
        compilerEnv
      },
      { jobs: plan.decision.jobs, failFast: settings.failFast, python: toolchain.executable, env: process.env },
      {
        finished: (result, done, total) => {
          const withDiagnostics = attachDiagnostics(result, settings.workingDirectory);
          diagnosed.set(result.module, withDiagnostics);
          logResult(options.log, withDiagnostics, done, total);
        },
        lowered: (jobs, error) => options.log.warning(`The system refused to start a process (${error}): running ${jobs} job(s) at a time from now on`),
        before: cache && ((spec) => cache.lookup(spec)),
        after: cache && ((result) => cache.save(result))
      }
    );
    results = pooled.map((result) => diagnosed.get(result.module) ?? result);
  } finally {
    registry.killAll();
    await fs7.rm(stagingRoot, { recursive: true, force: true }).catch(() => {
    });
  }
  return {
    results,
    decision: plan.decision,
    facts: plan.facts,
    toolchain,
    workingDirectory: settings.workingDirectory,
    startedAt: new Date(started),
    durationMs: Date.now() - started,
    cancelled: options.signal.aborted,
    cache: options.cache?.summary() ?? { enabled: false, dir: "", cached: 0, corrupt: 0 }
  };
}
function logResult(log, result, done, total) {
  const width = String(total).length;
  const what = result.status === "failed" ? `FAILED (${result.reason})` : result.status === "cached" ? "from cache" : result.status;
  const time = result.status === "built" || result.status === "failed" ? ` in ${formatDuration(result.durations.total)}` : "";
  log.group(`[${String(done).padStart(width)}/${total}] ${result.module.name}  ${what}${time}`, result.output, result.status === "failed");
  if (result.status === "failed" && result.module.optional)
    log.warning(`Optional module ${result.module.name} failed (${result.reason}): the build goes on without it`);
}

// src/engine/open-module-cache.ts
import * as path14 from "node:path";

// src/cache/dependency-scan.ts
import * as path10 from "node:path";

// src/cache/dependency-keys.ts
import * as path9 from "node:path";

// src/files/posix-path.ts
import * as path8 from "node:path";
function toPosix(file) {
  return path8.sep === "/" ? file : file.split(path8.sep).join("/");
}

// src/cache/dependency-keys.ts
var NEEDS_NORMALIZING = /(^|[/\\])\.{0,2}([/\\]|$)/;
function dependencyKey(file, dirs) {
  const inside = file.startsWith(dirs.wd + path9.sep) ? file.slice(dirs.wd.length + 1) : void 0;
  if (inside !== void 0 && !NEEDS_NORMALIZING.test(inside)) return toPosix(inside);
  const bases = [
    ["", dirs.wd],
    ...dirs.includeDirs.map((dir, i) => [`<include:${i}>/`, dir]),
    ...dirs.moduleIncludeDirs.map((dir, i) => [`<module-include:${i}>/`, dir]),
    ...dirs.pythonPath.map((dir, i) => [`<python-path:${i}>/`, dir])
  ];
  let best;
  for (const [label, base] of bases) {
    const rel = path9.relative(base, file);
    if (path9.isAbsolute(rel)) continue;
    const ups = rel.split(path9.sep).filter((part) => part === "..").length;
    if (!best || ups < best.ups) best = { key: label + toPosix(rel), ups };
    if (ups === 0) break;
  }
  return best?.key ?? "<outside>/" + toPosix(file.slice(path9.parse(file).root.length));
}

// src/plan/leading-comments.ts
function leadingCommentLines(text) {
  const comments = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === "") continue;
    if (!line.startsWith("#")) break;
    comments.push(line.slice(1).trim());
  }
  return comments;
}

// src/cache/reference-lexer.ts
function scanReferences(text, kind) {
  if (kind === "h") return scanCIncludes(text);
  return [...scanDistutilsHeader(text), ...scanCython(text)];
}
var C_INCLUDE = /^[ \t]*#[ \t]*include[ \t]*([<"])([^>"\r\n]+)[>"]/gm;
function scanCIncludes(text) {
  const code = text.includes("/*") ? text.replace(/\/\*[\s\S]*?\*\//g, " ") : text;
  return [...code.matchAll(C_INCLUDE)].map((m) => ({ type: "c-include", header: m[2].trim(), angled: m[1] === "<" }));
}
function scanDistutilsHeader(text) {
  const refs = [];
  for (const comment of leadingCommentLines(text)) {
    const m = /^distutils:\s*(sources|depends)\s*=(.*)$/.exec(comment);
    if (m) for (const item of listItems(m[2])) refs.push({ type: "distutils", key: m[1], path: item });
  }
  return refs;
}
function listItems(value) {
  return value.replace(/^\s*\[|\]\s*$/g, "").split(/[\s,]+/).map((item) => item.replace(/^['"]|['"]$/g, "")).filter((item) => item !== "");
}
var STATEMENT = /^[ \t]*((?:cimport|from|import|include|(?:cdef[ \t]+)?extern)\b[^\n]*)/gm;
var MAYBE_STATEMENT = /(?:^|;)[ \t]*(?:cimport|from|import|include|(?:cdef[ \t]+)?extern)\b[^\n]*/gm;
var STRING = "[A-Za-z]{0,2}\\0(\\d+)\\0";
var CIMPORT = /^cimport\s+(.+)$/;
var FROM_CIMPORT = /^from\s+(\.*)\s*([A-Za-z_][\w.]*)?\s+cimport\b\s*(.*)$/;
var OPEN_BRACKET_CIMPORT = /^from\s.*\bcimport\s*\([^)]*$/;
var CIMPORTS_PACKAGE = /^from\s+cython\.cimports(?:\.([\w.]+))?\s+import\s+(.+)$/;
var IMPORT_CIMPORTS = /^import\s+cython\.cimports\.([\w.]+)/;
var INCLUDE = new RegExp(`^include\\s*${STRING}`);
var EXTERN = new RegExp(`^(?:cdef\\s+)?extern\\s+from\\s*${STRING}`);
function scanCython(text) {
  const limit = lexLimit(text);
  if (limit === void 0) return [];
  const { code, strings, tripleQuoted } = maskCython(text, limit);
  const refs = [];
  for (const m of code.matchAll(STATEMENT)) {
    let line = m[1].trim();
    if (OPEN_BRACKET_CIMPORT.test(line)) {
      const close = code.indexOf(")", m.index);
      line = code.slice(m.index, close < 0 ? code.length : close + 1).replace(/\s+/g, " ").trim();
    }
    refs.push(...statementReferences(line, strings));
  }
  for (const body of tripleQuoted) {
    if (body.includes("#") && body.includes("include")) {
      for (const ref of scanCIncludes(body)) if (ref.type === "c-include") refs.push({ type: "extern", header: ref.header });
    }
  }
  return refs;
}
function lexLimit(text) {
  if (/extern\s+from/.test(text) && /"""|'''/.test(text)) return statementStart(text, "first") === void 0 ? void 0 : text.length;
  const lastStart = statementStart(text, "last");
  if (lastStart === void 0) return void 0;
  MAYBE_STATEMENT.lastIndex = text.lastIndexOf("\n", lastStart) + 1;
  const last = MAYBE_STATEMENT.exec(text);
  let limit = last.index + last[0].length;
  while (limit < text.length && /\\\r?$/.test(text.slice(limit - 2, limit))) limit = lineEnd(text, limit + 1);
  if (/\([^)]*$/.test(text.slice(last.index, limit))) limit = text.indexOf(")", limit) + 1 || text.length;
  return limit;
}
var STATEMENT_WORD = /(?:cimport|from|import|include|extern)\b/g;
function statementStart(text, which) {
  let found;
  STATEMENT_WORD.lastIndex = 0;
  for (let m = STATEMENT_WORD.exec(text); m; m = STATEMENT_WORD.exec(text)) {
    if (!startsStatement(text, m.index, m[0])) continue;
    found = m.index;
    if (which === "first") break;
  }
  return found;
}
function startsStatement(text, at2, word) {
  const before = blanksBefore(text, at2);
  if (afterLineStartOrSemicolon(text, before)) return true;
  return word === "extern" && before < at2 && before >= 4 && text.startsWith("cdef", before - 4) && afterLineStartOrSemicolon(text, blanksBefore(text, before - 4));
}
function blanksBefore(text, at2) {
  let i = at2;
  while (i > 0 && (text[i - 1] === " " || text[i - 1] === "	")) i--;
  return i;
}
function afterLineStartOrSemicolon(text, at2) {
  if (at2 === 0) return true;
  const ch = text[at2 - 1];
  return ch === "\n" || ch === "\r" || ch === "\u2028" || ch === "\u2029" || ch === ";";
}
function lineEnd(text, from) {
  const newline = text.indexOf("\n", from);
  return newline < 0 ? text.length : newline;
}
function statementReferences(line, strings) {
  let m;
  if (m = CIMPORT.exec(line)) return importedNames(m[1]).map((module) => ({ type: "cimport", level: 0, module, names: [] }));
  if (m = FROM_CIMPORT.exec(line)) {
    return [{ type: "cimport", level: m[1].length, module: m[2] ?? "", names: importedNames(m[3]) }];
  }
  if (m = CIMPORTS_PACKAGE.exec(line)) {
    const names = importedNames(m[2]);
    if (m[1]) return [{ type: "cimport", level: 0, module: m[1], names }];
    return names.map((module) => ({ type: "cimport", level: 0, module, names: [] }));
  }
  if (m = IMPORT_CIMPORTS.exec(line)) return [{ type: "cimport", level: 0, module: m[1], names: [] }];
  if (m = INCLUDE.exec(line)) return [{ type: "include", path: strings[Number(m[1])] }];
  if (m = EXTERN.exec(line)) return [{ type: "extern", header: strings[Number(m[1])] }];
  return [];
}
function importedNames(list) {
  const names = [];
  for (const item of list.replace(/[()]/g, " ").split(",")) {
    const text = item.trim();
    const as = AS.exec(text);
    const name = (as ? text.slice(0, as.index) : text).trim();
    if (DOTTED_NAME.test(name)) names.push(name);
  }
  return names;
}
var AS = /\s+as\s+/;
var DOTTED_NAME = /^[A-Za-z_][\w.]*$/;
function maskCython(text, limit) {
  const out = { code: "", strings: [], tripleQuoted: [] };
  const parts = [];
  const special = /[#'"\\;]/g;
  let i = 0;
  for (let m = next(special, text, i); m >= 0 && m < limit; m = next(special, text, i)) {
    parts.push(text.slice(i, m));
    const ch = text[m];
    i = m + 1;
    if (ch === "#") {
      const end = text.indexOf("\n", m);
      i = end < 0 ? text.length : end;
    } else if (ch === '"' || ch === "'") {
      const { body, end, triple } = readString(text, m);
      out.strings.push(body);
      if (triple) out.tripleQuoted.push(body);
      parts.push(`\0${out.strings.length - 1}\0`);
      i = end;
    } else if (ch === ";") {
      parts.push("\n");
    } else if (text[i] === "\n" || text[i] === "\r" && text[i + 1] === "\n") {
      parts.push(" ");
      i += text[i] === "\n" ? 1 : 2;
    } else {
      parts.push(ch);
    }
  }
  parts.push(text.slice(i, Math.max(i, limit)));
  out.code = parts.join("");
  return out;
}
function next(pattern, text, from) {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? -1;
}
var STRING_STOPS = { "'": /[\\'\n]/g, '"': /[\\"\n]/g };
function readString(text, start) {
  const quote = text[start];
  if (text.startsWith(quote.repeat(3), start)) return readTripleQuoted(text, start);
  const stops = STRING_STOPS[quote];
  for (let at2 = next(stops, text, start + 1); at2 >= 0; at2 = next(stops, text, at2 + 2)) {
    if (text[at2] === "\\") continue;
    return { body: text.slice(start + 1, at2), end: text[at2] === "\n" ? at2 : at2 + 1, triple: false };
  }
  return { body: text.slice(start + 1), end: text.length, triple: false };
}
function readTripleQuoted(text, start) {
  const closing = text[start].repeat(3);
  let at2 = start + 3;
  let close = text.indexOf(closing, at2);
  for (let escape2 = text.indexOf("\\", at2); escape2 >= 0 && (close < 0 || escape2 < close); escape2 = text.indexOf("\\", at2)) {
    at2 = escape2 + 2;
    if (close >= 0 && close < at2) close = text.indexOf(closing, at2);
  }
  if (close < 0) return { body: text.slice(start + 3), end: text.length, triple: true };
  return { body: text.slice(start + 3, close), end: close + 3, triple: true };
}

// src/cache/dependency-scan.ts
var MAX_FILES_PER_MODULE = 2e4;
var MAX_PATH_LENGTH = 4096;
var DependencyResolver = class {
  constructor(opts, reader = new DiskSourceReader()) {
    this.reader = reader;
    this.dirs = resolvedOptions(opts);
  }
  reader;
  memo = new ScanMemo();
  dirs;
  /** Every file the module's build reaches, source included, sorted by key. */
  filesOf(spec) {
    return new ModuleScan(spec, this.dirs, this.reader, this.memo).run();
  }
  /** Sorted, de-duplicated keys of `filesOf`. */
  keysOf(spec) {
    return this.filesOf(spec).map((file) => file.key);
  }
};
var ScanMemo = class {
  references = /* @__PURE__ */ new Map();
  contextIds = /* @__PURE__ */ new Map();
  probes = /* @__PURE__ */ new Map();
  pxds = /* @__PURE__ */ new Map();
  /** Per dir: its entries, and its `.pxd` files by stem. */
  pxdIndex = /* @__PURE__ */ new Map();
  cimports = /* @__PURE__ */ new Map();
  edges = /* @__PURE__ */ new Map();
  /** Per base context id: path -> key (nested maps: no key string to build per lookup). */
  keys = /* @__PURE__ */ new Map();
  contextId(dirs) {
    return memoized(this.contextIds, dirs.join("\0"), () => this.contextIds.size);
  }
  referencesOf(reader, file, kind) {
    return memoized(this.references, `${kind}\0${file}`, () => {
      const text = reader.readFile(file);
      return text === void 0 ? null : scanReferences(text, kind);
    });
  }
};
function memoized(map, key, compute) {
  let value = map.get(key);
  if (value === void 0) map.set(key, value = compute());
  return value;
}
var ModuleScan = class {
  constructor(spec, resolved, fs16, memo) {
    this.spec = spec;
    this.fs = fs16;
    this.memo = memo;
    this.wd = resolved.wd;
    this.includeDirs = resolved.includeDirs;
    this.pythonPath = resolved.pythonPath;
    this.moduleIncludeDirs = [...spec.cythonIncludeDirs ?? [], ...spec.directives.includeDirs].map((dir) => path10.resolve(this.wd, dir));
    this.sourceDirs = unique([path10.dirname(this.abs(spec.source)), path10.dirname(this.abs(spec.generated))]);
    this.outputs = /* @__PURE__ */ new Set([this.abs(spec.output), ...spec.kind === "c" ? [] : [this.abs(spec.generated)]]);
    this.baseId = this.memo.contextId([this.wd, ...this.includeDirs, "", ...this.moduleIncludeDirs, "", ...this.pythonPath]);
    this.moduleId = this.memo.contextId([String(this.baseId), ...this.sourceDirs]);
  }
  spec;
  fs;
  memo;
  wd;
  includeDirs;
  pythonPath;
  moduleIncludeDirs;
  sourceDirs;
  found = /* @__PURE__ */ new Map();
  queue = [];
  /** This module's own outputs: never inputs, or building would change the fingerprint. */
  outputs;
  /** Ids of what resolution depends on besides the file: the dirs (`base`), plus the module's dirs for externs. */
  baseId;
  moduleId;
  run() {
    const source = this.abs(this.spec.source);
    if (this.fs.readFile(source) === void 0) {
      throw new Error(`Cannot read the source of module ${this.spec.name}: ${this.spec.source} (relative to ${this.wd})`);
    }
    for (const visit of this.startingPoints(source)) this.enqueue(visit);
    for (let visit = this.queue.pop(); visit; visit = this.queue.pop()) {
      for (const next2 of this.edgesFrom(visit)) this.enqueue(next2);
    }
    return [...this.found.values()].sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  }
  /** The source, its own `.pxd` (and the packages' `__init__.pxd`), and the C sources the directives list. */
  startingPoints(source) {
    const parts = this.spec.name.split(".");
    const pkg = parts.slice(0, -1);
    const root = stripDirs(path10.dirname(source), pkg.length) ?? path10.dirname(source);
    const sources = this.spec.directives.sources.flatMap((file) => this.existing("sources", path10.dirname(source), file)).map(plainVisit);
    if (this.spec.kind === "c") return [{ path: source, kind: "h", pkg, root }, ...sources];
    return [{ path: source, kind: "pyx", pkg, root }, ...this.findPxd(parts, root), ...sources];
  }
  /** What a file reaches directly; the same Visit object (a shared `.pxd`) resolves once per context. */
  edgesFrom(visit) {
    const kind = visit.kind;
    if (kind === null) return [];
    let byContext = this.memo.edges.get(visit);
    if (!byContext) this.memo.edges.set(visit, byContext = /* @__PURE__ */ new Map());
    return memoized(
      byContext,
      this.moduleId,
      () => (this.memo.referencesOf(this.fs, visit.path, kind) ?? []).flatMap((ref) => this.resolve(ref, visit))
    );
  }
  enqueue(visit) {
    if (visit.path.length > MAX_PATH_LENGTH || this.outputs.has(visit.path)) return;
    const identity = this.fs.realPath?.(visit.path) ?? visit.path;
    if (this.found.has(identity)) return;
    if (this.found.size >= MAX_FILES_PER_MODULE) {
      throw new Error(
        `Dependency scan of module ${this.spec.name} reached ${MAX_FILES_PER_MODULE} files: is there a symlink loop under ${this.wd}?`
      );
    }
    this.found.set(identity, { key: this.keyFor(visit.path), path: visit.path });
    this.queue.push(visit);
  }
  resolve(ref, from) {
    if (ref.type === "cimport") return this.resolveCimport(ref, from);
    const here = path10.dirname(from.path);
    switch (ref.type) {
      case "include":
        return this.existing("include", here, ref.path).map((file) => ({ ...from, path: file, kind: "pxi" }));
      case "extern":
        if (ref.header === "*" || ref.header.startsWith("<")) return [];
        return this.existing("extern", here, ref.header).map(plainVisit);
      case "c-include":
        return this.existing(ref.angled ? "c-angled" : "c-quoted", here, ref.header).map(plainVisit);
      case "distutils":
        return this.existing("include", here, ref.path).map(plainVisit);
    }
  }
  /**
   * Every `.pxd` Cython could pick, not just the first: 0.29 tries the module's own package first (implicit
   * relative), 3.x does not, so keying on both never misses a change (an extra file only costs a rebuild).
   */
  resolveCimport(ref, from) {
    const key = `${this.baseId}\0${from.root}\0${from.pkg.join(".")}\0${ref.level}\0${ref.module}\0${ref.names.join(",")}`;
    return memoized(this.memo.cimports, key, () => this.cimportTargets(ref, from));
  }
  cimportTargets(ref, from) {
    const module = ref.module === "" ? [] : ref.module.split(".");
    let qualified;
    if (ref.level > 0) {
      const up = ref.level - 1;
      if (up > from.pkg.length) return [];
      qualified = [[...from.pkg.slice(0, from.pkg.length - up), ...module]];
    } else {
      qualified = from.pkg.length > 0 ? [module, [...from.pkg, ...module]] : [module];
    }
    const names = ref.names.map((name) => name.split("."));
    const targets = qualified.flatMap((q) => [q, ...names.map((name) => [...q, ...name])]).filter((q) => q.length > 0);
    return targets.flatMap((q) => this.findPxd(q, from.root));
  }
  /** `a/b.pxd`, `a/b/__init__.pxd`, Cython's flat `a.b.pxd`, and `a/__init__.pxd` of the packages on the way. */
  findPxd(qualified, root) {
    const key = `${this.baseId}\0${root}\0${qualified.join(".")}`;
    return memoized(
      this.memo.pxds,
      key,
      () => this.probePxd(qualified, unique([root, this.wd, ...this.allIncludeDirs(), ...this.pythonPath]))
    );
  }
  probePxd(qualified, dirs) {
    const last = qualified.length - 1;
    const pkg = qualified.slice(0, -1);
    const visits = [];
    const probe = (root, parts, stem, filePkg) => {
      const dir = parts.length === 0 ? root : root + path10.sep + parts.join(path10.sep);
      for (const file of this.pxdFiles(dir, stem)) visits.push({ path: file, kind: "pxd", pkg: filePkg, root });
    };
    for (const root of dirs) {
      if (!this.mayHold(root, qualified)) continue;
      probe(root, [], qualified.join("."), pkg);
      probe(root, qualified, "__init__", qualified);
      if (last > 0) probe(root, pkg, qualified[last], pkg);
      for (let depth = 1; depth <= last; depth++) probe(root, qualified.slice(0, depth), "__init__", qualified.slice(0, depth));
    }
    return visits;
  }
  /** `stem.pxd`, and Cython 3's versioned `stem.cython-30.pxd` (it takes the highest not above its own version). */
  /**
   * Whether `root` can hold a `.pxd` for `a.b.c` at all: an entry `a` (dir) or a flat `a.b.c[.cython-N].pxd`. Saves
   * the probes of every variant in dirs that cannot match, such as each sys.path dir for each module's own `.pxd`.
   * Compared without case, as a case-insensitive file system would match (a false "maybe" only costs the probes).
   */
  mayHold(root, qualified) {
    const index = this.dirIndex(root);
    return index === void 0 || index.folded.has(qualified[0].toLowerCase()) || index.foldedStems.has(qualified.join(".").toLowerCase());
  }
  /** The listing of `dir` (memoized per build), or undefined when the reader cannot list dirs. */
  dirIndex(dir) {
    if (!this.fs.listDir) return void 0;
    let index = this.memo.pxdIndex.get(dir);
    if (!index) this.memo.pxdIndex.set(dir, index = pxdIndex(this.fs.listDir(dir)));
    return index;
  }
  pxdFiles(dir, stem) {
    let names;
    const index = this.dirIndex(dir);
    if (index) {
      names = index.pxds.get(stem) ?? [];
    } else {
      names = [`${stem}.pxd`, `${stem}.cython-30.pxd`];
    }
    const files = [];
    for (const name of names) {
      const file = joinName(dir, name);
      if (this.fs.readFile(file) !== void 0) files.push(file);
    }
    return files;
  }
  /** Where a named file may be, in search order; every existing candidate counts (see resolveCimport). */
  searchDirs(list, here) {
    switch (list) {
      case "include":
        return [here, this.wd, ...this.allIncludeDirs()];
      case "extern":
        return [here, ...this.sourceDirs, ...this.allIncludeDirs()];
      case "c-quoted":
        return [here, ...this.allIncludeDirs()];
      case "c-angled":
        return this.allIncludeDirs();
      case "sources":
        return [this.wd, here];
    }
  }
  allIncludeDirs() {
    return [...this.includeDirs, ...this.moduleIncludeDirs];
  }
  existing(list, here, name) {
    const key = `${list}\0${list === "extern" ? this.moduleId : this.baseId}\0${here}\0${name}`;
    return memoized(this.memo.probes, key, () => this.probe(this.searchDirs(list, here), name));
  }
  probe(dirs, name) {
    if (name === "") return [];
    if (path10.isAbsolute(name)) return this.fs.readFile(name) === void 0 ? [] : [path10.normalize(name)];
    return unique(dirs.map((dir) => path10.join(dir, name))).filter((file) => this.fs.readFile(file) !== void 0);
  }
  abs(relative8) {
    return joinUnder(this.wd, relative8);
  }
  /** Stable across checkouts and machines: relative to the working dir, else to the include dir it lies under. */
  keyFor(file) {
    const keys = memoized(this.memo.keys, this.baseId, () => /* @__PURE__ */ new Map());
    return memoized(keys, file, () => dependencyKey(file, this));
  }
};
var PXD_NAME = /^(.+?)(?:\.cython-\d+)?\.pxd$/;
function pxdIndex(names) {
  const pxds = /* @__PURE__ */ new Map();
  for (const name of names ?? []) {
    const m = PXD_NAME.exec(name);
    if (m) pxds.set(m[1], [...pxds.get(m[1]) ?? [], name]);
  }
  const folded = new Set((names ?? []).map((name) => name.toLowerCase()));
  return { pxds, folded, foldedStems: new Set([...pxds.keys()].map((stem) => stem.toLowerCase())) };
}
function resolvedOptions(opts) {
  const wd = path10.resolve(opts.workingDirectory);
  const pythonPath = (opts.pythonPath ?? []).map((dir) => path10.resolve(wd, dir));
  return { wd, includeDirs: opts.includeDirs.map((dir) => path10.resolve(wd, dir)), pythonPath };
}
function joinUnder(base, relative8) {
  if (path10.isAbsolute(relative8) || NEEDS_NORMALIZING.test(relative8)) return path10.resolve(base, relative8);
  return joinName(base, path10.sep === "/" ? relative8 : relative8.replaceAll("/", path10.sep));
}
function joinName(dir, name) {
  return dir.endsWith(path10.sep) ? dir + name : dir + path10.sep + name;
}
function plainVisit(file) {
  return { path: file, kind: kindOf(file), pkg: [], root: "" };
}
function kindOf(file) {
  const ext = path10.extname(file).toLowerCase();
  if (ext === ".pxd") return "pxd";
  if (ext === ".pxi" || ext === ".pyx") return "pxi";
  if ([".h", ".hh", ".hpp", ".hxx", ".c", ".cc", ".cpp", ".cxx", ".inc", ".inl", ""].includes(ext)) return "h";
  return null;
}
function stripDirs(dir, count) {
  let result = dir;
  for (let i = 0; i < count; i++) {
    const parent = path10.dirname(result);
    if (parent === result) return void 0;
    result = parent;
  }
  return result;
}
function unique(items) {
  return [...new Set(items)];
}

// src/cache/environment-inputs.ts
import * as path11 from "node:path";
var COMMON = [
  // gcc and clang: header and library search, and where the driver finds its own programs.
  "CPATH",
  "C_INCLUDE_PATH",
  "CPLUS_INCLUDE_PATH",
  "OBJC_INCLUDE_PATH",
  "OBJCPLUS_INCLUDE_PATH",
  "LIBRARY_PATH",
  "GCC_EXEC_PREFIX",
  "COMPILER_PATH",
  // What setuptools' customize_compiler reads.
  "CC",
  "CXX",
  "CPP",
  "CFLAGS",
  "CXXFLAGS",
  "CPPFLAGS",
  "LDFLAGS",
  "LDSHARED",
  "LDCXXSHARED",
  "AR",
  "ARFLAGS",
  "ARCHFLAGS"
];
var DARWIN = ["SDKROOT", "MACOSX_DEPLOYMENT_TARGET", "DEVELOPER_DIR"];
var MSVC = ["INCLUDE", "LIB", "LIBPATH", "CL", "_CL_", "LINK", "_LINK_"];
var PATH_LISTS = /* @__PURE__ */ new Set([
  "CPATH",
  "C_INCLUDE_PATH",
  "CPLUS_INCLUDE_PATH",
  "OBJC_INCLUDE_PATH",
  "OBJCPLUS_INCLUDE_PATH",
  "LIBRARY_PATH",
  "COMPILER_PATH",
  "INCLUDE",
  "LIB",
  "LIBPATH"
]);
var HEADER_LISTS = ["CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH", "OBJCPLUS_INCLUDE_PATH"];
function compilerVariables(ctx) {
  return [...COMMON, ...ctx.platform === "darwin" ? DARWIN : [], ...ctx.msvc ? MSVC : []];
}
function environmentKey(env, ctx) {
  return compilerVariables(ctx).flatMap((name) => {
    const value = lookup(env, name, ctx.platform);
    return value === void 0 ? [] : [`${name}=${PATH_LISTS.has(name) ? keyedPathList(value, ctx) : value}`];
  }).sort();
}
function environmentIncludeDirs(env, ctx) {
  const names = [...HEADER_LISTS, ...ctx.msvc ? ["INCLUDE"] : []];
  const dirs = names.flatMap((name) => splitList(lookup(env, name, ctx.platform) ?? "", ctx.platform));
  return [...new Set(dirs.map((dir) => pathFor(ctx.platform).resolve(ctx.workingDirectory, dir || ".")))];
}
function lookup(env, name, platform) {
  if (platform !== "win32") return env[name];
  const found = Object.keys(env).find((key) => key.toUpperCase() === name);
  return found === void 0 ? void 0 : env[found];
}
function splitList(value, platform) {
  return value === "" ? [] : value.split(platform === "win32" ? ";" : ":");
}
function keyedPathList(value, ctx) {
  const p = pathFor(ctx.platform);
  const separator = ctx.platform === "win32" ? ";" : ":";
  return value.split(separator).map((dir) => {
    const rel = p.relative(ctx.workingDirectory, p.resolve(ctx.workingDirectory, dir || "."));
    return /^\.\.([/\\]|$)/.test(rel) || p.isAbsolute(rel) ? dir : `./${rel.split(p.sep).join("/")}`;
  }).join(separator);
}
function pathFor(platform) {
  return platform === "win32" ? path11.win32 : path11.posix;
}

// src/cache/input-recheck.ts
import * as fs8 from "node:fs";
async function changedInput(inputs, read = readNow) {
  for (const input of inputs) {
    const bytes2 = await Promise.resolve().then(() => read(input.path)).catch(() => void 0);
    if (bytes2 === void 0 || sha256Hex(bytes2) !== input.sha256) return input.key;
  }
  return void 0;
}
function readNow(file) {
  return fs8.readFileSync(file);
}

// src/cache/link-inputs.ts
import * as path12 from "node:path";
function linkInputFiles(spec, opts, exists2) {
  const wd = path12.resolve(opts.workingDirectory);
  const request = parseLinkArgs([...spec.directives.extraLinkArgs, ...opts.linkArgs], opts.msvc);
  const dirs = [...spec.directives.libraryDirs, ...request.libraryDirs].map((dir) => path12.resolve(wd, dir));
  const bareFiles = opts.msvc ? request.files.filter((file) => !/[/\\]/.test(file)) : [];
  const names = [...[...spec.directives.libraries, ...request.libraries].flatMap(libraryFileNames), ...request.exactNames, ...bareFiles];
  const candidates = [...request.files.map((file) => path12.resolve(wd, file)), ...dirs.flatMap((dir) => names.map((name) => path12.join(dir, name)))];
  const found = /* @__PURE__ */ new Map();
  for (const file of candidates) {
    const key = keyInside(wd, file);
    if (key !== void 0 && !found.has(key) && exists2(file)) found.set(key, { key, path: file });
  }
  return [...found.values()];
}
function parseLinkArgs(args, msvc) {
  const request = { files: [], libraries: [], exactNames: [], libraryDirs: [] };
  const list = args.flatMap((arg) => arg.startsWith("-Wl,") ? arg.slice(4).split(",") : [arg]);
  for (let i = 0; i < list.length; i++) {
    const arg = list[i];
    const value = (flag) => arg === flag ? list[++i] ?? "" : arg.slice(flag.length);
    if (arg.startsWith("-L")) request.libraryDirs.push(value("-L"));
    else if (arg.startsWith("-l:")) request.exactNames.push(arg.slice(3));
    else if (arg.startsWith("-l")) pushLibrary(request, value("-l"));
    else if (msvc && /^[/-]libpath:/i.test(arg)) request.libraryDirs.push(arg.slice("/LIBPATH:".length));
    else if (!arg.startsWith("-") && !(msvc && /^\/[A-Za-z]/.test(arg) && !arg.includes("."))) request.files.push(arg);
  }
  return request;
}
function pushLibrary(request, name) {
  if (name.startsWith(":")) request.exactNames.push(name.slice(1));
  else if (name !== "") request.libraries.push(name);
}
function libraryFileNames(name) {
  return [`lib${name}.a`, `lib${name}.so`, `lib${name}.dylib`, `lib${name}.dll.a`, `${name}.lib`];
}
function keyInside(wd, file) {
  const rel = path12.relative(wd, file);
  if (rel === "" || /^\.\.([/\\]|$)/.test(rel) || path12.isAbsolute(rel)) return void 0;
  return rel.split(path12.sep).join("/");
}

// src/toolchain/compiler-launcher.ts
import { createHash } from "node:crypto";
import * as fs9 from "node:fs";
import * as os4 from "node:os";
import * as path13 from "node:path";
var TRANSPARENT = /* @__PURE__ */ new Set(["ccache", "sccache", "distcc", "icecc", "buildcache"]);
function launcherName(program) {
  const base = program.split(/[\\/]/).pop() ?? program;
  return base.replace(/\.(exe|cmd|bat)$/i, "").toLowerCase();
}
function launcherKeyPart(launcher, env, cwd) {
  if (launcher.length === 0 || TRANSPARENT.has(launcherName(launcher[0]))) return [];
  const file = findProgram(launcher[0], env, cwd);
  const content = file ? createHash("sha256").update(fs9.readFileSync(file)).digest("hex") : "not found";
  return [launcherName(launcher[0]), content, ...launcher.slice(1)];
}
function checkLauncher(launcher, env, cwd) {
  if (launcher.length === 0 || findProgram(launcher[0], env, cwd)) return;
  const where = /[\\/]/.test(launcher[0]) ? "no such file" : "not found on PATH";
  throw new Error(
    `Invalid compiler-launcher "${launcher[0]}": ${where}; expected a program such as ccache, sccache or distcc (on PATH), or a path to one`
  );
}
function remoteCapacity(launcher, env) {
  if (launcher.length === 0) return void 0;
  const name = launcherName(launcher[0]);
  const viaCcache = name === "ccache" && launcherName(env.CCACHE_PREFIX ?? "") === "distcc";
  if (name !== "distcc" && !viaCcache) return void 0;
  const list = distccHostList(env);
  if (!list) return void 0;
  const hosts = parseDistccHosts(list.text);
  if (!hosts) return void 0;
  const launcherLabel = viaCcache ? "ccache + distcc" : "distcc";
  return { launcher: launcherLabel, slots: hosts.reduce((sum, h) => sum + h.slots, 0), hosts: hosts.length, source: list.source };
}
function distccHostList(env) {
  if (env.DISTCC_HOSTS !== void 0) return { text: env.DISTCC_HOSTS, source: "DISTCC_HOSTS" };
  const candidates = [path13.join(env.DISTCC_DIR ?? path13.join(os4.homedir(), ".distcc"), "hosts"), "/etc/distcc/hosts"];
  for (const file of candidates) {
    try {
      return { text: fs9.readFileSync(file, "utf8").replace(/#.*$/gm, ""), source: file };
    } catch {
    }
  }
  return void 0;
}
function parseDistccHosts(text) {
  const hosts = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (word === "+zeroconf") return void 0;
    if (word.startsWith("--")) continue;
    const spec = word.split(",")[0];
    const limit = /\/(\d+)/.exec(spec);
    const host = spec.replace(/\/\d+/, "").replace(/:.*$/, "");
    const slots = limit ? Number(limit[1]) : host === "localhost" ? 2 : 4;
    if (slots > 0) hosts.push({ host, slots });
  }
  return hosts.length > 0 ? hosts : void 0;
}
function findProgram(program, env, cwd) {
  if (/[\\/]/.test(program)) return isFile(path13.resolve(cwd, program)) ? path13.resolve(cwd, program) : void 0;
  const dirs = (env.PATH ?? env.Path ?? "").split(path13.delimiter).filter(Boolean);
  const extensions = process.platform === "win32" ? ["", ".exe", ".cmd", ".bat"] : [""];
  for (const dir of dirs) for (const ext of extensions) if (isFile(path13.join(dir, program + ext))) return path13.join(dir, program + ext);
  return void 0;
}
function isFile(file) {
  try {
    return fs9.statSync(file).isFile();
  } catch {
    return false;
  }
}

// src/toolchain/toolchain.ts
function pythonAbi(t) {
  const fromSuffix = t.extSuffix.replace(/^\./, "").replace(/\.(so|pyd)$/, "");
  return fromSuffix || t.soabi || t.cacheTag;
}

// src/engine/open-module-cache.ts
function isDiskRefusal(err) {
  return /\b(ENOSPC|EDQUOT|EROFS)\b/.test(`${err.code ?? ""} ${err.message}`);
}
var OpenCache = class {
  constructor(store, fingerprints, inputs, settings, toolchain, log) {
    this.store = store;
    this.fingerprints = fingerprints;
    this.inputs = inputs;
    this.settings = settings;
    this.toolchain = toolchain;
    this.log = log;
  }
  store;
  fingerprints;
  inputs;
  settings;
  toolchain;
  log;
  cached = 0;
  corrupt = 0;
  unstored = [];
  durations = /* @__PURE__ */ new Map();
  listed;
  /** Set once the store's disk refused a write (full, over quota, read-only): said once, not once per module. */
  diskRefused = false;
  keyParts() {
    return {
      platform: this.toolchain.platform,
      arch: this.toolchain.machine,
      pythonAbi: pythonAbi(this.toolchain),
      cythonVersion: this.toolchain.cython.version ?? "unknown",
      fingerprintsHash: combinedFingerprint([...this.fingerprints.values()])
    };
  }
  /** Whether the store holds an intact entry for the module (no restore): for the dry-run plan. */
  async has(spec) {
    this.listed ??= this.store.entryFingerprints();
    const fingerprint = this.fingerprintOf(spec);
    if (!(await this.listed).has(fingerprint)) return false;
    const found = await this.store.lookup(fingerprint).catch(() => ({ kind: "missing" }));
    return found.kind === "found";
  }
  /** Whether the store lists an entry for the module, unchecked (no file is read): enough to weigh a shard split. */
  async lists(spec) {
    this.listed ??= this.store.entryFingerprints();
    return (await this.listed).has(this.fingerprintOf(spec));
  }
  /** A hit restores the module; anything wrong with the entry (damaged, gone before restore) rebuilds it instead. */
  async lookup(spec) {
    const started = Date.now();
    const fingerprint = this.fingerprintOf(spec);
    const found = await this.store.lookup(fingerprint).catch((err) => ({ kind: "corrupt", reason: `cannot read it: ${errorText(err)}` }));
    if (found.kind === "missing") return void 0;
    if (found.kind === "corrupt") return this.rebuild(spec, `is damaged (${found.reason})`);
    try {
      await this.store.restore(found, this.outputsOf(spec, Boolean(found.manifest.files.generated)));
    } catch (err) {
      return this.rebuild(spec, `could not be restored (${errorText(err)})`);
    }
    this.cached++;
    this.durations.set(spec.name, found.manifest.durationMs);
    return { module: spec, status: "cached", durations: { total: Date.now() - started }, output: "", diagnostics: [] };
  }
  async save(result) {
    if (result.status !== "built") return;
    const spec = result.module;
    const fingerprint = this.fingerprintOf(spec);
    this.durations.set(spec.name, result.durations.total);
    if (this.diskRefused) return;
    const changed = await changedInput(this.inputs.get(spec) ?? []);
    if (changed !== void 0) {
      this.unstored.push({ module: spec.name, file: changed });
      this.log.warning(
        `${spec.name} not cached: ${changed} changed during the build (the built module is installed; the next build compiles it again)`
      );
      return;
    }
    try {
      await this.store.put(fingerprint, this.outputsOf(spec, true), { module: spec.name, durationMs: result.durations.total });
    } catch (err) {
      this.diskRefused = isDiskRefusal(err);
      const rest = this.diskRefused ? "; no further module is stored in this build" : "";
      this.log.warning(`Could not store ${spec.name} in the cache: ${errorText(err)}${rest}`);
    }
  }
  /** Keeps the durations of this build for the next one's schedule; drops unused entries and keeps the size bound. */
  async close() {
    try {
      const previous = await this.store.readDurations();
      await this.store.writeDurations({ ...previous, ...Object.fromEntries(this.durations) });
      await this.store.prune(this.store.usedFingerprints(), this.settings.cache.maxSize, { keepUnused: !this.settings.cache.pruneUnused });
    } catch (err) {
      this.log.warning(`Could not tidy the cache: ${errorText(err)}`);
    }
  }
  summary() {
    return { enabled: true, dir: this.settings.cache.dir, cached: this.cached, corrupt: this.corrupt, unstored: [...this.unstored] };
  }
  rebuild(spec, problem) {
    this.corrupt++;
    this.log.warning(`Cache entry for ${spec.name} ${problem}: rebuilding it`);
    return void 0;
  }
  /** Where the module's files live: the extension, and Cython's generated C (a plain C module has none of its own). */
  outputsOf(spec, withGenerated) {
    const wd = this.settings.workingDirectory;
    const generated = withGenerated && spec.kind === "cython" ? { generated: path14.join(wd, spec.generated) } : {};
    return { extension: path14.join(wd, spec.output), ...generated };
  }
  fingerprintOf(spec) {
    return this.fingerprints.get(spec);
  }
};
async function openModuleCache(settings, plan, log, reader = new DiskSourceReader(), env = process.env) {
  if (!settings.cache.enabled) return void 0;
  const store = new ModuleStore(settings.cache.dir);
  await store.checkOwnership();
  const msvc = plan.toolchain.compiler.type === "msvc";
  const envContext = { platform: plan.toolchain.platform, msvc, workingDirectory: settings.workingDirectory };
  const includeDirs = [...settings.includeDirs, ...environmentIncludeDirs(env, envContext)];
  const scan = { workingDirectory: settings.workingDirectory, includeDirs, pythonPath: plan.toolchain.sysPath ?? [] };
  const resolver = new DependencyResolver(scan, reader);
  const link = { workingDirectory: settings.workingDirectory, linkArgs: settings.linkArgs, msvc };
  const buildContext = buildContextComposer({ ...sharedContext(settings, plan.toolchain), environment: environmentKey(env, envContext) });
  const fingerprints = /* @__PURE__ */ new Map();
  const inputs = /* @__PURE__ */ new Map();
  for (const spec of plan.modules) {
    const files = [...resolver.filesOf(spec), ...linkInputFiles(spec, link, (file) => reader.sha256(file) !== void 0)];
    const hashed = hashFiles(files, reader);
    fingerprints.set(spec, moduleFingerprint(hashed, buildContext(moduleContext(spec))));
    inputs.set(
      spec,
      hashed.map((file, i) => ({ ...file, path: files[i].path }))
    );
  }
  return new OpenCache(store, fingerprints, inputs, settings, plan.toolchain, log);
}
async function recordedDurations(settings) {
  if (!settings.cache.enabled) return {};
  return new ModuleStore(settings.cache.dir).readDurations().catch(() => ({}));
}
function sharedContext(settings, t) {
  const relative8 = (p) => path14.isAbsolute(p) && !path14.relative(settings.workingDirectory, p).startsWith("..") ? path14.relative(settings.workingDirectory, p) : p;
  const c = t.compiler;
  return {
    cython: t.cython.version ?? "",
    cythonArgs: settings.cythonArgs,
    compiler: c.type === "unix" ? [...c.compilerSo, "|", ...c.compilerSoCxx, "|", ...c.linkerSo, "|", ...c.linkerSoCxx] : c.type === "msvc" ? [c.cc, ...c.compileOptions, "|", c.linker, ...c.ldflagsShared] : [c.error],
    compilerVersion: t.compilerVersion,
    python: [t.implementation, t.version, t.extSuffix, t.soabi ?? "", t.freeThreaded ? "free-threaded" : "gil"],
    buildExt: [...t.buildExt.includeDirs, "|", ...t.buildExt.libraryDirs, "|", ...t.buildExt.libraries],
    platform: [t.platform, t.machine, t.sysconfigPlatform],
    buildEnv: Object.entries(t.buildEnv ?? {}).map(([k, v]) => `${k}=${v}`),
    archflags: t.archflags ?? "",
    includeDirs: settings.includeDirs.map(relative8),
    defines: settings.defines.map(([n, v]) => v === null ? n : `${n}=${v}`),
    compileArgs: settings.compileArgs,
    linkArgs: settings.linkArgs,
    // Only a launcher that can change the output is keyed (see launcherKeyPart); absent otherwise, so keys stay as they were.
    ...launcherContext(settings)
  };
}
function launcherContext(settings) {
  const part = launcherKeyPart(settings.compilerLauncher, process.env, settings.workingDirectory);
  return part.length > 0 ? { compilerLauncher: part } : {};
}
function moduleContext(spec) {
  return {
    module: spec.name,
    source: spec.source,
    output: spec.output,
    generated: spec.generated,
    language: spec.language,
    directives: JSON.stringify(spec.directives),
    ...moduleCythonContext(spec)
  };
}
function moduleCythonContext(spec) {
  const args = [...spec.cythonArgs ?? [], ...(spec.cythonIncludeDirs ?? []).flatMap((d) => ["-I", d])];
  return args.length > 0 ? { moduleCythonArgs: args } : {};
}

// src/plan/find-sources.ts
import * as fs10 from "node:fs";
import * as path15 from "node:path";
var SOURCE_EXTENSIONS = [".pyx", ".py", ".c"];
async function findSources(patterns, workingDirectory) {
  for (const pattern of patterns) refuseOutside(pattern, workingDirectory);
  const absolute = patterns.map((p) => anchorPattern(p, workingDirectory));
  const globber = await create(absolute.join("\n"), { matchDirectories: false, followSymbolicLinks: true });
  const root = fs10.realpathSync(workingDirectory);
  const files = [];
  for (const file of await globber.glob()) {
    if (!SOURCE_EXTENSIONS.includes(path15.extname(file))) continue;
    files.push(relativeInside(file, workingDirectory, root, patterns));
  }
  return [...new Set(files)].sort();
}
function anchorPattern(pattern, workingDirectory) {
  const negated = pattern.startsWith("!");
  const body = negated ? pattern.slice(1).trim() : pattern;
  const anchored = path15.isAbsolute(body) ? body : path15.join(workingDirectory, body);
  return (negated ? "!" : "") + anchored;
}
function refuseOutside(pattern, workingDirectory) {
  if (pattern.startsWith("!")) return;
  const fixed = anchorPattern(pattern, workingDirectory).split(/[*?[{]/)[0];
  const rel = path15.relative(workingDirectory, path15.dirname(fixed + "x"));
  if (isOutside(rel)) {
    throw new InputError(
      `Invalid sources entry "${pattern}": it resolves outside the working directory ${workingDirectory}; sources must be inside working-directory (set working-directory to a directory that contains them)`
    );
  }
}
function relativeInside(file, workingDirectory, realRoot, patterns) {
  const rel = path15.relative(workingDirectory, file);
  const real = fs10.realpathSync(file);
  const realRel = path15.relative(realRoot, real);
  if (isOutside(rel) || isOutside(realRel)) {
    throw new InputError(
      `Invalid sources: ${JSON.stringify(patterns.join(" "))} matched ${real}, which is outside the working directory ${realRoot}; sources must be inside working-directory (set working-directory to a directory that contains them)`
    );
  }
  return toPosix(rel);
}
function isOutside(rel) {
  return rel === ".." || rel.startsWith(".." + path15.sep) || path15.isAbsolute(rel);
}

// src/plan/parallelism.ts
var WINDOWS_MAX_JOBS = 61;
var FILES_PER_JOB = 8;
var FILES_RESERVED = 8;
function decideParallelism(facts, request) {
  checkRequest(request);
  const usual = [
    computeLimit(facts, request.remote),
    memoryLimit(facts, request.memoryPerJob),
    modulesLimit(request.modules),
    ...platformLimit(facts)
  ];
  const safe = [...usual, ...openFilesLimit(facts, Math.min(...usual.map((limit) => limit.value)))];
  const safeJobs = Math.max(1, Math.min(...safe.map((limit) => limit.value)));
  const explicit = request.jobs === "auto" ? null : request.jobs;
  const jobs = explicit === null ? safeJobs : Math.min(explicit, safeJobs);
  const limits = explicit === null ? safe : [...safe, { name: "requested", value: explicit, why: `requested ${explicit}` }];
  const binding = limits.filter((limit) => limit.value === jobs).map((limit) => limit.name);
  const lowered = explicit !== null && explicit > jobs;
  return { jobs, requested: request.jobs, limits, binding, lowered, explanation: explain(jobs, explicit, lowered, limits, binding) };
}
function checkRequest(request) {
  if (request.jobs !== "auto" && !(Number.isInteger(request.jobs) && request.jobs >= 1)) {
    throw new InputError(`Invalid jobs "${request.jobs}": expected a whole number of 1 or more, or auto`);
  }
  if (!(request.memoryPerJob > 0 && Number.isFinite(request.memoryPerJob))) {
    throw new InputError(`Invalid memory-per-job "${request.memoryPerJob}": expected a size above 0 such as 2GiB, 1.5GiB or 800MiB`);
  }
}
function computeLimit(facts, remote) {
  const cpu = cpuLimit(facts);
  if (!remote) return cpu;
  const value = Math.max(1, Math.floor(remote.slots));
  return { name: "remote", value, why: `${remote.what}; compiles run there, so the ${cpu.why} here do not bound jobs` };
}
function cpuLimit(facts) {
  const host = Math.max(1, facts.logicalCpus);
  const narrowers = [];
  if (facts.affinityCpus < host) narrowers.push({ label: `affinity ${facts.affinityCpus}`, cpus: facts.affinityCpus });
  if (facts.cgroupCpuQuota !== null && facts.cgroupCpuQuota < host) {
    narrowers.push({ label: `cgroup quota ${round(facts.cgroupCpuQuota)}`, cpus: facts.cgroupCpuQuota });
  }
  const value = Math.max(1, Math.floor(Math.min(host, ...narrowers.map((narrower) => narrower.cpus))));
  const labels = narrowers.sort((a, b) => a.cpus - b.cpus).map((narrower) => narrower.label);
  const detail = labels.length > 0 ? ` (${labels.join(", ")} of ${host} host CPUs)` : "";
  return { name: "cpu", value, why: `${value} usable ${plural(value, "CPU")}${detail}` };
}
function memoryLimit(facts, memoryPerJob) {
  const cgroupBinds = facts.cgroupMemoryLimit !== null && facts.cgroupMemoryLimit < facts.availableMemory;
  const budget = cgroupBinds ? facts.cgroupMemoryLimit : facts.availableMemory;
  const fits = Math.floor(budget / memoryPerJob);
  const source = cgroupBinds ? " (cgroup limit)" : "";
  const result = fits >= 1 ? `= ${fits}` : "< 1, so 1";
  return {
    name: "memory",
    value: Math.max(1, fits),
    why: `memory ${formatBytes(budget)}${source} / ${formatBytes(memoryPerJob)} per job ${result}`
  };
}
function modulesLimit(modules) {
  const value = Math.max(1, Math.floor(modules));
  const why = modules >= 1 ? `${value} ${plural(value, "module")} to build` : "no modules to build, so 1";
  return { name: "modules", value, why };
}
function platformLimit(facts) {
  return facts.platform === "win32" ? [{ name: "platform", value: WINDOWS_MAX_JOBS, why: `Windows cap ${WINDOWS_MAX_JOBS}` }] : [];
}
function openFilesLimit(facts, below) {
  if (facts.openFileLimit === null || facts.openFileLimit === void 0) return [];
  const spare = facts.openFileLimit - (facts.openFiles ?? 0) - FILES_RESERVED;
  const fits = Math.floor(spare / FILES_PER_JOB);
  const value = Math.max(1, fits);
  const result = fits >= 1 ? `= ${fits}` : "< 1, so 1";
  const why = `open files: limit ${facts.openFileLimit}, ${facts.openFiles ?? 0} in use, ${FILES_RESERVED} kept free, / ${FILES_PER_JOB} per job ${result}`;
  return value <= below ? [{ name: "open-files", value, why }] : [];
}
var LIMIT_LABELS = {
  cpu: "usable CPUs",
  remote: "remote compile slots",
  memory: "memory",
  modules: "modules to build",
  platform: "the Windows cap",
  "open-files": "the open-file limit"
};
function explain(jobs, explicit, lowered, limits, binding) {
  const reasons = limits.map((limit) => limit.why).join("; ");
  const head = `${jobs} ${plural(jobs, "job")}`;
  if (lowered) {
    const by = binding.map((name) => LIMIT_LABELS[name] ?? name).join(" and ");
    return `${head} (requested ${explicit}, lowered to fit ${by}): ${reasons}`;
  }
  return explicit === null ? `${head}: ${reasons}` : `${head} (as requested): ${reasons}`;
}
function plural(count, word) {
  return count === 1 ? word : `${word}s`;
}
function round(value) {
  return Math.round(value * 100) / 100;
}

// src/engine/plan-project.ts
import * as fs13 from "node:fs";
import * as path21 from "node:path";

// src/plan/build-plan.ts
import * as fs11 from "node:fs";
import * as path17 from "node:path";

// src/plan/module-naming.ts
import * as path16 from "node:path";
var PACKAGE_MARKERS = ["__init__.py", "__init__.pyc", "__init__.pyx", "__init__.pxd"];
function moduleNameFor(source, isPackageDir) {
  const parts = source.split("/");
  const base = parts.pop();
  const name = [base.slice(0, base.length - path16.extname(base).length)];
  while (parts.length > 0 && isPackageDir(parts.join("/"))) name.unshift(parts.pop());
  return name.join(".");
}
function outputPathFor(source, moduleName, extSuffix, outputDir) {
  const leaf = moduleName.split(".").pop() + extSuffix;
  if (outputDir === null) return joinRelative(path16.posix.dirname(source), leaf);
  return path16.posix.join(outputDir, ...moduleName.split(".").slice(0, -1), leaf);
}
function generatedPathFor(source, moduleName, language, outputDir) {
  const leaf = moduleName.split(".").pop() + (language === "c++" ? ".cpp" : ".c");
  if (outputDir === null) return joinRelative(path16.posix.dirname(source), leaf);
  return path16.posix.join(outputDir, ...moduleName.split(".").slice(0, -1), leaf);
}
function joinRelative(dir, leaf) {
  return dir === "." ? leaf : `${dir}/${leaf}`;
}

// src/plan/source-directives.ts
function parseDistutilsDirectives(text) {
  const directives = emptyDirectives();
  for (const body of leadingCommentLines(text)) {
    if (!body.startsWith("distutils:")) continue;
    const eq = body.indexOf("=");
    if (eq < 0) continue;
    applyDirective(directives, body.slice("distutils:".length, eq).trim(), body.slice(eq + 1).trim());
  }
  return directives;
}
function emptyDirectives() {
  return { libraries: [], libraryDirs: [], includeDirs: [], sources: [], defineMacros: [], extraCompileArgs: [], extraLinkArgs: [] };
}
var LIST_KEYS = {
  libraries: "libraries",
  library_dirs: "libraryDirs",
  include_dirs: "includeDirs",
  sources: "sources",
  extra_compile_args: "extraCompileArgs",
  extra_link_args: "extraLinkArgs",
  runtime_library_dirs: "runtimeLibraryDirs",
  undef_macros: "undefMacros",
  extra_objects: "extraObjects"
};
var TRANSITIVE_LISTS = ["libraries", "libraryDirs", "runtimeLibraryDirs", "includeDirs", "extraCompileArgs", "extraLinkArgs"];
function mergeCimported(own, cimported) {
  const merged = { ...own };
  for (const other of cimported) {
    if (merged.language === void 0 && other.language !== void 0) merged.language = other.language;
    for (const key of TRANSITIVE_LISTS) {
      const theirs = other[key] ?? [];
      if (theirs.length === 0) continue;
      const ours = merged[key] ?? [];
      merged[key] = [...ours, ...theirs.filter((item) => !ours.includes(item))];
    }
  }
  return merged;
}
function applyDirective(directives, key, value) {
  if (key === "language") {
    const language = value.replace(/^['"]|['"]$/g, "").toLowerCase();
    if (language === "c" || language === "c++") directives.language = language;
    return;
  }
  if (key === "define_macros") {
    directives.defineMacros = parseDirectiveList(value).map((m) => {
      const eq = m.indexOf("=");
      return eq < 0 ? [m, null] : [m.slice(0, eq), m.slice(eq + 1)];
    });
    return;
  }
  const field = LIST_KEYS[key];
  if (field) directives[field] = parseDirectiveList(value);
}
function parseDirectiveList(value) {
  let text = value.trim();
  let delimiter3 = " ";
  if (text.length >= 2 && text.startsWith("[") && text.endsWith("]")) {
    text = text.slice(1, -1);
    delimiter3 = ",";
  }
  const items = [];
  let current = "";
  let quoted = false;
  let quote = null;
  const push = () => {
    if (quoted || current.trim() !== "") items.push(quoted ? current : current.trim());
    current = "";
    quoted = false;
  };
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      if (current.trim() === "") current = "";
      quote = ch;
      quoted = true;
    } else if (ch === delimiter3 || delimiter3 === " " && /\s/.test(ch)) {
      push();
    } else {
      current += ch;
    }
  }
  push();
  return items;
}

// src/plan/build-plan.ts
function planModules(sources, context, reader) {
  const isPackageDir = packageDirProbe(context.workingDirectory);
  const modules = withoutGeneratedC(sources).map((source) => planModule(source, moduleNameFor(source, isPackageDir), context, reader));
  rejectDuplicateNames(modules);
  return modules;
}
function packageDirProbe(workingDirectory) {
  const packageDirs = /* @__PURE__ */ new Map();
  return (dir) => {
    if (!packageDirs.has(dir)) {
      const abs = path17.join(workingDirectory, dir);
      packageDirs.set(
        dir,
        PACKAGE_MARKERS.some((marker) => fs11.existsSync(path17.join(abs, marker)))
      );
    }
    return packageDirs.get(dir);
  };
}
function planModule(source, name, context, reader) {
  const file = path17.join(context.workingDirectory, source);
  const text = reader?.readFile(file) ?? fs11.readFileSync(file).toString("latin1");
  const kind = source.endsWith(".c") ? "c" : "cython";
  if (kind === "c") checkPlainCModule(source, name, text);
  const directives = kind === "c" ? emptyDirectives() : parseDistutilsDirectives(text);
  const language = directives.language ?? "c";
  return {
    name,
    source,
    kind,
    language,
    directives,
    generated: kind === "c" ? source : generatedPathFor(source, name, language, context.outputDir),
    output: outputPathFor(source, name, context.extSuffix, context.outputDir),
    size: text.length
    // latin1: one character per byte
  };
}
function checkPlainCModule(source, name, text) {
  const init = `PyInit_${name.split(".").pop()}`;
  if (!text.includes(init)) {
    throw new InputError(
      `Invalid sources: ${source} is a C file without ${init}(); a .c source must be a Python extension module defining PyInit_<name> (exclude helper C files with a !pattern, or list them in a "# distutils: sources" line)`
    );
  }
}
function withoutGeneratedC(sources) {
  const stems = new Set(sources.filter((s) => !s.endsWith(".c")).map((s) => s.replace(/\.(pyx|py)$/, "")));
  return sources.filter((s) => !(s.endsWith(".c") && stems.has(s.slice(0, -2))));
}
function rejectDuplicateNames(modules) {
  const seen = /* @__PURE__ */ new Map();
  for (const m of modules) {
    const other = seen.get(m.name);
    if (other)
      throw new InputError(`Invalid sources: ${other} and ${m.source} would both build module ${m.name}; exclude one with a !pattern`);
    seen.set(m.name, m.source);
  }
}

// src/plan/cimported-directives.ts
function withCimportedDirectives(spec, cimported) {
  if (spec.kind !== "cython" || cimported.length === 0) return spec;
  const directives = mergeCimported(spec.directives, cimported);
  const language = directives.language ?? spec.language;
  const generated = language === spec.language ? spec.generated : spec.generated.replace(/\.(c|cpp)$/, language === "c++" ? ".cpp" : ".c");
  return { ...spec, directives, language, generated };
}

// src/plan/declared-modules.ts
import * as path18 from "node:path";
var CYTHON_SOURCE = /\.(pyx|py)$/;
var MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
function declaredModules(extensions, ctx, origin) {
  return extensions.map((ext) => declaredModule(ext, ctx, origin));
}
function declaredModule(ext, ctx, origin) {
  checkExtension(ext, origin);
  const rebase = (p) => rebasePath(p, ctx);
  const sources = ext.sources.map(rebase);
  const cythonSource = sources.find((s) => CYTHON_SOURCE.test(s));
  const source = cythonSource ?? sources[0];
  const language = ext.language === "c++" ? "c++" : "c";
  const kind = cythonSource ? "cython" : "c";
  return {
    name: ext.name,
    source,
    kind,
    language,
    directives: declaredDirectives(
      ext,
      sources.filter((s) => s !== source),
      rebase
    ),
    generated: kind === "c" ? source : generatedFor(source, ext.name, language, ctx.outputDir),
    output: ctx.outputDir === null && ext.package_dir !== void 0 ? inPlaceOutput(ext.name, ext.package_dir, ctx) : outputPathFor(source, ext.name, ctx.extSuffix, ctx.outputDir),
    size: ctx.sizeOf(source),
    cythonArgs: kind === "cython" ? cythonArguments(ext) : [],
    cythonIncludeDirs: (ext.cython?.include_path ?? []).filter((p) => p !== ".").map(rebase),
    optional: Boolean(ext.optional)
  };
}
function checkExtension(ext, origin) {
  if (typeof ext.name !== "string" || !MODULE_NAME.test(ext.name)) {
    throw new Error(`Invalid ${origin}: extension name ${JSON.stringify(ext.name)} is not a dotted module name such as pkg.mod`);
  }
  if (!Array.isArray(ext.sources) || ext.sources.length === 0 || ext.sources.some((s) => typeof s !== "string")) {
    throw new Error(`Invalid ${origin}: extension ${ext.name} needs "sources", a list of files such as ["pkg/mod.pyx", "pkg/helper.c"]`);
  }
  if (ext.language != null && ext.language !== "c" && ext.language !== "c++") {
    throw new Error(`Invalid ${origin}: extension ${ext.name} has language ${JSON.stringify(ext.language)}; expected c or c++`);
  }
}
function declaredDirectives(ext, extraSources, rebase) {
  return {
    ...emptyDirectives(),
    ...ext.language === "c" || ext.language === "c++" ? { language: ext.language } : {},
    sources: extraSources,
    includeDirs: (ext.include_dirs ?? []).map(rebase),
    libraries: ext.libraries ?? [],
    libraryDirs: (ext.library_dirs ?? []).map(rebase),
    runtimeLibraryDirs: ext.runtime_library_dirs ?? [],
    extraObjects: (ext.extra_objects ?? []).map(rebase),
    defineMacros: (ext.define_macros ?? []).map(([name, value]) => [name, value ?? null]),
    undefMacros: ext.undef_macros ?? [],
    extraCompileArgs: ext.extra_compile_args ?? [],
    extraLinkArgs: ext.extra_link_args ?? []
  };
}
function cythonArguments(ext) {
  const level = ext.cython?.language_level;
  const levelArgs = level == null ? [] : [String(level) === "3str" ? "--3str" : `-${String(level)}`];
  const directives = Object.entries(ext.cython?.directives ?? {}).flatMap(([k, v]) => ["-X", `${k}=${directiveValue(v)}`]);
  return ["--module-name", ext.name, ...levelArgs, ...directives];
}
function directiveValue(value) {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null) return "None";
  return String(value);
}
function generatedFor(source, name, language, outputDir) {
  if (outputDir !== null) return generatedPathFor(source, name, language, outputDir);
  return source.replace(CYTHON_SOURCE, language === "c++" ? ".cpp" : ".c");
}
function inPlaceOutput(name, packageDir, ctx) {
  const dir = rebasePath(packageDir, ctx);
  const leaf = name.split(".").pop() + ctx.extSuffix;
  return dir === "." ? leaf : `${dir}/${leaf}`;
}
function rebasePath(p, ctx) {
  const rel = path18.relative(ctx.workingDirectory, path18.resolve(ctx.base, p || "."));
  if (path18.isAbsolute(p) && (rel.startsWith("..") || path18.isAbsolute(rel))) return p;
  return rel === "" ? "." : rel.split(path18.sep).join("/");
}

// src/plan/included-sources.ts
import * as path19 from "node:path";
function includedSources(sources, includesOf) {
  const known = new Set(sources);
  const included = /* @__PURE__ */ new Map();
  for (const source of sources) {
    for (const target of includesOf(source)) {
      const candidates = [path19.posix.normalize(path19.posix.join(path19.posix.dirname(source), target)), path19.posix.normalize(target)];
      const hit = candidates.find((c) => known.has(c) && c !== source);
      if (hit && !included.has(hit)) included.set(hit, source);
    }
  }
  return included;
}
function namedExplicitly(source, patterns) {
  return patterns.some((p) => !/[*?[{]/.test(p) && !p.startsWith("!") && path19.posix.normalize(p.replace(/\\/g, "/")) === source);
}

// src/plan/optional-modules.ts
function isOptionalModule(name, patterns) {
  return patterns.some((p) => new RegExp(`^${p.split("*").map(escapeRegExp).join(".*")}$`).test(name));
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// src/plan/read-declared.ts
import { execFile as execFile2 } from "node:child_process";
import * as fs12 from "node:fs";
import * as path20 from "node:path";

// src/plan/setup-py-query.ts
var SETUP_PY_QUERY = String.raw`
import json, os, runpy, sys

LISTS = ["include_dirs", "libraries", "library_dirs", "runtime_library_dirs", "extra_objects",
         "extra_compile_args", "extra_link_args", "undef_macros", "depends"]
state = {"setup": None, "warnings": []}
# What setuptools' compiler reads from the environment: a setup.py that changes it changes the build (pydantic sets CFLAGS).
BUILD_ENV = ["CC", "CXX", "CFLAGS", "CPPFLAGS", "CXXFLAGS", "LDFLAGS", "LDSHARED", "ARCHFLAGS"]

def warn(text):
    if text not in state["warnings"]:
        state["warnings"].append(text)

def fake_setup(*args, **attrs):
    state["setup"] = attrs

def make_context(c_options):
    try:
        return c_options.create_context()  # Cython 0.29
    except AttributeError:
        from Cython.Compiler.Main import Context
        return Context.from_options(c_options)  # Cython 3

def directive_defaults():
    try:
        from Cython.Compiler import Options
        return Options.get_directive_defaults() if hasattr(Options, "get_directive_defaults") else Options.directive_defaults
    except ImportError:
        return {}

def changed_defaults():
    # Some setup.py files (cytoolz's) set Options.directive_defaults instead of compiler_directives: Cython runs in
    # another process here, so carry the changes over as directives.
    now = directive_defaults()
    return {k: v for k, v in now.items() if k not in state["defaults"] or state["defaults"][k] != v}

def cython_options(options):
    recorded = {
        "directives": dict(changed_defaults(), **dict(options.get("compiler_directives") or {})),
        "include_path": [str(p) for p in options.get("include_path") or []],
        "language_level": options.get("language_level"),
    }
    for ignored in ("build_dir", "compile_time_env", "common_utility_include_dir"):
        if options.get(ignored):
            warn("cythonize(%s=...) is not supported and was ignored" % ignored)
    return recorded

def fake_cythonize(module_list, exclude=None, nthreads=0, aliases=None, quiet=False, force=False, language=None,
                   exclude_failures=False, **options):
    from Cython.Build import Dependencies
    from Cython.Compiler.Main import CompilationOptions
    options.pop("depfile", None)
    recorded = cython_options(options)
    options.setdefault("include_path", ["."])
    ctx = make_context(CompilationOptions(**options))
    modules, _ = Dependencies.create_extension_list(module_list, exclude=exclude, ctx=ctx, aliases=aliases,
                                                    quiet=quiet, language=language, exclude_failures=exclude_failures)
    for m in modules:
        m._cython_fanout = recorded
        m.optional = m.optional or optional_template(m, module_list)
    return modules

def optional_template(module, patterns):
    # cythonize copies only the distutils fields of an Extension it expands: optional= would be lost.
    import fnmatch
    for p in patterns if isinstance(patterns, (list, tuple)) else [patterns]:
        if not getattr(p, "optional", False):
            continue
        if p.name == module.name or any(fnmatch.fnmatch(module.sources[0], s) for s in p.sources if is_cython(s)):
            return True
    return False

def install_hooks():
    state["defaults"] = dict(directive_defaults())
    try:
        import setuptools
        setuptools.setup = fake_setup
    except ImportError:
        pass
    try:
        import distutils.core
        distutils.core.setup = fake_setup
    except ImportError:
        pass
    try:
        import Cython.Build
        import Cython.Build.Dependencies
        Cython.Build.cythonize = Cython.Build.Dependencies.cythonize = fake_cythonize
    except ImportError:
        pass

def is_cython(source):
    return os.path.splitext(source)[1] in (".pyx", ".py")

def through_cython(ext):
    # An Extension with a .pyx that did not pass through cythonize(): build_ext cythonizes it, merging the same way.
    if hasattr(ext, "_cython_fanout") or not any(is_cython(s) for s in ext.sources):
        return [ext]
    recorded = {"directives": dict(getattr(ext, "cython_directives", None) or {}),
                "include_path": list(getattr(ext, "cython_include_dirs", None) or []), "language_level": None}
    return fake_cythonize([ext], include_path=["."] + recorded["include_path"], compiler_directives=recorded["directives"])

def through_build_ext(attrs, exts):
    # A custom build_ext (cmdclass) may add include dirs in run() or flags in build_extensions() (hdbscan adds
    # numpy's headers, murmurhash -O3): run it with the compile itself (and Cython, and other commands) recorded.
    custom = (attrs.get("cmdclass") or {}).get("build_ext")
    if custom is None or not exts:
        return exts
    try:
        try:
            from setuptools.dist import Distribution
        except ImportError:
            from distutils.dist import Distribution
        keep = ("name", "cmdclass", "package_dir", "packages", "include_dirs")
        dist = Distribution({k: v for k, v in attrs.items() if k in keep})
        dist.ext_modules = exts
        cmd = custom(dist)
        cmd.ensure_finalized()
        before = list(cmd.include_dirs or [])
        seen = []
        cmd.build_extension = lambda ext: seen.append(ext)
        cmd.cython_sources = lambda sources, ext=None: sources
        cmd.run_command = lambda name: None
        cmd.copy_extensions_to_source = lambda: None
        cmd.inplace = 0
        cmd.run()
    except Exception as e:
        warn("the custom build_ext %s could not be run to see what it adds (%s: %s); its own changes are not applied" % (custom.__name__, type(e).__name__, e))
        return exts
    added = [d for d in (cmd.include_dirs or []) if d not in before]
    for ext in seen:
        ext.include_dirs = list(ext.include_dirs or []) + [d for d in added if d not in (ext.include_dirs or [])]
    return seen or exts

def package_dir_of(package, package_dir):
    # build_py.get_package_dir: where build_ext --inplace puts a module of this package.
    parts = package.split(".") if package else []
    if not package_dir:
        return os.path.join(*parts) if parts else ""
    tail = []
    while parts:
        if ".".join(parts) in package_dir:
            tail.insert(0, package_dir[".".join(parts)])
            return os.path.join(*tail)
        tail.insert(0, parts[-1])
        del parts[-1]
    if package_dir.get("") is not None:
        tail.insert(0, package_dir[""])
    return os.path.join(*tail) if tail else ""

def describe(ext, package_dir):
    d = {name: [str(v) for v in (getattr(ext, name, None) or [])] for name in LISTS}
    d["name"] = ext.name
    d["sources"] = [str(s) for s in ext.sources]
    d["language"] = getattr(ext, "language", None) or None
    d["define_macros"] = [[str(m[0]), None if len(m) < 2 or m[1] is None else str(m[1])] for m in (ext.define_macros or [])]
    d["optional"] = bool(getattr(ext, "optional", None))
    d["cython"] = getattr(ext, "_cython_fanout", None)
    d["package_dir"] = package_dir_of(ext.name.rpartition(".")[0], package_dir)
    return d

def main():
    setup_py = os.path.abspath(sys.argv[1])
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    os.chdir(os.path.dirname(setup_py))
    sys.path.insert(0, os.path.dirname(setup_py))
    sys.argv = [setup_py, "build_ext", "--inplace"]
    install_hooks()
    env_before = {k: os.environ.get(k) for k in BUILD_ENV}
    try:
        runpy.run_path(setup_py, run_name="__main__")
    except SystemExit as e:
        if state["setup"] is None and e.code not in (None, 0):
            raise
    sys.stderr.flush()
    for k in BUILD_ENV:
        if os.environ.get(k) != env_before[k]:
            warn("setup.py sets %s=%r while it runs, which this build does not see: pass it through compile-args, link-args or the environment" % (k, os.environ.get(k)))
    if state["setup"] is None:
        out.write(json.dumps({"error": "it never called setup() (from setuptools or distutils.core)"}) + "\n")
        return
    attrs = state["setup"]
    package_dir = dict(attrs.get("package_dir") or {})
    exts = through_build_ext(attrs, [e for ext in (attrs.get("ext_modules") or []) for e in through_cython(ext)])
    out.write(json.dumps({"extensions": [describe(e, package_dir) for e in exts], "warnings": state["warnings"]}) + "\n")
    out.flush()

main()
`;

// src/plan/read-declared.ts
async function readSetupPy(python, setupPy) {
  if (!fs12.existsSync(setupPy))
    throw new Error(`Invalid setup-py: ${setupPy} does not exist; name the project's setup.py (a path relative to working-directory)`);
  const { code, stdout, stderr } = await runPython(python, setupPy);
  const answer = parseAnswer2(stdout);
  if (code !== 0 || !answer) {
    throw new Error(`Invalid setup-py: running ${setupPy} with ${python} failed (exit ${code}): ${lastLine2(stderr) || "no output"}`);
  }
  if (typeof answer.error === "string") throw new Error(`Invalid setup-py: ${setupPy}: ${answer.error}`);
  return {
    extensions: answer.extensions,
    base: path20.dirname(setupPy),
    warnings: answer.warnings ?? []
  };
}
function runPython(python, setupPy) {
  return new Promise((resolve10) => {
    const child = execFile2(python, ["-", setupPy], { maxBuffer: 256 * 1024 * 1024, cwd: path20.dirname(setupPy) }, (err, stdout, stderr) => {
      const code = err ? typeof err.code === "number" ? err.code : 1 : 0;
      resolve10({ code, stdout, stderr: stderr || (err && !stderr ? err.message : "") });
    });
    child.stdin?.end(SETUP_PY_QUERY);
  });
}
function parseAnswer2(stdout) {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line);
  } catch {
    return void 0;
  }
}
async function readExtensionsFile(file, workingDirectory, isPackageDir, python) {
  const origin = `extensions file ${file}`;
  const parsed = file.endsWith(".toml") ? await readPyprojectTable(python, file) : readJson(file);
  const list = Array.isArray(parsed) ? parsed : parsed?.extensions;
  if (!Array.isArray(list)) {
    throw new Error(
      `Invalid ${origin}: expected {"extensions": [{"name": "pkg.mod", "sources": ["pkg/mod.pyx"], "language": "c++"}]} (in a pyproject.toml: [[tool.cython-fanout.extensions]] tables)`
    );
  }
  const base = path20.dirname(file);
  const expanded = [];
  for (const ext of list) expanded.push(...await expandGlobName(ext, base, workingDirectory, isPackageDir));
  return { extensions: expanded, base, warnings: [] };
}
function readJson(file) {
  try {
    return JSON.parse(fs12.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(
      `Invalid extensions: cannot read ${file} as JSON (${err.message}); expected {"extensions": [{"name": "pkg.mod", "sources": ["pkg/mod.pyx"]}]}`,
      { cause: err }
    );
  }
}
async function readPyprojectTable(python, file) {
  const script = [
    "import json, sys",
    "try:",
    "    import tomllib",
    "except ImportError:",
    "    import tomli as tomllib",
    'with open(sys.argv[1], "rb") as f:',
    '    print(json.dumps(tomllib.load(f).get("tool", {}).get("cython-fanout", {})))'
  ].join("\n");
  const answer = await new Promise(
    (resolve10) => execFile2(python, ["-c", script, file], (err, stdout, stderr) => resolve10({ code: err ? 1 : 0, stdout, stderr }))
  );
  if (answer.code !== 0) {
    throw new Error(
      `Invalid extensions: cannot read [tool.cython-fanout] from ${file} with ${python}: ${lastLine2(answer.stderr) || "no output"} (Python 3.11+ reads TOML; else install tomli)`
    );
  }
  return JSON.parse(answer.stdout);
}
async function expandGlobName(ext, base, wd, isPackageDir) {
  if (typeof ext?.name !== "string" || !ext.name.includes("*") || !Array.isArray(ext.sources) || ext.sources.length === 0) return [ext];
  const pattern = path20.relative(wd, path20.resolve(base, ext.sources[0])).split(path20.sep).join("/");
  const files = await findSources([pattern], wd);
  return files.map((file) => ({
    ...ext,
    name: moduleNameFor(file, isPackageDir),
    sources: [path20.resolve(wd, file), ...ext.sources.slice(1)]
  }));
}
function lastLine2(text) {
  return text.trim().split(/\r?\n/).pop() ?? "";
}

// src/engine/plan-project.ts
async function planProjectModules(settings, toolchain, sources, log, reader = new DiskSourceReader()) {
  const outputDir = settings.outputDir === null ? null : toPosix(path21.relative(settings.workingDirectory, settings.outputDir)) || ".";
  const planned = settings.declared ? await planDeclared(settings.declared, settings, toolchain.executable, toolchain.extSuffix, outputDir, log, reader) : planModules(
    withoutIncluded(sources, settings, log, reader),
    { workingDirectory: settings.workingDirectory, extSuffix: toolchain.extSuffix, outputDir },
    reader
  );
  const parsed = /* @__PURE__ */ new Map();
  const scan = { workingDirectory: settings.workingDirectory, includeDirs: settings.includeDirs, pythonPath: toolchain.sysPath ?? [] };
  const resolver = new DependencyResolver(scan, reader);
  const merged = settings.declared?.kind === "setup-py" ? planned : planned.map((spec) => withCimportedDirectives(spec, cimportedDirectives(spec, settings, resolver, reader, parsed)));
  return merged.map((spec) => isOptionalModule(spec.name, settings.optional) ? { ...spec, optional: true } : spec);
}
function withoutIncluded(sources, settings, log, reader) {
  const cython = sources.filter((s) => /\.(pyx|py)$/.test(s));
  const includesOf = (source) => {
    const text = reader.readFile(path21.join(settings.workingDirectory, source)) ?? "";
    return text.includes("include") ? scanReferences(text, "pyx").flatMap((ref) => ref.type === "include" ? [ref.path] : []) : [];
  };
  const included = [...includedSources(cython, includesOf)].filter(([file]) => !namedExplicitly(file, settings.sources));
  if (included.length === 0) return sources;
  const list = included.map(([file, by]) => `${file} (included by ${by})`).join(", ");
  log.info(`Not built as modules of their own, because another source includes them: ${list}; name one in sources to build it anyway`);
  const skip = new Set(included.map(([file]) => file));
  return sources.filter((s) => !skip.has(s));
}
async function planDeclared(declared, settings, python, extSuffix, outputDir, log, reader) {
  const wd = settings.workingDirectory;
  const origin = `${declared.kind === "setup-py" ? "setup-py" : "extensions"} (${path21.relative(wd, declared.file) || declared.file})`;
  const declaration = declared.kind === "setup-py" ? await readSetupPy(python, declared.file) : await readExtensionsFile(declared.file, wd, packageDirProbe(wd), python);
  for (const warning of declaration.warnings) log.warning(`${origin}: ${warning}`);
  const sizeOf = (file) => {
    const stat = fs13.statSync(path21.resolve(wd, file), { throwIfNoEntry: false });
    if (!stat) throw new Error(`Invalid ${origin}: the extension source ${file} does not exist (relative to ${wd})`);
    return stat.size;
  };
  let modules = declaredModules(
    declaration.extensions,
    { base: declaration.base, workingDirectory: wd, extSuffix, outputDir, sizeOf },
    origin
  );
  if (declared.kind === "extensions") modules = modules.map((spec) => withOwnDirectives(spec, wd, reader));
  rejectDuplicateNames(modules);
  if (modules.length === 0) {
    const message = `${origin} declares no extension modules`;
    if (settings.ifNoFilesFound === "error") throw new Error(`${message}; check it, or set if-no-files-found to warn or ignore`);
    if (settings.ifNoFilesFound === "warn") log.warning(message);
  }
  log.info(`${modules.length} extension ${modules.length === 1 ? "module" : "modules"} declared by ${origin}`);
  return modules;
}
function withOwnDirectives(spec, wd, reader) {
  if (spec.kind !== "cython") return spec;
  const own = parseDistutilsDirectives(reader.readFile(path21.join(wd, spec.source)) ?? "");
  const directives = {
    ...mergeCimported(spec.directives, [own]),
    sources: [...spec.directives.sources, ...own.sources.filter((s) => !spec.directives.sources.includes(s))],
    defineMacros: [...spec.directives.defineMacros, ...own.defineMacros]
  };
  const language = own.language ?? spec.directives.language ?? spec.language;
  return { ...spec, directives, language, generated: spec.generated.replace(/\.(c|cpp)$/, language === "c++" ? ".cpp" : ".c") };
}
function cimportedDirectives(spec, settings, resolver, reader, parsed) {
  if (spec.kind !== "cython") return [];
  const source = path21.join(settings.workingDirectory, spec.source);
  const directivesOf = (file) => {
    if (!parsed.has(file)) {
      const text = reader.readFile(file) ?? "";
      parsed.set(file, text.includes("distutils:") ? parseDistutilsDirectives(text) : null);
    }
    return parsed.get(file);
  };
  return resolver.filesOf(spec).filter((file) => file.path.endsWith(".pxd") && file.path !== source).flatMap((file) => directivesOf(file.path) ?? []);
}

// src/engine/prepare-build.ts
async function prepareBuild(settings, log, options = {}) {
  const detecting = detectHostFacts();
  const finding = findSources(settings.sources, settings.workingDirectory);
  for (const started of [detecting, finding]) started.catch(() => void 0);
  const probeStarted = Date.now();
  const toolchain = await probeToolchain(settings.python, settings.workingDirectory);
  const toolchainMs = Date.now() - probeStarted;
  log.info(describeToolchain(toolchain));
  const modules = await planProjectModules(
    settings,
    toolchain,
    settings.declared ? [] : checkFound(settings, await finding, log),
    log,
    options.reader
  );
  const facts = mergeHostFacts(options.hostFacts ?? {}, await detecting);
  checkLauncher(settings.compilerLauncher, process.env, settings.workingDirectory);
  const remote = describeRemote(remoteCapacity(settings.compilerLauncher, process.env));
  const decision = decideParallelism(facts, { jobs: settings.jobs, memoryPerJob: settings.memoryPerJob, modules: modules.length, remote });
  if (decision.lowered) log.warning(`jobs ${settings.jobs} lowered: ${decision.explanation}`);
  log.info(decision.explanation);
  return { settings, toolchain, facts, decision, modules: scheduleLongestFirst(modules, options.recordedMs ?? {}), toolchainMs };
}
function checkFound(settings, sources, log) {
  if (sources.length === 0) {
    const message = `No source files matched sources (${settings.sources.join(", ")}) in ${settings.workingDirectory}`;
    if (settings.ifNoFilesFound === "error") throw new Error(`${message}; check the patterns, or set if-no-files-found to warn or ignore`);
    if (settings.ifNoFilesFound === "warn") log.warning(message);
  }
  return sources;
}
function describeRemote(capacity) {
  if (!capacity) return void 0;
  const hosts = `${capacity.hosts} host${capacity.hosts === 1 ? "" : "s"}`;
  return { slots: capacity.slots, what: `${capacity.launcher}: ${capacity.slots} remote compile slots on ${hosts} (${capacity.source})` };
}
function describeToolchain(t) {
  return `Python ${t.version} (${t.executable}), Cython ${t.cython.version}, ${t.compilerVersion}, extension suffix ${t.extSuffix}`;
}
async function planToJson(plan, isCached) {
  const cached = await Promise.all(plan.modules.map((m) => isCached ? isCached(m) : false));
  return {
    jobs: plan.decision.jobs,
    requested: plan.decision.requested,
    limits: plan.decision.limits,
    explanation: plan.decision.explanation,
    facts: plan.facts,
    python: {
      executable: plan.toolchain.executable,
      version: plan.toolchain.version,
      extSuffix: plan.toolchain.extSuffix,
      cython: plan.toolchain.cython.version
    },
    toBuild: cached.filter((c) => !c).length,
    fromCache: cached.filter(Boolean).length,
    modules: plan.modules.map((m, i) => ({
      name: m.name,
      source: m.source,
      language: m.language,
      generated: m.generated,
      output: m.output,
      cached: cached[i],
      ...declaredFields(m)
    }))
  };
}
function declaredFields(m) {
  const set = Object.entries(m.directives).filter(([, v]) => Array.isArray(v) ? v.length > 0 : v !== void 0);
  return {
    ...set.length > 0 ? { directives: Object.fromEntries(set) } : {},
    ...m.cythonArgs && m.cythonArgs.length > 0 ? { cythonArgs: m.cythonArgs } : {},
    ...m.optional ? { optional: true } : {}
  };
}

// src/settings/shell-words.ts
function splitShellWords(text, inputName) {
  const words = [];
  let word = "";
  let inWord = false;
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === "\\" && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) word += text[++i];
      else word += ch;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      inWord = true;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === "\\" && i + 1 < text.length) word += text[++i];
      else word += ch;
    }
  }
  if (quote)
    throw new InputError(
      `Invalid ${inputName}: unclosed ${quote} quote in ${JSON.stringify(text)}; quote words with matching ' or " (the text is split like a shell command line, never run)`
    );
  if (inWord) words.push(word);
  return words;
}

// src/settings/parse-inputs.ts
function parseJobs(text, inputName = "jobs") {
  const value = text.trim().toLowerCase();
  if (value === "" || value === "auto") return "auto";
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
  throw new InputError(`Invalid ${inputName} "${text}": expected "auto" or a positive whole number such as 4`);
}
function parseBoolean(text, inputName, fallback) {
  const value = text.trim().toLowerCase();
  if (value === "") return fallback;
  if (["true", "yes", "1", "on"].includes(value)) return true;
  if (["false", "no", "0", "off"].includes(value)) return false;
  throw new InputError(`Invalid ${inputName} "${text}": expected true or false`);
}
function parseLines(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
}
function parsePathList(text) {
  const lines = parseLines(text);
  return lines.length === 1 && lines[0].includes(",") ? lines[0].split(",").map((s) => s.trim()).filter(Boolean) : lines;
}
var MACRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function parseDefines(text, inputName = "define") {
  return splitShellWords(text, inputName).map((word) => {
    const eq = word.indexOf("=");
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!MACRO_NAME.test(name)) {
      throw new InputError(
        `Invalid ${inputName} "${word}": expected NAME or NAME=VALUE with a C identifier as NAME, e.g. NPY_NO_DEPRECATED_API=NPY_1_7_API_VERSION`
      );
    }
    return [name, eq < 0 ? null : word.slice(eq + 1)];
  });
}
var DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i;
var DURATION_UNIT = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var MAX_TIMER_MS = 2 ** 31 - 1;
function parseTimeLimit(text, inputName) {
  const ms = parseDuration(text, inputName);
  return ms === null ? null : Math.min(ms, MAX_TIMER_MS);
}
function parseDuration(text, inputName) {
  const value = text.trim();
  if (value === "" || value.toLowerCase() === "none") return null;
  const match = DURATION.exec(value);
  const ms = match ? Number(match[1]) * DURATION_UNIT[(match[2] ?? "s").toLowerCase()] : NaN;
  if (!match || !(ms > 0)) {
    throw new InputError(
      `Invalid ${inputName} "${text}": expected a duration such as 600, 90s, 10m or 1h (a bare number is seconds), or none`
    );
  }
  return ms;
}
function parseChoice(text, inputName, choices, fallback) {
  const value = text.trim().toLowerCase();
  if (value === "") return fallback;
  if (choices.includes(value)) return value;
  throw new InputError(`Invalid ${inputName} "${text}": expected one of ${choices.join(", ")}`);
}
var MAX_SHARDS = 256;
function parseShard(text, inputName = "shard") {
  const value = text.trim().toLowerCase();
  if (value === "") return null;
  const part = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const gather = /^gather\s*\/\s*(\d+)$/.exec(value);
  const count = Number(part?.[2] ?? gather?.[1]);
  const index = Number(part?.[1]);
  if (gather && count >= 1 && count <= MAX_SHARDS) return { kind: "gather", count };
  if (part && count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count) return { kind: "part", index, count };
  throw new InputError(
    `Invalid ${inputName} "${text}": expected I/N to build part I of N (1 <= I <= N <= ${MAX_SHARDS}, e.g. 2/3), or gather/N to merge the stores of N shards and build what they left (e.g. gather/3), or empty for one job`
  );
}

// src/plan/shard.ts
function splitIntoShards(items, count) {
  checkCount(count);
  const shards = Array.from({ length: count }, (_, i) => ({ index: i + 1, modules: [], predicted: 0 }));
  const order = [...items].sort((a, b) => b.cost - a.cost || compareNames(a.name, b.name));
  for (const item of order) {
    const target = shards.reduce((least, shard) => shard.predicted < least.predicted ? shard : least);
    target.modules.push(item.name);
    target.predicted += item.cost;
  }
  return shards;
}
function checkCount(count) {
  if (!(Number.isInteger(count) && count >= 1 && count <= MAX_SHARDS)) {
    throw new Error(`Invalid shard count ${count}: expected a whole number from 1 to ${MAX_SHARDS}`);
  }
}
function compareNames(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/engine/select-shard.ts
async function selectShard(modules, request, recordedMs, isCached) {
  const costs = predictCosts(modules, recordedMs);
  const cached = await Promise.all(modules.map(isCached));
  const items = modules.map((m, i) => ({ name: m.name, cost: cached[i] ? 0 : costs.get(m) }));
  const basis = costBasis(modules, recordedMs);
  return {
    index: request.index,
    count: request.count,
    basis,
    unit: basis === "size" ? "bytes" : "ms",
    shards: splitIntoShards(items, request.count)
  };
}
function modulesOfShard(modules, selection) {
  const mine = new Set(selection.shards[selection.index - 1].modules);
  return modules.filter((m) => mine.has(m.name));
}
function logShard(log, selection, total) {
  const mine = selection.shards[selection.index - 1];
  const sum = selection.shards.reduce((s, shard) => s + shard.predicted, 0);
  const amount = (ms) => selection.basis === "size" ? `${percent(ms, sum)} of the work by source size` : `predicted ${seconds(ms)}`;
  log.info(`Shard ${selection.index}/${selection.count}: ${mine.modules.length} of ${total} modules, ${amount(mine.predicted)}`);
  log.info(
    `Split (${describeBasis(selection.basis)}): ${selection.shards.map((s) => `shard ${s.index} ${s.modules.length} modules, ${amount(s.predicted)}`).join("; ")}`
  );
  log.info(`Shard ${selection.index} builds: ${mine.modules.map((name) => JSON.stringify(name).slice(1, -1)).join(", ") || "(nothing)"}`);
}
function costBasis(modules, recordedMs) {
  const recorded = modules.filter((m) => recordedMs[m.name] !== void 0).length;
  return recorded === 0 ? "size" : recorded === modules.length ? "recorded" : "mixed";
}
function describeBasis(basis) {
  if (basis === "recorded") return "by the durations recorded in the store";
  if (basis === "mixed") return "recorded durations, source size where none is recorded";
  return "no recorded durations yet: by source size";
}
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
function percent(part, whole) {
  return `${whole > 0 ? Math.round(part / whole * 100) : 0}%`;
}

// src/engine/setuptools-build-lib.ts
import * as fs14 from "node:fs/promises";
import * as path22 from "node:path";
function setuptoolsBuildLib(setupDir, toolchain) {
  return path22.join(setupDir, "build", `lib.${toolchain.sysconfigPlatform}-${toolchain.cacheTag}`);
}
async function placeForSetuptools(results, workingDirectory, buildLib) {
  let placed = 0;
  for (const r of results) {
    if (r.status !== "built" && r.status !== "cached") continue;
    const dest = path22.join(buildLib, ...r.module.name.split(".").slice(0, -1), path22.basename(r.module.output));
    await fs14.mkdir(path22.dirname(dest), { recursive: true });
    await replaceAtomically(dest, (temp) => fs14.copyFile(path22.join(workingDirectory, r.module.output), temp));
    placed++;
  }
  return placed;
}

// src/engine/run-engine.ts
async function runEngine(settings, options) {
  const { plan, cache, timings } = await planAndFingerprint(settings, options);
  const isCached = (spec) => cache ? cache.lists(spec) : Promise.resolve(false);
  if (settings.dryRun) {
    const shard2 = await takeShard(plan, settings, await recordedDurations(settings), isCached, options.log);
    return { kind: "plan", plan: { ...await planToJson(plan, cache && ((spec) => cache.has(spec))), ...shard2 ? { shard: shard2 } : {}, timings } };
  }
  let recorded = await recordedDurations(settings);
  if (cache && options.restoreStore) {
    await options.restoreStore(cache.keyParts(), settings.cache.dir);
    recorded = await cache.store.readDurations().catch(() => ({}));
    plan.modules = scheduleLongestFirst(plan.modules, recorded);
  }
  const shard = await takeShard(plan, settings, recorded, isCached, options.log);
  const outcome = await executeBuild(plan, { signal: options.signal, log: options.log, registry: options.registry, cache });
  await cache?.close();
  await placeForSetuptoolsWhenDeclared(settings, outcome, options.log);
  return { kind: "outcome", outcome: shard ? { ...outcome, shard } : outcome };
}
async function takeShard(plan, settings, recorded, isCached, log) {
  if (settings.shard && !settings.cache.enabled)
    log.warning(
      `shard ${settings.shard.kind === "part" ? "I/N" : "gather/N"} with the cache off: no store carries modules between the shards and the gather step`
    );
  if (settings.shard?.kind === "gather")
    log.info(`Gathering ${settings.shard.count} shards: building every module no shard left in the store`);
  if (settings.shard?.kind !== "part") return void 0;
  const selection = await selectShard(plan.modules, settings.shard, recorded, isCached);
  logShard(log, selection, plan.modules.length);
  plan.modules = modulesOfShard(plan.modules, selection);
  return selection;
}
async function placeForSetuptoolsWhenDeclared(settings, outcome, log) {
  if (settings.declared?.kind !== "setup-py" || settings.outputDir !== null) return;
  const buildLib = setuptoolsBuildLib(path23.dirname(settings.declared.file), outcome.toolchain);
  try {
    const placed = await placeForSetuptools(outcome.results, settings.workingDirectory, buildLib);
    if (placed > 0)
      log.info(
        `Also copied ${placed} modules to ${buildLib}, where setuptools looks: setup.py build_ext --inplace and pip install -e then compile nothing`
      );
  } catch (err) {
    log.warning(`Could not copy the modules to ${buildLib} for setuptools: ${err.message}`);
  }
}
async function planAndFingerprint(settings, options) {
  const started = Date.now();
  const reader = settings.cache.enabled ? new DiskSourceReader() : void 0;
  const plan = await prepareBuild(settings, options.log, {
    hostFacts: options.hostFacts,
    recordedMs: await recordedDurations(settings),
    reader
  });
  const planned = Date.now();
  const cache = await openModuleCache(settings, plan, options.log, reader);
  const timings = { toolchainMs: plan.toolchainMs, planMs: planned - started - plan.toolchainMs, fingerprintMs: Date.now() - planned };
  return { plan, cache, timings };
}

// src/report/failure-line.ts
function failureLine(results, shown = 10) {
  const failed = results.filter((r) => r.status === "failed" && !r.module.optional).sort((a, b) => a.module.source.localeCompare(b.module.source));
  if (failed.length === 0) return void 0;
  const items = failed.slice(0, shown).map((r) => `${r.module.source} (${shortReason(r)})`);
  const more = failed.length > shown ? `, and ${failed.length - shown} more` : "";
  const noun = results.length === 1 ? "module" : "modules";
  return `${failed.length} of ${results.length} ${noun} failed: ${items.join(", ")}${more}`;
}
function shortReason(r) {
  return r.reason ?? "failed";
}

// src/report/fix-hints.ts
function missingInput(d) {
  if (d.severity !== "error") return void 0;
  let m = /^(?:C1083: Cannot open include file: )?'?([^':\s]+)'?(?:: No such file or directory| file not found)$/.exec(d.message);
  if (m && d.tool !== "linker" && d.tool !== "cython" && !/\.(c|cc|cpp|cxx|m|mm|o|obj)$/i.test(m[1])) return { header: m[1] };
  m = /^cannot find -l(\S+?)(?::|$)/.exec(d.message) ?? /^LNK1181: cannot open input file '(.+?)(?:\.lib)?'$/.exec(d.message);
  if (m) return { library: m[1] };
  return void 0;
}
function missingInputs(results) {
  const headers = /* @__PURE__ */ new Map();
  const libraries = /* @__PURE__ */ new Map();
  for (const r of results) {
    if (r.status !== "failed") continue;
    for (const d of r.diagnostics) {
      const missing = missingInput(d);
      if (!missing) continue;
      const [map, name] = "header" in missing ? [headers, missing.header] : [libraries, missing.library];
      const users = map.get(name) ?? [];
      if (!users.includes(r.module.source)) map.set(name, [...users, r.module.source].sort());
    }
  }
  return { headers, libraries };
}
function modulesText(users) {
  return users.length <= 3 ? users.join(", ") : `${users.slice(0, 3).join(", ")} and ${users.length - 3} more`;
}
function whereToAdd(header) {
  const parts = header.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length < 2) return "add the directory that holds it";
  const dir = parts.slice(0, -1).join("/");
  return `add the directory that contains ${dir}/ (not ${dir}/ itself)`;
}
function fixHints(results) {
  const { headers, libraries } = missingInputs(results);
  const hints = [];
  const numpy = [...headers].filter(([h]) => h.startsWith("numpy/"));
  if (numpy.length > 0) {
    const users = [...new Set(numpy.flatMap(([, u]) => u))].sort();
    hints.push(
      `numpy's headers are not on the include path (needed by ${modulesText(users)}): add the directory that \`python -c "import numpy; print(numpy.get_include())"\` prints to include-dirs (-I DIR locally), as setup.py's include_dirs=[numpy.get_include()] does`
    );
  }
  for (const [header, users] of headers) {
    if (/^[a-z_]+$/.test(header)) {
      hints.push(
        `Header <${header}> is a C++ standard header (needed by ${modulesText(users)}): the module is compiled as C; declare C++ with "# distutils: language = c++" (in the .pyx or a .pxd it cimports) or language="c++" in setup.py`
      );
    } else if (!header.startsWith("numpy/"))
      hints.push(
        `Header ${header} was not found (needed by ${modulesText(users)}): ${whereToAdd(header)} to include-dirs (-I DIR locally), or install the package that provides it`
      );
  }
  for (const [library, users] of libraries) {
    hints.push(
      `Library ${library} was not found at link time (needed by ${modulesText(users)}): install it, or add its directory with "# distutils: library_dirs = DIR" or link-args (-L DIR, /LIBPATH:DIR on Windows)`
    );
  }
  return hints;
}

// src/diagnostics/diagnostic-place.ts
function placeOf(d) {
  if (!d.file) return "";
  return [d.file, d.line, d.line !== void 0 ? d.column : void 0].filter((p) => p !== void 0).join(":");
}
function describeDiagnostic(d) {
  const place = placeOf(d);
  return place ? `${place}: ${d.message}` : d.message;
}

// src/report/json-report.ts
import * as fs15 from "node:fs/promises";
import * as path24 from "node:path";
var REPORT_VERSION = 1;
var REPORT_GENERATOR = "cython-fanout";
function buildReport(outcome) {
  return {
    generator: REPORT_GENERATOR,
    version: REPORT_VERSION,
    startedAt: outcome.startedAt.toISOString(),
    durationMs: outcome.durationMs,
    cancelled: outcome.cancelled,
    counts: countResults(outcome.results),
    jobs: outcome.decision.jobs,
    parallelism: { explanation: outcome.decision.explanation, limits: outcome.decision.limits },
    python: {
      executable: outcome.toolchain.executable,
      version: outcome.toolchain.version,
      extSuffix: outcome.toolchain.extSuffix,
      cython: outcome.toolchain.cython.version,
      compiler: outcome.toolchain.compilerVersion
    },
    cache: outcome.cache,
    shard: outcome.shard ?? null,
    modules: outcome.results.map(moduleEntry)
  };
}
function moduleEntry(r) {
  return {
    source: r.module.source,
    module: r.module.name,
    output: r.module.output,
    generated: r.module.kind === "cython" ? r.module.generated : null,
    language: r.module.language,
    status: r.status,
    phase: r.phase ?? null,
    exitCode: r.exitCode ?? null,
    signal: r.signal ?? null,
    reason: r.reason ?? null,
    durationsMs: r.durations,
    commands: r.commands ?? [],
    diagnostics: r.diagnostics.map((d) => ({
      file: d.file,
      line: d.line ?? null,
      column: d.column ?? null,
      severity: d.severity,
      message: d.message,
      tool: d.tool
    }))
  };
}
async function writeReport(file, outcome) {
  const refusal = await refusalToReplace(file);
  if (refusal) return `report: not written, ${refusal}`;
  try {
    await fs15.mkdir(path24.dirname(file), { recursive: true });
    await writeFileAtomically(file, JSON.stringify(buildReport(outcome), null, 2) + "\n");
    return null;
  } catch (err) {
    const e = err;
    return `report: could not write ${file} (${e.code ?? e.message}); the build itself is unaffected`;
  }
}
async function refusalToReplace(file) {
  const stat = await fs15.lstat(file).catch((err) => err.code === "ENOENT" ? null : err);
  if (stat === null) return null;
  if (stat instanceof Error) return `${file} cannot be checked (${stat.code ?? stat.message})`;
  if (stat.isDirectory()) return `${file} is a directory; name a file such as ${path24.join(file, "cython-fanout-report.json")}`;
  if (!stat.isFile()) return `${file} is not a regular file`;
  if (!await isOurReport(file))
    return `${file} exists and is not a cython-fanout report; it is left as it is (remove it, or name another file)`;
  return null;
}
async function isOurReport(file) {
  try {
    const parsed = JSON.parse(await fs15.readFile(file, "utf8"));
    return parsed !== null && typeof parsed === "object" && parsed.generator === REPORT_GENERATOR;
  } catch {
    return false;
  }
}

// src/settings/settings.ts
import * as path25 from "node:path";
var INPUT_NAMES = [
  "sources",
  "working-directory",
  "python",
  "jobs",
  "memory-per-job",
  "cython-args",
  "include-dirs",
  "define",
  "compile-args",
  "link-args",
  "output-dir",
  "fail-fast",
  "timeout-per-file",
  "dry-run",
  "if-no-files-found",
  "cache",
  "cache-dir",
  "cache-key-prefix",
  "cache-max-size",
  "report",
  "setup-py",
  "extensions",
  "optional",
  "shard",
  "compiler-launcher"
];
function parseSettings(raw, defaults) {
  const get = (name) => raw[name] ?? "";
  const workingDirectory = notRoot(path25.resolve(defaults.baseDirectory, get("working-directory").trim() || "."), get("working-directory"));
  const resolveFromWorkdir = (p) => path25.resolve(workingDirectory, p);
  const sources = parseLines(get("sources"));
  return {
    sources: sources.length > 0 ? sources : [DEFAULT_SOURCES],
    workingDirectory,
    python: get("python").trim() || null,
    jobs: parseJobs(get("jobs")),
    memoryPerJob: get("memory-per-job").trim() ? parseByteSize(get("memory-per-job"), "memory-per-job") : DEFAULT_MEMORY_PER_JOB,
    cythonArgs: splitShellWords(get("cython-args"), "cython-args"),
    includeDirs: parsePathList(get("include-dirs")),
    defines: parseDefines(get("define")),
    compileArgs: splitShellWords(get("compile-args"), "compile-args"),
    linkArgs: splitShellWords(get("link-args"), "link-args"),
    outputDir: get("output-dir").trim() ? resolveFromWorkdir(get("output-dir").trim()) : null,
    failFast: parseBoolean(get("fail-fast"), "fail-fast", false),
    timeoutPerFile: parseTimeLimit(get("timeout-per-file"), "timeout-per-file"),
    dryRun: parseBoolean(get("dry-run"), "dry-run", false),
    ifNoFilesFound: parseChoice(
      get("if-no-files-found"),
      "if-no-files-found",
      ["error", "warn", "ignore"],
      INPUT_DEFAULTS["if-no-files-found"]
    ),
    cache: {
      enabled: parseBoolean(get("cache"), "cache", true),
      dir: path25.resolve(defaults.baseDirectory, get("cache-dir").trim() || defaults.cacheDir),
      keyPrefix: parseKeyPrefix(get("cache-key-prefix")),
      maxSize: parseByteSize(get("cache-max-size").trim() || DEFAULT_CACHE_MAX_SIZE, "cache-max-size"),
      pruneUnused: defaults.pruneUnusedCacheEntries
    },
    reportPath: get("report").trim() ? resolveFromWorkdir(get("report").trim()) : null,
    shard: parseShard(get("shard")),
    compilerLauncher: parseLauncher(get("compiler-launcher"), resolveFromWorkdir),
    declared: checkNoSources(parseDeclared(get("setup-py"), get("extensions"), resolveFromWorkdir), sources),
    optional: parseLines(get("optional"))
  };
}
function checkNoSources(declared, sources) {
  if (declared && sources.length > 0 && !(sources.length === 1 && sources[0] === "**/*.pyx")) {
    throw new InputError(
      `Invalid sources "${sources.join(" ")}": with ${declared.kind} the modules come from ${declared.file}; leave sources empty`
    );
  }
  return declared;
}
function parseDeclared(setupPy, extensions, resolve10) {
  const setup = setupPy.trim();
  const fromSetup = setup === "" || /^(false|no|off|0)$/i.test(setup) ? null : /^(true|yes|on|1)$/i.test(setup) ? "setup.py" : setup;
  if (fromSetup && extensions.trim()) {
    throw new InputError(`Invalid setup-py "${setupPy}": setup-py and extensions both declare the modules; set only one`);
  }
  if (fromSetup) return { kind: "setup-py", file: resolve10(fromSetup) };
  return extensions.trim() ? { kind: "extensions", file: resolve10(extensions.trim()) } : null;
}
function notRoot(dir, text) {
  if (path25.parse(dir).root !== dir) return dir;
  throw new InputError(
    `Invalid working-directory "${text || dir}": the file system root would search the whole machine; expected the project's directory, e.g. . or src`
  );
}
function parseKeyPrefix(text) {
  const value = text.trim() || DEFAULT_CACHE_KEY_PREFIX;
  if (value.includes(",") || value.length > 200) {
    throw new InputError(
      `Invalid cache-key-prefix "${text}": expected a short name without commas (at most 200 characters), e.g. cython-fanout-v2`
    );
  }
  return value;
}
function parseLauncher(text, resolveFromWorkdir) {
  const [program, ...args] = splitShellWords(text, "compiler-launcher");
  if (program === void 0) return [];
  return [/[\\/]/.test(program) ? resolveFromWorkdir(program) : program, ...args];
}

export {
  countResults,
  cancelOnSignals,
  firstError,
  deduplicate,
  formatDuration,
  readHostFactsFile,
  probeToolchain,
  runEngine,
  failureLine,
  shortReason,
  fixHints,
  placeOf,
  describeDiagnostic,
  writeReport,
  INPUT_NAMES,
  parseSettings
};
