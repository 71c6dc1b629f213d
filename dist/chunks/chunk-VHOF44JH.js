import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);
import {
  debug,
  getExecOutput
} from "./chunk-FLXNIICS.js";

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
  get size() {
    return this.live.size;
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

// src/report/parse-diagnostics.ts
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
  const next = cur.lines[cur.index + 1] ?? "";
  const context = /^\s+\S/.test(next) ? [next] : [];
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
  const clang = lines.some((l) => /^\d+ (warnings?|errors?)( and \d+ errors?)? generated\.$/.test(l) || /^(?:.*[/\\])?clang(\+\+)?(-[\d.]+)?(\.exe)?: /.test(l));
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
import { readFile as readFile2 } from "node:fs/promises";
import * as os from "node:os";

// src/host/cgroup.ts
import { readFile } from "node:fs/promises";
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
    const match3 = /^(\d+):([^:]*):(\/.*)$/.exec(line.trim());
    if (!match3) continue;
    const [, id, controllers, cgroupPath] = match3;
    if (id === "0" && controllers === "") paths.v2 = cgroupPath;
    for (const controller of controllers.split(",")) if (controller) paths.v1.set(controller, cgroupPath);
  }
  return paths;
}
async function readCgroupLimits(location = {}) {
  const root = location.cgroupRoot ?? "/sys/fs/cgroup";
  const paths = parseProcSelfCgroup(await readText(location.procSelfCgroup ?? "/proc/self/cgroup") ?? "");
  const v2Dirs = candidateDirs(root, paths.v2);
  const cpuDirs = v1Mounts(root, ["cpu", "cpu,cpuacct"]).flatMap((mount) => candidateDirs(mount, paths.v1.get("cpu") ?? null));
  const memoryDirs = candidateDirs(path.join(root, "memory"), paths.v1.get("memory") ?? null);
  const [v2Cpu, v1Cpu, v2Memory, v1Memory] = await Promise.all([
    readEach(v2Dirs, async (dir) => parseOptional(await readText(path.join(dir, "cpu.max")), parseCpuMax)),
    readEach(cpuDirs, readV1Quota),
    readEach(v2Dirs, async (dir) => parseOptional(await readText(path.join(dir, "memory.max")), parseMemoryLimit)),
    readEach(memoryDirs, async (dir) => parseOptional(await readText(path.join(dir, "memory.limit_in_bytes")), parseMemoryLimit))
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
  const [quota, period] = await Promise.all([readText(path.join(dir, "cpu.cfs_quota_us")), readText(path.join(dir, "cpu.cfs_period_us"))]);
  return quota === null || period === null ? null : parseV1Quota(quota, period);
}
async function readEach(dirs, read) {
  return Promise.all(dirs.map(read));
}
function parseOptional(text, parse) {
  return text === null ? null : parse(text);
}
function smallest(values) {
  const found = values.filter((value) => value !== null);
  return found.length > 0 ? Math.min(...found) : null;
}
async function readText(file) {
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
  const match3 = SIZE.exec(text.trim());
  const bytes2 = match3 ? Math.floor(Number(match3[1]) * MULTIPLIERS[(match3[2] ?? "").toLowerCase()]) : NaN;
  if (!Number.isSafeInteger(bytes2)) {
    throw new Error(`Invalid ${inputName} "${text}": expected a size such as 2GiB, 1.5GiB, 800MiB or a number of bytes`);
  }
  return bytes2;
}
var UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];
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

// src/host/detect-facts.ts
async function detectHostFacts(options = {}) {
  const overridden = options.cgroupRoot !== void 0 || options.procSelfCgroup !== void 0;
  const totalMemory = os.totalmem();
  const [cgroup, affinityCpus, availableMemory] = await Promise.all([
    readCgroupLimits(options),
    detectAffinityCpus(),
    detectAvailableMemory(totalMemory)
  ]);
  return {
    platform: process.platform,
    arch: process.arch,
    logicalCpus: os.cpus().length || affinityCpus,
    affinityCpus,
    cgroupCpuQuota: cgroup.cpuQuota,
    totalMemory,
    availableMemory,
    cgroupMemoryLimit: overridden ? cgroup.memoryLimit : smallestLimit(cgroup.memoryLimit, constrainedMemory(totalMemory))
  };
}
async function detectAffinityCpus() {
  const fallback = Math.max(1, os.availableParallelism());
  if (process.platform !== "linux") return fallback;
  const status = await readOptional("/proc/self/status");
  const list = status === null ? null : /^Cpus_allowed_list:\s*(\S+)/m.exec(status);
  return list && countCpuList(list[1]) || fallback;
}
function countCpuList(text) {
  let count = 0;
  for (const range2 of text.trim().split(",")) {
    const match3 = /^(\d+)(?:-(\d+))?$/.exec(range2);
    if (!match3) return null;
    const first = Number(match3[1]);
    const last = match3[2] === void 0 ? first : Number(match3[2]);
    if (last < first) return null;
    count += last - first + 1;
  }
  return count > 0 ? count : null;
}
async function detectAvailableMemory(totalMemory) {
  const found = process.platform === "linux" ? parseMemAvailable(await readOptional("/proc/meminfo") ?? "") : process.platform === "darwin" ? parseVmStat(await runVmStat()) : null;
  return Math.min(found ?? os.freemem(), totalMemory);
}
function parseMemAvailable(meminfo) {
  const match3 = /^MemAvailable:\s*(\d+)\s*kB/m.exec(meminfo);
  return match3 ? Number(match3[1]) * 1024 : null;
}
function parseVmStat(text) {
  const pageSize = /page size of (\d+) bytes/.exec(text);
  if (!pageSize) return null;
  const pages = ["Pages free", "Pages inactive", "Pages speculative"].map((label) => {
    const match3 = new RegExp(`^${label}:\\s*(\\d+)`, "m").exec(text);
    return match3 ? Number(match3[1]) : null;
  });
  if (pages[0] === null) return null;
  return pages.reduce((sum, count) => sum + (count ?? 0), 0) * Number(pageSize[1]);
}
function runVmStat() {
  return new Promise((resolve3) => {
    execFile("vm_stat", { timeout: 5e3 }, (error, stdout) => resolve3(error ? "" : stdout));
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
async function readOptional(file) {
  try {
    return await readFile2(file, "utf8");
  } catch {
    return null;
  }
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
  cgroupMemoryLimit: { check: (v) => v === null ? null : bytes(v), accepted: 'bytes (a number of 0 or more), a size such as "4GiB", or null' }
};
async function readHostFactsFile(file) {
  let text;
  try {
    text = await readFile2(file, "utf8");
  } catch (error) {
    throw new Error(`Cannot read host facts file "${file}": ${error.code ?? String(error)}`);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid host facts file "${file}": not JSON (${error.message.split("\n")[0]})`);
  }
  return validateHostFacts(json, file);
}
function validateHostFacts(json, file) {
  const fieldList = Object.keys(FIELDS).join(", ");
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new Error(`Invalid host facts file "${file}": expected a JSON object with some of the fields ${fieldList}`);
  }
  const facts = {};
  for (const [name, value] of Object.entries(json)) {
    const field = FIELDS[name];
    if (!field) throw new Error(`Invalid host facts file "${file}": unknown field "${name}"; accepted fields are ${fieldList}`);
    const checked = field.check(value);
    if (checked === void 0) {
      throw new Error(`Invalid host facts file "${file}": field "${name}" is ${JSON.stringify(value)}; expected ${field.accepted}`);
    }
    facts[name] = checked;
  }
  const partial = facts;
  if (partial.availableMemory !== void 0 && partial.totalMemory !== void 0 && partial.availableMemory > partial.totalMemory) {
    throw new Error(`Invalid host facts file "${file}": field "availableMemory" is more than totalMemory; expected at most the total`);
  }
  return partial;
}
function mergeHostFacts(partial, detected) {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== void 0));
  const merged = { ...detected, ...defined };
  if (defined.logicalCpus !== void 0 && defined.affinityCpus === void 0) merged.affinityCpus = defined.logicalCpus;
  if (defined.totalMemory !== void 0 && defined.availableMemory === void 0) merged.availableMemory = defined.totalMemory;
  return merged;
}

// src/toolchain/probe-toolchain.ts
import * as fs from "node:fs";
import * as path2 from "node:path";

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
}
print(json.dumps(facts))
`;

// src/toolchain/command-lines.ts
function cythonCommand(spec, flags, generatedOut) {
  return [
    ...flags.cythonArgs,
    ...spec.language === "c++" ? ["--cplus"] : [],
    ...[...flags.includeDirs, ...spec.directives.includeDirs].flatMap((dir) => ["-I", dir]),
    "-o",
    generatedOut,
    spec.source
  ];
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
  const macros = [...flags.defines, ...spec.directives.defineMacros, ...platformMacros(toolchain)];
  const includes = [...spec.directives.includeDirs, ...flags.includeDirs, ...toolchain.buildExt.includeDirs];
  const extra = [...spec.directives.extraCompileArgs, ...flags.compileArgs];
  if (compiler.type === "unix") {
    const pp2 = preprocessorOptions(macros, includes);
    return sources.map((source) => {
      const object = objectFor(source);
      return { argv: unixCompile(compiler, toolchain, source, object, pp2, extra), source, object };
    });
  }
  const pp = preprocessorOptions(macros, [...includes, ...compiler.includeDirs]);
  return sources.map((source, i) => {
    const object = objectFor(source);
    const cxxSeen = sources.slice(0, i + 1).some(isCxxSource);
    return { argv: msvcCompile(compiler, source, object, pp, extra, cxxSeen), source, object };
  });
}
function platformMacros(toolchain) {
  return toolchain.freeThreaded && toolchain.compiler.type === "msvc" ? [["Py_GIL_DISABLED", "1"]] : [];
}
function preprocessorOptions(macros, includes) {
  return [...macros.map(([n, v]) => v === null ? `-D${n}` : `-D${n}=${v}`), ...includes.map((d) => `-I${d}`)];
}
function unixCompile(c, t, src, obj, pp, extra) {
  const ccArgs = [...pp, "-c"];
  const base = isCxxSource(src) ? c.compilerSoCxx : c.compilerSo;
  return [...darwinFixup(t, base, [...ccArgs, ...extra]), ...ccArgs, src, "-o", obj, ...extra];
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
  if (compiler.type === "unix") {
    const rpath = toolchain.buildExt.rpath.map((d) => `-Wl,-rpath,${d}`);
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
    result = await getExecOutput(python, ["-"], { cwd, silent: true, ignoreReturnCode: true, input: Buffer.from(TOOLCHAIN_QUERY) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/Unable to locate executable file/i.test(message)) return void 0;
    throw new Error(`Could not start Python ${python}: ${message.replace(/\s*\n\s*/g, " ")}`);
  }
  if (result.exitCode !== 0) {
    throw new Error(`Python ${python} could not describe its build toolchain (exit ${result.exitCode}): ${lastLine(result.stderr)}`);
  }
  return JSON.parse(result.stdout.trim().split("\n").pop());
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
      const r = await getExecOutput(other, ["-c", "import sys, Cython; print(sys.executable)"], { cwd, silent: true, ignoreReturnCode: true });
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
      `C compiler not found: ${program} (the compiler ${t.executable}'s sysconfig names) is not on PATH (${searchPath(env)}); install it (Debian/Ubuntu: apt-get install gcc; macOS: xcode-select --install) or set CC`
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

// src/engine/execute-build.ts
import * as fs5 from "node:fs/promises";
import * as path6 from "node:path";

// src/pool/build-module.ts
import * as fs3 from "node:fs/promises";
import * as path4 from "node:path";

// src/pool/move-into-place.ts
import * as fs2 from "node:fs/promises";
import * as path3 from "node:path";
async function moveIntoPlace(from, to) {
  await fs2.mkdir(path3.dirname(to), { recursive: true });
  try {
    await fs2.rename(from, to);
  } catch (err) {
    if (err.code !== "EXDEV") throw err;
    const temp = `${to}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs2.copyFile(from, temp);
      await fs2.rename(temp, to);
    } finally {
      await fs2.rm(temp, { force: true });
    }
    await fs2.rm(from, { force: true });
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
  return new Promise((resolve3) => {
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
      resolve3({ exitCode: null, signal: null, output: capture.text(), durationMs: Date.now() - started, timedOut, cancelled, ...outcome });
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

// src/pool/failure-reason.ts
var PHASE_WORDS = { cython: "cython", compile: "C compile", link: "link" };
var RESOURCE_CODES = /* @__PURE__ */ new Set(["EAGAIN", "EMFILE", "ENFILE", "ENOMEM"]);
function isResourceShortage(code) {
  return RESOURCE_CODES.has(code);
}
function describeFailure(phase, outcome, timeoutMs, searchPath2) {
  const where = PHASE_WORDS[phase];
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

// src/pool/build-module.ts
async function buildModule(spec, cython, ctx, index) {
  const run = new ModuleRun(spec, ctx, path4.join(ctx.stagingRoot, `${index}-${spec.name}`));
  try {
    await fs3.mkdir(run.stage, { recursive: true });
    return await run.execute(cython);
  } finally {
    await fs3.rm(run.stage, { recursive: true, force: true }).catch(() => {
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
  async execute(cython) {
    if (this.spec.kind === "cython") {
      const staged2 = path4.join(this.stage, path4.basename(this.spec.generated));
      const failed2 = await this.step("cython", () => cython.run(cythonCommand(this.spec, this.cythonFlags(), staged2), this.options())) ?? await this.install("cython", () => this.installGenerated());
      if (failed2) return failed2;
    }
    const objects = [];
    const objectExt = this.ctx.toolchain.compiler.type === "msvc" ? ".obj" : ".o";
    const steps = compileCommands(
      this.spec,
      this.ctx.toolchain,
      this.ctx.flags,
      compileSources(this.spec, this.spec.generated),
      (src) => path4.join(this.stage, `${objects.push(src)}-${path4.basename(src)}${objectExt}`)
    );
    for (const compile of steps) {
      const failed2 = await this.step("compile", () => runProcess(compile.argv, this.options()));
      if (failed2) return failed2;
    }
    const staged = path4.join(this.stage, path4.basename(this.spec.output));
    const link = linkCommand(this.spec, this.ctx.toolchain, this.ctx.flags, steps.map((s) => s.object), staged);
    const failed = await this.step("link", () => runProcess(link, this.options())) ?? await this.install("link", () => moveIntoPlace(staged, path4.join(this.ctx.workingDirectory, this.spec.output)));
    return failed ?? this.done({ status: "built" });
  }
  /** cythonize searches the working directory for `.pxd`/`.pxi` files after the given include dirs; so do we. */
  cythonFlags() {
    return { ...this.ctx.flags, includeDirs: [...this.ctx.flags.includeDirs, "."] };
  }
  /** Cython's .c/.cpp and any public headers it wrote, moved beside where the user expects them. */
  async installGenerated() {
    const dest = path4.dirname(path4.join(this.ctx.workingDirectory, this.spec.generated));
    for (const name of await fs3.readdir(this.stage)) await moveIntoPlace(path4.join(this.stage, name), path4.join(dest, name));
  }
  /** Runs one step; returns the module's end when it failed, or undefined to go on. */
  async step(phase, runStep) {
    const outcome = await runStep();
    this.durations[phase] = (this.durations[phase] ?? 0) + outcome.durationMs;
    this.output += outcome.output;
    if (outcome.startError && isResourceShortage(outcome.startError.code)) return { kind: "retry", error: outcome.startError.code };
    if (outcome.exitCode === 0 && !outcome.timedOut && !outcome.cancelled) return void 0;
    if (outcome.cancelled) return this.done({ status: "cancelled", phase });
    return this.done({
      status: "failed",
      phase,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      reason: describeFailure(phase, outcome, this.ctx.timeoutPerFile, this.ctx.compilerEnv.PATH)
    });
  }
  install(phase, move) {
    return move().then(
      () => void 0,
      (err) => this.done({ status: "failed", phase, exitCode: null, reason: `could not write its output: ${err.code ?? ""} ${err.message}`.trim() })
    );
  }
  done(fields) {
    const result = {
      module: this.spec,
      durations: { ...this.durations, total: Date.now() - this.started },
      output: this.output,
      diagnostics: [],
      ...fields
    };
    return { kind: "done", result };
  }
  options() {
    return { cwd: this.ctx.workingDirectory, deadline: this.deadline, signal: this.ctx.signal, registry: this.ctx.registry, env: this.ctx.compilerEnv };
  }
};

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
    return {"exit": code, "output": buf.getvalue()}

channel.write(json.dumps({"ready": True}) + "\n")
channel.flush()
for line in sys.stdin:
    if line.strip():
        channel.write(json.dumps(run(json.loads(line))) + "\n")
        channel.flush()
`;

// src/pool/cython-worker.ts
var REQUESTS_PER_WORKER = 100;
var CythonWorker = class {
  constructor(python, env, registry) {
    this.python = python;
    this.env = env;
    this.registry = registry;
  }
  python;
  env;
  registry;
  child;
  pending;
  served = 0;
  run(argv, options) {
    if (this.pending) throw new Error("CythonWorker is busy: one request at a time per job slot");
    if (this.served >= REQUESTS_PER_WORKER) this.close();
    const child = this.child ?? this.start(options.cwd);
    this.served++;
    return new Promise((resolve3) => {
      const pending = { resolve: resolve3, started: Date.now(), stderr: "", timedOut: false, cancelled: false };
      this.pending = pending;
      const stop = (field) => {
        pending[field] = true;
        killTree(child);
      };
      const remaining = options.deadline === void 0 ? void 0 : Math.max(0, options.deadline - Date.now());
      const timer = remaining === void 0 ? void 0 : setTimeout(() => stop("timedOut"), remaining);
      const onAbort = () => stop("cancelled");
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      pending.resolve = (outcome) => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        this.pending = void 0;
        resolve3(outcome);
      };
      child.stdin?.write(JSON.stringify({ argv, cwd: options.cwd }) + "\n");
    });
  }
  close() {
    const child = this.child;
    this.child = void 0;
    this.served = 0;
    if (child) {
      child.stdin?.end();
      killTree(child);
    }
  }
  start(cwd) {
    const child = spawn3(this.python, ["-c", CYTHON_WORKER], {
      cwd,
      env: { ...this.env, PYTHONUNBUFFERED: "1", PYTHONIOENCODING: "utf-8" },
      stdio: "pipe",
      detached: process.platform !== "win32",
      windowsHide: true
    });
    this.child = child;
    child.on("error", (err) => this.onGone(child, null, null, err));
    child.on("exit", (code, sig) => this.onGone(child, code, sig));
    this.registry?.add(child);
    child.stdin?.on("error", () => {
    });
    child.stderr?.setEncoding("utf8").on("data", (d) => this.pending && (this.pending.stderr += d));
    if (child.stdout) createInterface({ input: child.stdout }).on("line", (line) => this.onLine(line));
    return child;
  }
  onLine(line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      if (this.pending) this.pending.stderr += line + "\n";
      return;
    }
    if (message.ready || !this.pending) return;
    const p = this.pending;
    p.resolve(this.outcome(p, { exitCode: message.exit ?? 1, output: (message.output ?? "") + p.stderr }));
  }
  onGone(child, code, sig, err) {
    if (this.child === child) {
      this.child = void 0;
      this.served = 0;
    }
    const p = this.pending;
    if (!p) return;
    const startError = err ? { code: err.code ?? "UNKNOWN", message: err.message } : void 0;
    p.resolve(this.outcome(p, { exitCode: code ?? (sig ? null : 1), signal: sig, output: p.stderr, startError }));
  }
  outcome(p, fields) {
    return {
      exitCode: null,
      signal: null,
      output: "",
      durationMs: Date.now() - p.started,
      timedOut: p.timedOut,
      cancelled: p.cancelled,
      ...fields
    };
  }
};

// src/pool/build-pool.ts
var MAX_START_TRIES = 5;
async function runBuildPool(modules, ctx, options, hooks) {
  const queue = modules.map((spec, index) => ({ spec, index, tries: 0 }));
  const results = /* @__PURE__ */ new Map();
  let limit = Math.max(1, options.jobs);
  let active = 0;
  let waiting = 0;
  let stopping = false;
  let saidLowered = false;
  const idleWorkers = [];
  const workers = [];
  const takeWorker = () => {
    const worker = idleWorkers.pop() ?? new CythonWorker(options.python, options.env, ctx.registry);
    if (!workers.includes(worker)) workers.push(worker);
    return worker;
  };
  const runOne = async (item) => {
    const cached = await hooks.before?.(item.spec);
    if (cached) return finish(cached);
    const worker = takeWorker();
    try {
      const attempt = await buildModule(item.spec, worker, ctx, item.index);
      if (attempt.kind === "retry") return lower(item, attempt.error);
      await hooks.after?.(attempt.result);
      finish(attempt.result);
    } finally {
      if (idleWorkers.length + 1 > limit) worker.close();
      idleWorkers.push(worker);
    }
  };
  const lower = (item, error) => {
    item.tries++;
    if (item.tries >= MAX_START_TRIES) return finish(startRefused(item.spec, error, item.tries));
    limit = Math.max(1, Math.min(limit, active) - 1);
    for (const idle of idleWorkers) idle.close();
    if (!saidLowered) hooks.lowered(limit, error);
    saidLowered = true;
    waiting++;
    setTimeout(() => {
      waiting--;
      queue.unshift(item);
      pump();
    }, 250 * item.tries);
  };
  const finish = (result) => {
    results.set(result.module, result);
    if (result.status === "failed" && options.failFast) stopping = true;
    hooks.finished(result, results.size, modules.length);
  };
  let pump = () => {
  };
  await new Promise((resolve3) => {
    pump = () => {
      while (!stopping && !ctx.signal.aborted && active < limit && queue.length > 0) {
        const item = queue.shift();
        active++;
        runOne(item).catch((err) => finish(internalFailure(item.spec, err))).finally(() => {
          active--;
          pump();
        });
      }
      if (active === 0 && (waiting === 0 || stopping || ctx.signal.aborted)) resolve3();
    };
    ctx.signal.addEventListener("abort", pump, { once: true });
    pump();
  });
  for (const worker of workers) worker.close();
  return modules.map((spec) => results.get(spec) ?? notBuilt(spec, ctx.signal.aborted ? "cancelled" : "skipped"));
}
function internalFailure(spec, err) {
  const message = err instanceof Error ? err.message : String(err);
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

// src/report/attach-diagnostics.ts
import * as fs4 from "node:fs";
import * as path5 from "node:path";

// src/report/generated-source-map.ts
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
  const cDir = dirname3(generatedFile.replace(/\\/g, "/"));
  const markerDir = dirname3(marker);
  if (markerDir === "") return cDir === "" ? marker : `${cDir}/${marker}`;
  if (cDir === markerDir) return marker;
  if (cDir.endsWith(`/${markerDir}`)) return `${cDir.slice(0, cDir.length - markerDir.length)}${marker}`;
  return marker;
}
function dirname3(path18) {
  const slash = path18.lastIndexOf("/");
  return slash < 0 ? "" : path18.slice(0, slash);
}

// src/report/attach-diagnostics.ts
function attachDiagnostics(result, workingDirectory) {
  if (result.output.trim() === "") return result;
  const readGenerated = (file) => {
    try {
      return fs4.readFileSync(path5.resolve(workingDirectory, file), "utf8");
    } catch {
      return void 0;
    }
  };
  result.diagnostics = mapDiagnostics(parseDiagnostics(result.output), readGenerated, { moduleSource: result.module.source });
  return result;
}

// src/engine/execute-build.ts
async function executeBuild(plan, options) {
  const started = Date.now();
  const { settings, toolchain } = plan;
  const stagingRoot = await makeStagingRoot(settings.outputDir ?? settings.workingDirectory);
  const registry = options.registry ?? new ChildRegistry();
  const compilerEnv = compilerEnvironment(toolchain, process.env);
  let results;
  try {
    results = await runBuildPool(
      plan.modules,
      { workingDirectory: settings.workingDirectory, toolchain, flags: settings, stagingRoot, timeoutPerFile: settings.timeoutPerFile, signal: options.signal, registry, compilerEnv },
      { jobs: plan.decision.jobs, failFast: settings.failFast, python: toolchain.executable, env: process.env },
      {
        finished: (result, done, total) => logResult(options.log, attachDiagnostics(result, settings.workingDirectory), done, total),
        lowered: (jobs, error) => options.log.warning(`The system refused to start a process (${error}): running ${jobs} job(s) at a time from now on`),
        before: options.cache && ((spec) => options.cache.lookup(spec)),
        after: options.cache && ((result) => options.cache.store(result))
      }
    );
  } finally {
    registry.killAll();
    await fs5.rm(stagingRoot, { recursive: true, force: true }).catch(() => {
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
async function makeStagingRoot(base) {
  const root = path6.join(base, `.cython-fanout-tmp-${process.pid}`);
  try {
    await fs5.mkdir(root, { recursive: true });
  } catch (err) {
    const e = err;
    throw new Error(`Cannot write to ${base} (${e.code}): the output directory must be writable; set output-dir to a writable directory`);
  }
  return root;
}
function logResult(log, result, done, total) {
  const width = String(total).length;
  const what = result.status === "failed" ? `FAILED (${result.reason})` : result.status === "cached" ? "from cache" : result.status;
  const time = result.status === "built" || result.status === "failed" ? ` in ${formatDuration(result.durations.total)}` : "";
  log.group(`[${String(done).padStart(width)}/${total}] ${result.module.name}  ${what}${time}`, result.output, result.status === "failed");
}

// src/engine/open-module-cache.ts
async function openModuleCache(settings, plan, log) {
  void settings;
  void plan;
  void log;
  return void 0;
}
openModuleCache.recordedDurations = async (settings) => {
  void settings;
  return {};
};

// src/engine/prepare-build.ts
import * as path15 from "node:path";

// src/plan/build-plan.ts
import * as fs6 from "node:fs";
import * as path8 from "node:path";

// src/plan/module-naming.ts
import * as path7 from "node:path";
var PACKAGE_MARKERS = ["__init__.py", "__init__.pyc", "__init__.pyx", "__init__.pxd"];
function moduleNameFor(source, isPackageDir) {
  const parts = source.split("/");
  const base = parts.pop();
  const name = [base.slice(0, base.length - path7.extname(base).length)];
  while (parts.length > 0 && isPackageDir(parts.join("/"))) name.unshift(parts.pop());
  return name.join(".");
}
function outputPathFor(source, moduleName, extSuffix, outputDir) {
  const leaf = moduleName.split(".").pop() + extSuffix;
  if (outputDir === null) return joinRelative(path7.posix.dirname(source), leaf);
  return path7.posix.join(outputDir, ...moduleName.split(".").slice(0, -1), leaf);
}
function generatedPathFor(source, moduleName, language, outputDir) {
  const leaf = moduleName.split(".").pop() + (language === "c++" ? ".cpp" : ".c");
  if (outputDir === null) return joinRelative(path7.posix.dirname(source), leaf);
  return path7.posix.join(outputDir, ...moduleName.split(".").slice(0, -1), leaf);
}
function joinRelative(dir, leaf) {
  return dir === "." ? leaf : `${dir}/${leaf}`;
}

// src/plan/source-directives.ts
function parseDistutilsDirectives(text) {
  const directives = emptyDirectives();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    if (!line.startsWith("#")) break;
    const body = line.slice(1).trim();
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
  extra_link_args: "extraLinkArgs"
};
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
  let delimiter2 = " ";
  if (text.length >= 2 && text.startsWith("[") && text.endsWith("]")) {
    text = text.slice(1, -1);
    delimiter2 = ",";
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
    } else if (ch === delimiter2 || delimiter2 === " " && /\s/.test(ch)) {
      push();
    } else {
      current += ch;
    }
  }
  push();
  return items;
}

// src/plan/build-plan.ts
function planModules(sources, context) {
  const packageDirs = /* @__PURE__ */ new Map();
  const isPackageDir = (dir) => {
    if (!packageDirs.has(dir)) {
      const abs = path8.join(context.workingDirectory, dir);
      packageDirs.set(dir, PACKAGE_MARKERS.some((marker) => fs6.existsSync(path8.join(abs, marker))));
    }
    return packageDirs.get(dir);
  };
  const modules = withoutGeneratedC(sources).map((source) => planModule(source, moduleNameFor(source, isPackageDir), context));
  rejectDuplicateNames(modules);
  return modules;
}
function planModule(source, name, context) {
  const bytes2 = fs6.readFileSync(path8.join(context.workingDirectory, source));
  const text = bytes2.toString("latin1");
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
    size: bytes2.length
  };
}
function checkPlainCModule(source, name, text) {
  const init = `PyInit_${name.split(".").pop()}`;
  if (!text.includes(init)) {
    throw new Error(
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
    if (other) throw new Error(`Invalid sources: ${other} and ${m.source} would both build module ${m.name}; exclude one with a !pattern`);
    seen.set(m.name, m.source);
  }
}

// src/plan/find-sources.ts
import * as fs8 from "node:fs";
import * as path14 from "node:path";

// node_modules/@actions/glob/lib/internal-globber.js
import * as fs7 from "fs";

// node_modules/@actions/glob/lib/internal-glob-options-helper.js
function getOptions(copy) {
  const result = {
    followSymbolicLinks: true,
    implicitDescendants: true,
    matchDirectories: true,
    omitBrokenSymbolicLinks: true,
    excludeHiddenFiles: false
  };
  if (copy) {
    if (typeof copy.followSymbolicLinks === "boolean") {
      result.followSymbolicLinks = copy.followSymbolicLinks;
      debug(`followSymbolicLinks '${result.followSymbolicLinks}'`);
    }
    if (typeof copy.implicitDescendants === "boolean") {
      result.implicitDescendants = copy.implicitDescendants;
      debug(`implicitDescendants '${result.implicitDescendants}'`);
    }
    if (typeof copy.matchDirectories === "boolean") {
      result.matchDirectories = copy.matchDirectories;
      debug(`matchDirectories '${result.matchDirectories}'`);
    }
    if (typeof copy.omitBrokenSymbolicLinks === "boolean") {
      result.omitBrokenSymbolicLinks = copy.omitBrokenSymbolicLinks;
      debug(`omitBrokenSymbolicLinks '${result.omitBrokenSymbolicLinks}'`);
    }
    if (typeof copy.excludeHiddenFiles === "boolean") {
      result.excludeHiddenFiles = copy.excludeHiddenFiles;
      debug(`excludeHiddenFiles '${result.excludeHiddenFiles}'`);
    }
  }
  return result;
}

// node_modules/@actions/glob/lib/internal-globber.js
import * as path13 from "path";

// node_modules/@actions/glob/lib/internal-path-helper.js
import * as path9 from "path";
import assert from "assert";
var IS_WINDOWS = process.platform === "win32";
function dirname5(p) {
  p = safeTrimTrailingSeparator(p);
  if (IS_WINDOWS && /^\\\\[^\\]+(\\[^\\]+)?$/.test(p)) {
    return p;
  }
  let result = path9.dirname(p);
  if (IS_WINDOWS && /^\\\\[^\\]+\\[^\\]+\\$/.test(result)) {
    result = safeTrimTrailingSeparator(result);
  }
  return result;
}
function ensureAbsoluteRoot(root, itemPath) {
  assert(root, `ensureAbsoluteRoot parameter 'root' must not be empty`);
  assert(itemPath, `ensureAbsoluteRoot parameter 'itemPath' must not be empty`);
  if (hasAbsoluteRoot(itemPath)) {
    return itemPath;
  }
  if (IS_WINDOWS) {
    if (itemPath.match(/^[A-Z]:[^\\/]|^[A-Z]:$/i)) {
      let cwd = process.cwd();
      assert(cwd.match(/^[A-Z]:\\/i), `Expected current directory to start with an absolute drive root. Actual '${cwd}'`);
      if (itemPath[0].toUpperCase() === cwd[0].toUpperCase()) {
        if (itemPath.length === 2) {
          return `${itemPath[0]}:\\${cwd.substr(3)}`;
        } else {
          if (!cwd.endsWith("\\")) {
            cwd += "\\";
          }
          return `${itemPath[0]}:\\${cwd.substr(3)}${itemPath.substr(2)}`;
        }
      } else {
        return `${itemPath[0]}:\\${itemPath.substr(2)}`;
      }
    } else if (normalizeSeparators(itemPath).match(/^\\$|^\\[^\\]/)) {
      const cwd = process.cwd();
      assert(cwd.match(/^[A-Z]:\\/i), `Expected current directory to start with an absolute drive root. Actual '${cwd}'`);
      return `${cwd[0]}:\\${itemPath.substr(1)}`;
    }
  }
  assert(hasAbsoluteRoot(root), `ensureAbsoluteRoot parameter 'root' must have an absolute root`);
  if (root.endsWith("/") || IS_WINDOWS && root.endsWith("\\")) {
  } else {
    root += path9.sep;
  }
  return root + itemPath;
}
function hasAbsoluteRoot(itemPath) {
  assert(itemPath, `hasAbsoluteRoot parameter 'itemPath' must not be empty`);
  itemPath = normalizeSeparators(itemPath);
  if (IS_WINDOWS) {
    return itemPath.startsWith("\\\\") || /^[A-Z]:\\/i.test(itemPath);
  }
  return itemPath.startsWith("/");
}
function hasRoot(itemPath) {
  assert(itemPath, `isRooted parameter 'itemPath' must not be empty`);
  itemPath = normalizeSeparators(itemPath);
  if (IS_WINDOWS) {
    return itemPath.startsWith("\\") || /^[A-Z]:/i.test(itemPath);
  }
  return itemPath.startsWith("/");
}
function normalizeSeparators(p) {
  p = p || "";
  if (IS_WINDOWS) {
    p = p.replace(/\//g, "\\");
    const isUnc = /^\\\\+[^\\]/.test(p);
    return (isUnc ? "\\" : "") + p.replace(/\\\\+/g, "\\");
  }
  return p.replace(/\/\/+/g, "/");
}
function safeTrimTrailingSeparator(p) {
  if (!p) {
    return "";
  }
  p = normalizeSeparators(p);
  if (!p.endsWith(path9.sep)) {
    return p;
  }
  if (p === path9.sep) {
    return p;
  }
  if (IS_WINDOWS && /^[A-Z]:\\$/i.test(p)) {
    return p;
  }
  return p.substr(0, p.length - 1);
}

// node_modules/@actions/glob/lib/internal-match-kind.js
var MatchKind;
(function(MatchKind2) {
  MatchKind2[MatchKind2["None"] = 0] = "None";
  MatchKind2[MatchKind2["Directory"] = 1] = "Directory";
  MatchKind2[MatchKind2["File"] = 2] = "File";
  MatchKind2[MatchKind2["All"] = 3] = "All";
})(MatchKind || (MatchKind = {}));

// node_modules/@actions/glob/lib/internal-pattern-helper.js
var IS_WINDOWS2 = process.platform === "win32";
function getSearchPaths(patterns) {
  patterns = patterns.filter((x) => !x.negate);
  const searchPathMap = {};
  for (const pattern of patterns) {
    const key = IS_WINDOWS2 ? pattern.searchPath.toUpperCase() : pattern.searchPath;
    searchPathMap[key] = "candidate";
  }
  const result = [];
  for (const pattern of patterns) {
    const key = IS_WINDOWS2 ? pattern.searchPath.toUpperCase() : pattern.searchPath;
    if (searchPathMap[key] === "included") {
      continue;
    }
    let foundAncestor = false;
    let tempKey = key;
    let parent = dirname5(tempKey);
    while (parent !== tempKey) {
      if (searchPathMap[parent]) {
        foundAncestor = true;
        break;
      }
      tempKey = parent;
      parent = dirname5(tempKey);
    }
    if (!foundAncestor) {
      result.push(pattern.searchPath);
      searchPathMap[key] = "included";
    }
  }
  return result;
}
function match(patterns, itemPath) {
  let result = MatchKind.None;
  for (const pattern of patterns) {
    if (pattern.negate) {
      result &= ~pattern.match(itemPath);
    } else {
      result |= pattern.match(itemPath);
    }
  }
  return result;
}
function partialMatch(patterns, itemPath) {
  return patterns.some((x) => !x.negate && x.partialMatch(itemPath));
}

// node_modules/@actions/glob/lib/internal-pattern.js
import * as os2 from "os";
import * as path12 from "path";
import assert3 from "assert";

// node_modules/balanced-match/dist/esm/index.js
var range = (a, b, str) => {
  let begs, beg, left, right = void 0, result;
  let ai = str.indexOf(a);
  let bi = str.indexOf(b, ai + 1);
  let i = ai;
  if (ai >= 0 && bi > 0) {
    if (a === b) {
      return [ai, bi];
    }
    begs = [];
    left = str.length;
    while (i >= 0 && !result) {
      if (i === ai) {
        begs.push(i);
        ai = str.indexOf(a, i + 1);
      } else if (begs.length === 1) {
        const r = begs.pop();
        if (r !== void 0)
          result = [r, bi];
      } else {
        beg = begs.pop();
        if (beg !== void 0 && beg < left) {
          left = beg;
          right = bi;
        }
        bi = str.indexOf(b, i + 1);
      }
      i = ai < bi && ai >= 0 ? ai : bi;
    }
    if (begs.length && right !== void 0) {
      result = [left, right];
    }
  }
  return result;
};

// node_modules/brace-expansion/dist/esm/index.js
var escSlash = "\0SLASH" + Math.random().toFixed(16) + "\0";
var escOpen = "\0OPEN" + Math.random().toFixed(16) + "\0";
var escClose = "\0CLOSE" + Math.random().toFixed(16) + "\0";
var escComma = "\0COMMA" + Math.random().toFixed(16) + "\0";
var escPeriod = "\0PERIOD" + Math.random().toFixed(16) + "\0";
var escSlashPattern = new RegExp(escSlash, "g");
var escOpenPattern = new RegExp(escOpen, "g");
var escClosePattern = new RegExp(escClose, "g");
var escCommaPattern = new RegExp(escComma, "g");
var escPeriodPattern = new RegExp(escPeriod, "g");
var slashPattern = /\\\\/g;
var openPattern = /\\{/g;
var closePattern = /\\}/g;
var commaPattern = /\\,/g;
var periodPattern = /\\\./g;
var EXPANSION_MAX = 1e5;
var EXPANSION_MAX_LENGTH = 4e6;
var EXPANSION_MAX_DEPTH = 1e3;
var EXPANSION_MAX_REWRITES = 1e3;
var EXPANSION_MAX_STEPS = 2e7;
var CALL_STEPS = 16;
function numeric(str) {
  return !isNaN(str) ? parseInt(str, 10) : str.charCodeAt(0);
}
function escapeBraces(str) {
  return str.replace(slashPattern, escSlash).replace(openPattern, escOpen).replace(closePattern, escClose).replace(commaPattern, escComma).replace(periodPattern, escPeriod);
}
function unescapeBraces(str) {
  return str.replace(escSlashPattern, "\\").replace(escOpenPattern, "{").replace(escClosePattern, "}").replace(escCommaPattern, ",").replace(escPeriodPattern, ".");
}
function pushAll(target, items) {
  for (let i = 0; i < items.length; i++) {
    target.push(items[i]);
  }
}
function balancedWithBudget(str, masked, budget) {
  if (budget.remaining < 0) {
    return void 0;
  }
  const r = range("{", "}", masked);
  const unmatched = r !== void 0 && masked.indexOf("{") < r[0];
  budget.remaining -= r && !unmatched ? r[1] + 1 : str.length;
  if (!r || budget.remaining < 0) {
    return void 0;
  }
  return {
    end: r[1],
    pre: str.slice(0, r[0]),
    body: str.slice(r[0] + 1, r[1]),
    post: str.slice(r[1] + 1),
    unmatched
  };
}
function maskUnmatchedOpens(masked, budget) {
  budget.remaining -= masked.length;
  const open = [];
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    if (c === 123) {
      open.push(i);
    } else if (c === 125 && open.length) {
      open.pop();
    }
  }
  let out = "";
  let last = 0;
  for (let i = 0; i < open.length; i++) {
    const at = open[i];
    out += masked.slice(last, at) + "\0";
    last = at + 1;
  }
  return out + masked.slice(last);
}
function commaSetFollows(str, budget) {
  budget.remaining -= str.length;
  if (budget.remaining < 0) {
    return false;
  }
  let close = false;
  for (let i = str.length - 1; i >= 0; i--) {
    const c = str.charCodeAt(i);
    if (c === 125) {
      close = true;
    } else if (c === 10 || c === 13 || c === 8232 || c === 8233) {
      close = false;
    } else if (c === 44 && close && str.charCodeAt(i + 1) !== 44) {
      return true;
    }
  }
  return false;
}
function parseCommaParts(str, budget) {
  const parts = [];
  let carry = "";
  for (; ; ) {
    const m = balancedWithBudget(str, str, budget);
    if (budget.remaining < 0) {
      return void 0;
    }
    if (!m) {
      const tail = str.split(",");
      tail[0] = carry + tail[0];
      pushAll(parts, tail);
      return parts;
    }
    const { pre, body, post } = m;
    const p = pre.split(",");
    p[0] = carry + p[0];
    p[p.length - 1] += "{" + body + "}";
    if (!post.length) {
      pushAll(parts, p);
      return parts;
    }
    carry = p.pop();
    pushAll(parts, p);
    str = post;
  }
}
function bound(value, fallback) {
  return value === void 0 || isNaN(value) ? fallback : value;
}
function expand(str, options = {}) {
  if (!str) {
    return [];
  }
  const max = bound(options.max, EXPANSION_MAX);
  const maxLength = bound(options.maxLength, EXPANSION_MAX_LENGTH);
  const maxDepth = bound(options.maxDepth, EXPANSION_MAX_DEPTH);
  const maxRewrites = bound(options.maxRewrites, EXPANSION_MAX_REWRITES);
  const maxSteps = bound(options.maxSteps, EXPANSION_MAX_STEPS);
  if (str.slice(0, 2) === "{}") {
    str = "\\{\\}" + str.slice(2);
  }
  return expand_(escapeBraces(str), max, maxLength, maxDepth, 0, maxRewrites, { remaining: maxSteps }, true).map(unescapeBraces);
}
function embrace(str) {
  return "{" + str + "}";
}
function isPadded(el) {
  return /^-?0\d/.test(el);
}
function lte(i, y) {
  return i <= y;
}
function gte(i, y) {
  return i >= y;
}
function combine(acc, pre, values, max, maxLength, dropEmpties, budget) {
  const out = [];
  let length = 0;
  let nonEmpty;
  outer: for (let a = 0; a < acc.length; a++) {
    const prefix = acc[a] + pre;
    let vs = values;
    if (dropEmpties && !prefix) {
      if (!nonEmpty)
        nonEmpty = values.filter((v) => v);
      vs = nonEmpty;
    }
    for (let v = 0; v < vs.length; v++) {
      if (out.length >= max)
        break outer;
      const expansion = prefix + vs[v];
      if (length + expansion.length > maxLength)
        break outer;
      out.push(expansion);
      length += expansion.length;
    }
  }
  budget.remaining -= out.length;
  return out;
}
function expandSequence(body, isAlphaSequence, max, maxLength, budget) {
  const n = body.split(/\.\./);
  const N = [];
  if (n[0] === void 0 || n[1] === void 0) {
    return N;
  }
  const x = numeric(n[0]);
  const y = numeric(n[1]);
  const width = Math.max(n[0].length, n[1].length);
  let incr = n.length === 3 && n[2] !== void 0 ? Math.max(Math.abs(numeric(n[2])), 1) : 1;
  let test = lte;
  const reverse = y < x;
  if (reverse) {
    incr *= -1;
    test = gte;
  }
  const pad = n.some(isPadded);
  const cost = pad ? width : 1;
  let length = 0;
  for (let i = x; test(i, y) && N.length < max; i += incr) {
    budget.remaining -= cost;
    if (budget.remaining < 0) {
      return void 0;
    }
    let c;
    if (isAlphaSequence) {
      c = String.fromCharCode(i);
      if (c === "\\") {
        c = "";
      }
    } else {
      c = String(i);
      if (pad) {
        const need = width - c.length;
        if (need > 0) {
          const z = new Array(need + 1).join("0");
          if (i < 0) {
            c = "-" + z + c.slice(1);
          } else {
            c = z + c;
          }
        }
      }
    }
    if (length + c.length > maxLength)
      break;
    N.push(c);
    length += c.length;
  }
  return N;
}
function expand_(str, max, maxLength, maxDepth, depth, maxRewrites, budget, isTop) {
  budget.remaining -= CALL_STEPS;
  if (depth > maxDepth) {
    return [str];
  }
  let acc = [""];
  let rewrites = 0;
  let dropEmpties = false;
  let firstGroup = true;
  let masked = str;
  for (; ; ) {
    const m = balancedWithBudget(str, masked, budget);
    if (!m) {
      return combine(acc, str, [""], max, maxLength, dropEmpties, budget);
    }
    if (m.unmatched) {
      masked = maskUnmatchedOpens(masked, budget);
    }
    const pre = m.pre;
    const literal = () => combine(acc, pre + "{" + m.body + "}" + m.post, [""], max, maxLength, dropEmpties, budget);
    if (/\$$/.test(pre)) {
      acc = combine(acc, pre + "{" + m.body + "}", [""], max, maxLength, dropEmpties && !m.post.length, budget);
      firstGroup = false;
      if (!m.post.length)
        break;
      str = m.post;
      masked = masked.slice(m.end + 1);
      continue;
    }
    const isNumericSequence = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(m.body);
    const isAlphaSequence = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(m.body);
    const isSequence = isNumericSequence || isAlphaSequence;
    const isOptions = m.body.indexOf(",") >= 0;
    if (!isSequence && !isOptions) {
      if (rewrites < maxRewrites && commaSetFollows(m.post, budget)) {
        rewrites++;
        str = m.pre + "{" + m.body + escClose + m.post;
        masked = masked.slice(0, m.end) + escClose + masked.slice(m.end + 1);
        isTop = true;
        continue;
      }
      return literal();
    }
    if (firstGroup) {
      dropEmpties = isTop && !isSequence;
      firstGroup = false;
    }
    let values;
    if (isSequence) {
      values = expandSequence(m.body, isAlphaSequence, max, maxLength, budget);
      if (!values) {
        return literal();
      }
    } else {
      let n = parseCommaParts(m.body, budget);
      if (!n) {
        return literal();
      }
      if (n.length === 1 && n[0] !== void 0) {
        n = expand_(n[0], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false).map(embrace);
        if (budget.remaining < 0) {
          return literal();
        }
        if (n.length === 1) {
          const next2 = combine(acc, pre + n[0], [""], max, maxLength, dropEmpties && !m.post.length, budget);
          if (budget.remaining < 0) {
            return literal();
          }
          acc = next2;
          if (!m.post.length)
            break;
          str = m.post;
          masked = masked.slice(m.end + 1);
          continue;
        }
      }
      let dropsEmpties = dropEmpties && !m.post.length && !pre;
      for (let d = 0; dropsEmpties && d < acc.length; d++) {
        if (acc[d]) {
          dropsEmpties = false;
        }
      }
      values = [];
      let valuesLength = 0;
      outer: for (let j = 0; j < n.length; j++) {
        const expanded = expand_(n[j], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false);
        if (budget.remaining < 0) {
          return literal();
        }
        for (let k = 0; k < expanded.length; k++) {
          const v = expanded[k];
          if (dropsEmpties && !v)
            continue;
          if (values.length >= max || valuesLength + v.length > maxLength) {
            break outer;
          }
          values.push(v);
          valuesLength += v.length;
        }
      }
    }
    const next = combine(acc, pre, values, max, maxLength, dropEmpties && !m.post.length, budget);
    if (budget.remaining < 0) {
      return literal();
    }
    acc = next;
    if (!m.post.length)
      break;
    str = m.post;
    masked = masked.slice(m.end + 1);
  }
  return acc;
}

// node_modules/minimatch/dist/esm/assert-valid-pattern.js
var MAX_PATTERN_LENGTH = 1024 * 64;
var assertValidPattern = (pattern) => {
  if (typeof pattern !== "string") {
    throw new TypeError("invalid pattern");
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new TypeError("pattern is too long");
  }
};

// node_modules/minimatch/dist/esm/brace-expressions.js
var posixClasses = {
  "[:alnum:]": ["\\p{L}\\p{Nl}\\p{Nd}", true],
  "[:alpha:]": ["\\p{L}\\p{Nl}", true],
  "[:ascii:]": ["\\x00-\\x7f", false],
  "[:blank:]": ["\\p{Zs}\\t", true],
  "[:cntrl:]": ["\\p{Cc}", true],
  "[:digit:]": ["\\p{Nd}", true],
  "[:graph:]": ["\\p{Z}\\p{C}", true, true],
  "[:lower:]": ["\\p{Ll}", true],
  "[:print:]": ["\\p{C}", true],
  "[:punct:]": ["\\p{P}", true],
  "[:space:]": ["\\p{Z}\\t\\r\\n\\v\\f", true],
  "[:upper:]": ["\\p{Lu}", true],
  "[:word:]": ["\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}", true],
  "[:xdigit:]": ["A-Fa-f0-9", false]
};
var braceEscape = (s) => s.replace(/[[\]\\-]/g, "\\$&");
var regexpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
var rangesToString = (ranges) => ranges.join("");
var parseClass = (glob, position) => {
  const pos = position;
  if (glob.charAt(pos) !== "[") {
    throw new Error("not in a brace expression");
  }
  const ranges = [];
  const negs = [];
  let i = pos + 1;
  let sawStart = false;
  let uflag = false;
  let escaping = false;
  let negate = false;
  let endPos = pos;
  let rangeStart = "";
  WHILE: while (i < glob.length) {
    const c = glob.charAt(i);
    if ((c === "!" || c === "^") && i === pos + 1) {
      negate = true;
      i++;
      continue;
    }
    if (c === "]" && sawStart && !escaping) {
      endPos = i + 1;
      break;
    }
    sawStart = true;
    if (c === "\\") {
      if (!escaping) {
        escaping = true;
        i++;
        continue;
      }
    }
    if (c === "[" && !escaping) {
      for (const [cls, [unip, u, neg]] of Object.entries(posixClasses)) {
        if (glob.startsWith(cls, i)) {
          if (rangeStart) {
            return ["$.", false, glob.length - pos, true];
          }
          i += cls.length;
          if (neg)
            negs.push(unip);
          else
            ranges.push(unip);
          uflag = uflag || u;
          continue WHILE;
        }
      }
    }
    escaping = false;
    if (rangeStart) {
      if (c > rangeStart) {
        ranges.push(braceEscape(rangeStart) + "-" + braceEscape(c));
      } else if (c === rangeStart) {
        ranges.push(braceEscape(c));
      }
      rangeStart = "";
      i++;
      continue;
    }
    if (glob.startsWith("-]", i + 1)) {
      ranges.push(braceEscape(c + "-"));
      i += 2;
      continue;
    }
    if (glob.startsWith("-", i + 1)) {
      rangeStart = c;
      i += 2;
      continue;
    }
    ranges.push(braceEscape(c));
    i++;
  }
  if (endPos < i) {
    return ["", false, 0, false];
  }
  if (!ranges.length && !negs.length) {
    return ["$.", false, glob.length - pos, true];
  }
  if (negs.length === 0 && ranges.length === 1 && /^\\?.$/.test(ranges[0]) && !negate) {
    const r = ranges[0].length === 2 ? ranges[0].slice(-1) : ranges[0];
    return [regexpEscape(r), false, endPos - pos, false];
  }
  const sranges = "[" + (negate ? "^" : "") + rangesToString(ranges) + "]";
  const snegs = "[" + (negate ? "" : "^") + rangesToString(negs) + "]";
  const comb = ranges.length && negs.length ? "(" + sranges + "|" + snegs + ")" : ranges.length ? sranges : snegs;
  return [comb, uflag, endPos - pos, true];
};

// node_modules/minimatch/dist/esm/unescape.js
var unescape = (s, { windowsPathsNoEscape = false, magicalBraces = true } = {}) => {
  if (magicalBraces) {
    return windowsPathsNoEscape ? s.replace(/\[([^/\\])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\])\]/g, "$1$2").replace(/\\([^/])/g, "$1");
  }
  return windowsPathsNoEscape ? s.replace(/\[([^/\\{}])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\{}])\]/g, "$1$2").replace(/\\([^/{}])/g, "$1");
};

// node_modules/minimatch/dist/esm/ast.js
var _a;
var types = /* @__PURE__ */ new Set(["!", "?", "+", "*", "@"]);
var isExtglobType = (c) => types.has(c);
var isExtglobAST = (c) => isExtglobType(c.type);
var adoptionMap = /* @__PURE__ */ new Map([
  ["!", ["@"]],
  ["?", ["?", "@"]],
  ["@", ["@"]],
  ["*", ["*", "+", "?", "@"]],
  ["+", ["+", "@"]]
]);
var adoptionWithSpaceMap = /* @__PURE__ */ new Map([
  ["!", ["?"]],
  ["@", ["?"]],
  ["+", ["?", "*"]]
]);
var adoptionAnyMap = /* @__PURE__ */ new Map([
  ["!", ["?", "@"]],
  ["?", ["?", "@"]],
  ["@", ["?", "@"]],
  ["*", ["*", "+", "?", "@"]],
  ["+", ["+", "@", "?", "*"]]
]);
var usurpMap = /* @__PURE__ */ new Map([
  ["!", /* @__PURE__ */ new Map([["!", "@"]])],
  [
    "?",
    /* @__PURE__ */ new Map([
      ["*", "*"],
      ["+", "*"]
    ])
  ],
  [
    "@",
    /* @__PURE__ */ new Map([
      ["!", "!"],
      ["?", "?"],
      ["@", "@"],
      ["*", "*"],
      ["+", "+"]
    ])
  ],
  [
    "+",
    /* @__PURE__ */ new Map([
      ["?", "*"],
      ["*", "*"]
    ])
  ]
]);
var startNoTraversal = "(?!(?:^|/)\\.\\.?(?:$|/))";
var startNoDot = "(?!\\.)";
var addPatternStart = /* @__PURE__ */ new Set(["[", "."]);
var justDots = /* @__PURE__ */ new Set(["..", "."]);
var reSpecials = new Set("().*{}+?[]^$\\!");
var regExpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
var qmark = "[^/]";
var star = qmark + "*?";
var starNoEmpty = qmark + "+?";
var ID = 0;
var AST = class {
  type;
  #root;
  #hasMagic;
  #uflag = false;
  #parts = [];
  #parent;
  #parentIndex;
  #negs;
  #filledNegs = false;
  #options;
  #toString;
  // set to true if it's an extglob with no children
  // (which really means one child of '')
  #emptyExt = false;
  id = ++ID;
  get depth() {
    return (this.#parent?.depth ?? -1) + 1;
  }
  [/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")]() {
    return {
      "@@type": "AST",
      id: this.id,
      type: this.type,
      root: this.#root.id,
      parent: this.#parent?.id,
      depth: this.depth,
      partsLength: this.#parts.length,
      parts: this.#parts
    };
  }
  constructor(type, parent, options = {}) {
    this.type = type;
    if (type)
      this.#hasMagic = true;
    this.#parent = parent;
    this.#root = this.#parent ? this.#parent.#root : this;
    this.#options = this.#root === this ? options : this.#root.#options;
    this.#negs = this.#root === this ? [] : this.#root.#negs;
    if (type === "!" && !this.#root.#filledNegs)
      this.#negs.push(this);
    this.#parentIndex = this.#parent ? this.#parent.#parts.length : 0;
  }
  get hasMagic() {
    if (this.#hasMagic !== void 0)
      return this.#hasMagic;
    for (const p of this.#parts) {
      if (typeof p === "string")
        continue;
      if (p.type || p.hasMagic)
        return this.#hasMagic = true;
    }
    return this.#hasMagic;
  }
  // reconstructs the pattern
  toString() {
    return this.#toString !== void 0 ? this.#toString : !this.type ? this.#toString = this.#parts.map((p) => String(p)).join("") : this.#toString = this.type + "(" + this.#parts.map((p) => String(p)).join("|") + ")";
  }
  #fillNegs() {
    if (this !== this.#root)
      throw new Error("should only call on root");
    if (this.#filledNegs)
      return this;
    this.toString();
    this.#filledNegs = true;
    let n;
    while (n = this.#negs.pop()) {
      if (n.type !== "!")
        continue;
      let p = n;
      let pp = p.#parent;
      while (pp) {
        for (let i = p.#parentIndex + 1; !pp.type && i < pp.#parts.length; i++) {
          for (const part of n.#parts) {
            if (typeof part === "string") {
              throw new Error("string part in extglob AST??");
            }
            part.copyIn(pp.#parts[i]);
          }
        }
        p = pp;
        pp = p.#parent;
      }
    }
    return this;
  }
  push(...parts) {
    for (const p of parts) {
      if (p === "")
        continue;
      if (typeof p !== "string" && !(p instanceof _a && p.#parent === this)) {
        throw new Error("invalid part: " + p);
      }
      this.#parts.push(p);
    }
  }
  toJSON() {
    const ret = this.type === null ? this.#parts.slice().map((p) => typeof p === "string" ? p : p.toJSON()) : [this.type, ...this.#parts.map((p) => p.toJSON())];
    if (this.isStart() && !this.type)
      ret.unshift([]);
    if (this.isEnd() && (this === this.#root || this.#root.#filledNegs && this.#parent?.type === "!")) {
      ret.push({});
    }
    return ret;
  }
  isStart() {
    if (this.#root === this)
      return true;
    if (!this.#parent?.isStart())
      return false;
    if (this.#parentIndex === 0)
      return true;
    const p = this.#parent;
    for (let i = 0; i < this.#parentIndex; i++) {
      const pp = p.#parts[i];
      if (!(pp instanceof _a && pp.type === "!")) {
        return false;
      }
    }
    return true;
  }
  isEnd() {
    if (this.#root === this)
      return true;
    if (this.#parent?.type === "!")
      return true;
    if (!this.#parent?.isEnd())
      return false;
    if (!this.type)
      return this.#parent?.isEnd();
    const pl = this.#parent ? this.#parent.#parts.length : 0;
    return this.#parentIndex === pl - 1;
  }
  copyIn(part) {
    if (typeof part === "string")
      this.push(part);
    else
      this.push(part.clone(this));
  }
  clone(parent) {
    const c = new _a(this.type, parent);
    for (const p of this.#parts) {
      c.copyIn(p);
    }
    return c;
  }
  static #parseAST(str, ast, pos, opt, extDepth) {
    const maxDepth = opt.maxExtglobRecursion ?? 2;
    let escaping = false;
    let inBrace = false;
    let braceStart = -1;
    let braceNeg = false;
    if (ast.type === null) {
      let i2 = pos;
      let acc2 = "";
      while (i2 < str.length) {
        const c = str.charAt(i2++);
        if (escaping || c === "\\") {
          escaping = !escaping;
          acc2 += c;
          continue;
        }
        if (inBrace) {
          if (i2 === braceStart + 1) {
            if (c === "^" || c === "!") {
              braceNeg = true;
            }
          } else if (c === "]" && !(i2 === braceStart + 2 && braceNeg)) {
            inBrace = false;
          }
          acc2 += c;
          continue;
        } else if (c === "[") {
          inBrace = true;
          braceStart = i2;
          braceNeg = false;
          acc2 += c;
          continue;
        }
        const doRecurse = !opt.noext && isExtglobType(c) && str.charAt(i2) === "(" && extDepth <= maxDepth;
        if (doRecurse) {
          ast.push(acc2);
          acc2 = "";
          const ext2 = new _a(c, ast);
          i2 = _a.#parseAST(str, ext2, i2, opt, extDepth + 1);
          ast.push(ext2);
          continue;
        }
        acc2 += c;
      }
      ast.push(acc2);
      return i2;
    }
    let i = pos + 1;
    let part = new _a(null, ast);
    const parts = [];
    let acc = "";
    while (i < str.length) {
      const c = str.charAt(i++);
      if (escaping || c === "\\") {
        escaping = !escaping;
        acc += c;
        continue;
      }
      if (inBrace) {
        if (i === braceStart + 1) {
          if (c === "^" || c === "!") {
            braceNeg = true;
          }
        } else if (c === "]" && !(i === braceStart + 2 && braceNeg)) {
          inBrace = false;
        }
        acc += c;
        continue;
      } else if (c === "[") {
        inBrace = true;
        braceStart = i;
        braceNeg = false;
        acc += c;
        continue;
      }
      const doRecurse = !opt.noext && isExtglobType(c) && str.charAt(i) === "(" && /* c8 ignore start - the maxDepth is sufficient here */
      (extDepth <= maxDepth || ast && ast.#canAdoptType(c));
      if (doRecurse) {
        const depthAdd = ast && ast.#canAdoptType(c) ? 0 : 1;
        part.push(acc);
        acc = "";
        const ext2 = new _a(c, part);
        part.push(ext2);
        i = _a.#parseAST(str, ext2, i, opt, extDepth + depthAdd);
        continue;
      }
      if (c === "|") {
        part.push(acc);
        acc = "";
        parts.push(part);
        part = new _a(null, ast);
        continue;
      }
      if (c === ")") {
        if (acc === "" && ast.#parts.length === 0) {
          ast.#emptyExt = true;
        }
        part.push(acc);
        acc = "";
        ast.push(...parts, part);
        return i;
      }
      acc += c;
    }
    ast.type = null;
    ast.#hasMagic = void 0;
    ast.#parts = [str.substring(pos - 1)];
    return i;
  }
  #canAdoptWithSpace(child) {
    return this.#canAdopt(child, adoptionWithSpaceMap);
  }
  #canAdopt(child, map = adoptionMap) {
    if (!child || typeof child !== "object" || child.type !== null || child.#parts.length !== 1 || this.type === null) {
      return false;
    }
    const gc = child.#parts[0];
    if (!gc || typeof gc !== "object" || gc.type === null) {
      return false;
    }
    return this.#canAdoptType(gc.type, map);
  }
  #canAdoptType(c, map = adoptionAnyMap) {
    return !!map.get(this.type)?.includes(c);
  }
  #adoptWithSpace(child, index) {
    const gc = child.#parts[0];
    const blank = new _a(null, gc, this.options);
    blank.#parts.push("");
    gc.push(blank);
    this.#adopt(child, index);
  }
  #adopt(child, index) {
    const gc = child.#parts[0];
    this.#parts.splice(index, 1, ...gc.#parts);
    for (const p of gc.#parts) {
      if (typeof p === "object")
        p.#parent = this;
    }
    this.#toString = void 0;
  }
  #canUsurpType(c) {
    const m = usurpMap.get(this.type);
    return !!m?.has(c);
  }
  #canUsurp(child) {
    if (!child || typeof child !== "object" || child.type !== null || child.#parts.length !== 1 || this.type === null || this.#parts.length !== 1) {
      return false;
    }
    const gc = child.#parts[0];
    if (!gc || typeof gc !== "object" || gc.type === null) {
      return false;
    }
    return this.#canUsurpType(gc.type);
  }
  #usurp(child) {
    const m = usurpMap.get(this.type);
    const gc = child.#parts[0];
    const nt = m?.get(gc.type);
    if (!nt)
      return false;
    this.#parts = gc.#parts;
    for (const p of this.#parts) {
      if (typeof p === "object") {
        p.#parent = this;
      }
    }
    this.type = nt;
    this.#toString = void 0;
    this.#emptyExt = false;
  }
  static fromGlob(pattern, options = {}) {
    const ast = new _a(null, void 0, options);
    _a.#parseAST(pattern, ast, 0, options, 0);
    return ast;
  }
  // returns the regular expression if there's magic, or the unescaped
  // string if not.
  toMMPattern() {
    if (this !== this.#root)
      return this.#root.toMMPattern();
    const glob = this.toString();
    const [re, body, hasMagic, uflag] = this.toRegExpSource();
    const anyMagic = hasMagic || this.#hasMagic || this.#options.nocase && !this.#options.nocaseMagicOnly && glob.toUpperCase() !== glob.toLowerCase();
    if (!anyMagic) {
      return body;
    }
    const flags = (this.#options.nocase ? "i" : "") + (uflag ? "u" : "");
    return Object.assign(new RegExp(`^${re}$`, flags), {
      _src: re,
      _glob: glob
    });
  }
  get options() {
    return this.#options;
  }
  // returns the string match, the regexp source, whether there's magic
  // in the regexp (so a regular expression is required) and whether or
  // not the uflag is needed for the regular expression (for posix classes)
  // TODO: instead of injecting the start/end at this point, just return
  // the BODY of the regexp, along with the start/end portions suitable
  // for binding the start/end in either a joined full-path makeRe context
  // (where we bind to (^|/), or a standalone matchPart context (where
  // we bind to ^, and not /).  Otherwise slashes get duped!
  //
  // In part-matching mode, the start is:
  // - if not isStart: nothing
  // - if traversal possible, but not allowed: ^(?!\.\.?$)
  // - if dots allowed or not possible: ^
  // - if dots possible and not allowed: ^(?!\.)
  // end is:
  // - if not isEnd(): nothing
  // - else: $
  //
  // In full-path matching mode, we put the slash at the START of the
  // pattern, so start is:
  // - if first pattern: same as part-matching mode
  // - if not isStart(): nothing
  // - if traversal possible, but not allowed: /(?!\.\.?(?:$|/))
  // - if dots allowed or not possible: /
  // - if dots possible and not allowed: /(?!\.)
  // end is:
  // - if last pattern, same as part-matching mode
  // - else nothing
  //
  // Always put the (?:$|/) on negated tails, though, because that has to be
  // there to bind the end of the negated pattern portion, and it's easier to
  // just stick it in now rather than try to inject it later in the middle of
  // the pattern.
  //
  // We can just always return the same end, and leave it up to the caller
  // to know whether it's going to be used joined or in parts.
  // And, if the start is adjusted slightly, can do the same there:
  // - if not isStart: nothing
  // - if traversal possible, but not allowed: (?:/|^)(?!\.\.?$)
  // - if dots allowed or not possible: (?:/|^)
  // - if dots possible and not allowed: (?:/|^)(?!\.)
  //
  // But it's better to have a simpler binding without a conditional, for
  // performance, so probably better to return both start options.
  //
  // Then the caller just ignores the end if it's not the first pattern,
  // and the start always gets applied.
  //
  // But that's always going to be $ if it's the ending pattern, or nothing,
  // so the caller can just attach $ at the end of the pattern when building.
  //
  // So the todo is:
  // - better detect what kind of start is needed
  // - return both flavors of starting pattern
  // - attach $ at the end of the pattern when creating the actual RegExp
  //
  // Ah, but wait, no, that all only applies to the root when the first pattern
  // is not an extglob. If the first pattern IS an extglob, then we need all
  // that dot prevention biz to live in the extglob portions, because eg
  // +(*|.x*) can match .xy but not .yx.
  //
  // So, return the two flavors if it's #root and the first child is not an
  // AST, otherwise leave it to the child AST to handle it, and there,
  // use the (?:^|/) style of start binding.
  //
  // Even simplified further:
  // - Since the start for a join is eg /(?!\.) and the start for a part
  // is ^(?!\.), we can just prepend (?!\.) to the pattern (either root
  // or start or whatever) and prepend ^ or / at the Regexp construction.
  toRegExpSource(allowDot) {
    const dot = allowDot ?? !!this.#options.dot;
    if (this.#root === this) {
      this.#flatten();
      this.#fillNegs();
    }
    if (!isExtglobAST(this)) {
      const noEmpty = this.isStart() && this.isEnd() && !this.#parts.some((s) => typeof s !== "string");
      const src = this.#parts.map((p) => {
        const [re, _, hasMagic, uflag] = typeof p === "string" ? _a.#parseGlob(p, this.#hasMagic, noEmpty) : p.toRegExpSource(allowDot);
        this.#hasMagic = this.#hasMagic || hasMagic;
        this.#uflag = this.#uflag || uflag;
        return re;
      }).join("");
      let start2 = "";
      if (this.isStart()) {
        if (typeof this.#parts[0] === "string") {
          const dotTravAllowed = this.#parts.length === 1 && justDots.has(this.#parts[0]);
          if (!dotTravAllowed) {
            const aps = addPatternStart;
            const needNoTrav = (
              // dots are allowed, and the pattern starts with [ or .
              dot && aps.has(src.charAt(0)) || // the pattern starts with \., and then [ or .
              src.startsWith("\\.") && aps.has(src.charAt(2)) || // the pattern starts with \.\., and then [ or .
              src.startsWith("\\.\\.") && aps.has(src.charAt(4))
            );
            const needNoDot = !dot && !allowDot && aps.has(src.charAt(0));
            start2 = needNoTrav ? startNoTraversal : needNoDot ? startNoDot : "";
          }
        }
      }
      let end = "";
      if (this.isEnd() && this.#root.#filledNegs && this.#parent?.type === "!") {
        end = "(?:$|\\/)";
      }
      const final2 = start2 + src + end;
      return [
        final2,
        unescape(src),
        this.#hasMagic = !!this.#hasMagic,
        this.#uflag
      ];
    }
    const repeated = this.type === "*" || this.type === "+";
    const start = this.type === "!" ? "(?:(?!(?:" : "(?:";
    let body = this.#partsToRegExp(dot);
    if (this.isStart() && this.isEnd() && !body && this.type !== "!") {
      const s = this.toString();
      const me = this;
      me.#parts = [s];
      me.type = null;
      me.#hasMagic = void 0;
      return [s, unescape(this.toString()), false, false];
    }
    let bodyDotAllowed = !repeated || allowDot || dot || !startNoDot ? "" : this.#partsToRegExp(true);
    if (bodyDotAllowed === body) {
      bodyDotAllowed = "";
    }
    if (bodyDotAllowed) {
      body = `(?:${body})(?:${bodyDotAllowed})*?`;
    }
    let final = "";
    if (this.type === "!" && this.#emptyExt) {
      final = (this.isStart() && !dot ? startNoDot : "") + starNoEmpty;
    } else {
      const close = this.type === "!" ? (
        // !() must match something,but !(x) can match ''
        "))" + (this.isStart() && !dot && !allowDot ? startNoDot : "") + star + ")"
      ) : this.type === "@" ? ")" : this.type === "?" ? ")?" : this.type === "+" && bodyDotAllowed ? ")" : this.type === "*" && bodyDotAllowed ? `)?` : `)${this.type}`;
      final = start + body + close;
    }
    return [
      final,
      unescape(body),
      this.#hasMagic = !!this.#hasMagic,
      this.#uflag
    ];
  }
  #flatten() {
    if (!isExtglobAST(this)) {
      for (const p of this.#parts) {
        if (typeof p === "object") {
          p.#flatten();
        }
      }
    } else {
      let iterations = 0;
      let done = false;
      do {
        done = true;
        for (let i = 0; i < this.#parts.length; i++) {
          const c = this.#parts[i];
          if (typeof c === "object") {
            c.#flatten();
            if (this.#canAdopt(c)) {
              done = false;
              this.#adopt(c, i);
            } else if (this.#canAdoptWithSpace(c)) {
              done = false;
              this.#adoptWithSpace(c, i);
            } else if (this.#canUsurp(c)) {
              done = false;
              this.#usurp(c);
            }
          }
        }
      } while (!done && ++iterations < 10);
    }
    this.#toString = void 0;
  }
  #partsToRegExp(dot) {
    return this.#parts.map((p) => {
      if (typeof p === "string") {
        throw new Error("string type in extglob ast??");
      }
      const [re, _, _hasMagic, uflag] = p.toRegExpSource(dot);
      this.#uflag = this.#uflag || uflag;
      return re;
    }).filter((p) => !(this.isStart() && this.isEnd()) || !!p).join("|");
  }
  static #parseGlob(glob, hasMagic, noEmpty = false) {
    let escaping = false;
    let re = "";
    let uflag = false;
    let inStar = false;
    for (let i = 0; i < glob.length; i++) {
      const c = glob.charAt(i);
      if (escaping) {
        escaping = false;
        re += (reSpecials.has(c) ? "\\" : "") + c;
        continue;
      }
      if (c === "*") {
        if (inStar)
          continue;
        inStar = true;
        re += noEmpty && /^[*]+$/.test(glob) ? starNoEmpty : star;
        hasMagic = true;
        continue;
      } else {
        inStar = false;
      }
      if (c === "\\") {
        if (i === glob.length - 1) {
          re += "\\\\";
        } else {
          escaping = true;
        }
        continue;
      }
      if (c === "[") {
        const [src, needUflag, consumed, magic] = parseClass(glob, i);
        if (consumed) {
          re += src;
          uflag = uflag || needUflag;
          i += consumed - 1;
          hasMagic = hasMagic || magic;
          continue;
        }
      }
      if (c === "?") {
        re += qmark;
        hasMagic = true;
        continue;
      }
      re += regExpEscape(c);
    }
    return [re, unescape(glob), !!hasMagic, uflag];
  }
};
_a = AST;

// node_modules/minimatch/dist/esm/escape.js
var escape = (s, { windowsPathsNoEscape = false, magicalBraces = false } = {}) => {
  if (magicalBraces) {
    return windowsPathsNoEscape ? s.replace(/[?*()[\]{}]/g, "[$&]") : s.replace(/[?*()[\]\\{}]/g, "\\$&");
  }
  return windowsPathsNoEscape ? s.replace(/[?*()[\]]/g, "[$&]") : s.replace(/[?*()[\]\\]/g, "\\$&");
};

// node_modules/minimatch/dist/esm/index.js
var minimatch = (p, pattern, options = {}) => {
  assertValidPattern(pattern);
  if (!options.nocomment && pattern.charAt(0) === "#") {
    return false;
  }
  return new Minimatch(pattern, options).match(p);
};
var starDotExtRE = /^\*+([^+@!?*[(]*)$/;
var starDotExtTest = (ext2) => (f) => !f.startsWith(".") && f.endsWith(ext2);
var starDotExtTestDot = (ext2) => (f) => f.endsWith(ext2);
var starDotExtTestNocase = (ext2) => {
  ext2 = ext2.toLowerCase();
  return (f) => !f.startsWith(".") && f.toLowerCase().endsWith(ext2);
};
var starDotExtTestNocaseDot = (ext2) => {
  ext2 = ext2.toLowerCase();
  return (f) => f.toLowerCase().endsWith(ext2);
};
var starDotStarRE = /^\*+\.\*+$/;
var starDotStarTest = (f) => !f.startsWith(".") && f.includes(".");
var starDotStarTestDot = (f) => f !== "." && f !== ".." && f.includes(".");
var dotStarRE = /^\.\*+$/;
var dotStarTest = (f) => f !== "." && f !== ".." && f.startsWith(".");
var starRE = /^\*+$/;
var starTest = (f) => f.length !== 0 && !f.startsWith(".");
var starTestDot = (f) => f.length !== 0 && f !== "." && f !== "..";
var qmarksRE = /^\?+([^+@!?*[(]*)?$/;
var qmarksTestNocase = ([$0, ext2 = ""]) => {
  const noext = qmarksTestNoExt([$0]);
  if (!ext2)
    return noext;
  ext2 = ext2.toLowerCase();
  return (f) => noext(f) && f.toLowerCase().endsWith(ext2);
};
var qmarksTestNocaseDot = ([$0, ext2 = ""]) => {
  const noext = qmarksTestNoExtDot([$0]);
  if (!ext2)
    return noext;
  ext2 = ext2.toLowerCase();
  return (f) => noext(f) && f.toLowerCase().endsWith(ext2);
};
var qmarksTestDot = ([$0, ext2 = ""]) => {
  const noext = qmarksTestNoExtDot([$0]);
  return !ext2 ? noext : (f) => noext(f) && f.endsWith(ext2);
};
var qmarksTest = ([$0, ext2 = ""]) => {
  const noext = qmarksTestNoExt([$0]);
  return !ext2 ? noext : (f) => noext(f) && f.endsWith(ext2);
};
var qmarksTestNoExt = ([$0]) => {
  const len = $0.length;
  return (f) => f.length === len && !f.startsWith(".");
};
var qmarksTestNoExtDot = ([$0]) => {
  const len = $0.length;
  return (f) => f.length === len && f !== "." && f !== "..";
};
var defaultPlatform = typeof process === "object" && process ? typeof process.env === "object" && process.env && process.env.__MINIMATCH_TESTING_PLATFORM__ || process.platform : "posix";
var path10 = {
  win32: { sep: "\\" },
  posix: { sep: "/" }
};
var sep2 = defaultPlatform === "win32" ? path10.win32.sep : path10.posix.sep;
minimatch.sep = sep2;
var GLOBSTAR = /* @__PURE__ */ Symbol("globstar **");
minimatch.GLOBSTAR = GLOBSTAR;
var qmark2 = "[^/]";
var star2 = qmark2 + "*?";
var twoStarDot = "(?:(?!(?:\\/|^)(?:\\.{1,2})($|\\/)).)*?";
var twoStarNoDot = "(?:(?!(?:\\/|^)\\.).)*?";
var filter = (pattern, options = {}) => (p) => minimatch(p, pattern, options);
minimatch.filter = filter;
var ext = (a, b = {}) => Object.assign({}, a, b);
var defaults = (def) => {
  if (!def || typeof def !== "object" || !Object.keys(def).length) {
    return minimatch;
  }
  const orig = minimatch;
  const m = (p, pattern, options = {}) => orig(p, pattern, ext(def, options));
  return Object.assign(m, {
    Minimatch: class Minimatch extends orig.Minimatch {
      constructor(pattern, options = {}) {
        super(pattern, ext(def, options));
      }
      static defaults(options) {
        return orig.defaults(ext(def, options)).Minimatch;
      }
    },
    AST: class AST extends orig.AST {
      /* c8 ignore start */
      constructor(type, parent, options = {}) {
        super(type, parent, ext(def, options));
      }
      /* c8 ignore stop */
      static fromGlob(pattern, options = {}) {
        return orig.AST.fromGlob(pattern, ext(def, options));
      }
    },
    unescape: (s, options = {}) => orig.unescape(s, ext(def, options)),
    escape: (s, options = {}) => orig.escape(s, ext(def, options)),
    filter: (pattern, options = {}) => orig.filter(pattern, ext(def, options)),
    defaults: (options) => orig.defaults(ext(def, options)),
    makeRe: (pattern, options = {}) => orig.makeRe(pattern, ext(def, options)),
    braceExpand: (pattern, options = {}) => orig.braceExpand(pattern, ext(def, options)),
    match: (list, pattern, options = {}) => orig.match(list, pattern, ext(def, options)),
    sep: orig.sep,
    GLOBSTAR
  });
};
minimatch.defaults = defaults;
var braceExpand = (pattern, options = {}) => {
  assertValidPattern(pattern);
  if (options.nobrace || !/\{(?:(?!\{).)*\}/.test(pattern)) {
    return [pattern];
  }
  return expand(pattern, { max: options.braceExpandMax });
};
minimatch.braceExpand = braceExpand;
var makeRe = (pattern, options = {}) => new Minimatch(pattern, options).makeRe();
minimatch.makeRe = makeRe;
var match2 = (list, pattern, options = {}) => {
  const mm = new Minimatch(pattern, options);
  list = list.filter((f) => mm.match(f));
  if (mm.options.nonull && !list.length) {
    list.push(pattern);
  }
  return list;
};
minimatch.match = match2;
var globMagic = /[?*]|[+@!]\(.*?\)|\[|\]/;
var regExpEscape2 = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
var Minimatch = class {
  options;
  set;
  pattern;
  windowsPathsNoEscape;
  nonegate;
  negate;
  comment;
  empty;
  preserveMultipleSlashes;
  partial;
  globSet;
  globParts;
  nocase;
  isWindows;
  platform;
  windowsNoMagicRoot;
  maxGlobstarRecursion;
  regexp;
  constructor(pattern, options = {}) {
    assertValidPattern(pattern);
    options = options || {};
    this.options = options;
    this.maxGlobstarRecursion = options.maxGlobstarRecursion ?? 200;
    this.pattern = pattern;
    this.platform = options.platform || defaultPlatform;
    this.isWindows = this.platform === "win32";
    const awe = "allowWindowsEscape";
    this.windowsPathsNoEscape = !!options.windowsPathsNoEscape || options[awe] === false;
    if (this.windowsPathsNoEscape) {
      this.pattern = this.pattern.replace(/\\/g, "/");
    }
    this.preserveMultipleSlashes = !!options.preserveMultipleSlashes;
    this.regexp = null;
    this.negate = false;
    this.nonegate = !!options.nonegate;
    this.comment = false;
    this.empty = false;
    this.partial = !!options.partial;
    this.nocase = !!this.options.nocase;
    this.windowsNoMagicRoot = options.windowsNoMagicRoot !== void 0 ? options.windowsNoMagicRoot : !!(this.isWindows && this.nocase);
    this.globSet = [];
    this.globParts = [];
    this.set = [];
    this.make();
  }
  hasMagic() {
    if (this.options.magicalBraces && this.set.length > 1) {
      return true;
    }
    for (const pattern of this.set) {
      for (const part of pattern) {
        if (typeof part !== "string")
          return true;
      }
    }
    return false;
  }
  debug(..._) {
  }
  make() {
    const pattern = this.pattern;
    const options = this.options;
    if (!options.nocomment && pattern.charAt(0) === "#") {
      this.comment = true;
      return;
    }
    if (!pattern) {
      this.empty = true;
      return;
    }
    this.parseNegate();
    this.globSet = [...new Set(this.braceExpand())];
    if (options.debug) {
      this.debug = (...args) => console.error(...args);
    }
    this.debug(this.pattern, this.globSet);
    const rawGlobParts = this.globSet.map((s) => this.slashSplit(s));
    this.globParts = this.preprocess(rawGlobParts);
    this.debug(this.pattern, this.globParts);
    let set = this.globParts.map((s, _, __) => {
      if (this.isWindows && this.windowsNoMagicRoot) {
        const isUNC = s[0] === "" && s[1] === "" && (s[2] === "?" || !globMagic.test(s[2])) && !globMagic.test(s[3]);
        const isDrive = /^[a-z]:/i.test(s[0]);
        if (isUNC) {
          return [
            ...s.slice(0, 4),
            ...s.slice(4).map((ss) => this.parse(ss))
          ];
        } else if (isDrive) {
          return [s[0], ...s.slice(1).map((ss) => this.parse(ss))];
        }
      }
      return s.map((ss) => this.parse(ss));
    });
    this.debug(this.pattern, set);
    this.set = set.filter((s) => s.indexOf(false) === -1);
    if (this.isWindows) {
      for (let i = 0; i < this.set.length; i++) {
        const p = this.set[i];
        if (p[0] === "" && p[1] === "" && this.globParts[i][2] === "?" && typeof p[3] === "string" && /^[a-z]:$/i.test(p[3])) {
          p[2] = "?";
        }
      }
    }
    this.debug(this.pattern, this.set);
  }
  // various transforms to equivalent pattern sets that are
  // faster to process in a filesystem walk.  The goal is to
  // eliminate what we can, and push all ** patterns as far
  // to the right as possible, even if it increases the number
  // of patterns that we have to process.
  preprocess(globParts) {
    if (this.options.noglobstar) {
      for (const partset of globParts) {
        for (let j = 0; j < partset.length; j++) {
          if (partset[j] === "**") {
            partset[j] = "*";
          }
        }
      }
    }
    const { optimizationLevel = 1 } = this.options;
    if (optimizationLevel >= 2) {
      globParts = this.firstPhasePreProcess(globParts);
      globParts = this.secondPhasePreProcess(globParts);
    } else if (optimizationLevel >= 1) {
      globParts = this.levelOneOptimize(globParts);
    } else {
      globParts = this.adjascentGlobstarOptimize(globParts);
    }
    return globParts;
  }
  // just get rid of adjascent ** portions
  adjascentGlobstarOptimize(globParts) {
    return globParts.map((parts) => {
      let gs = -1;
      while (-1 !== (gs = parts.indexOf("**", gs + 1))) {
        let i = gs;
        while (parts[i + 1] === "**") {
          i++;
        }
        if (i !== gs) {
          parts.splice(gs, i - gs);
        }
      }
      return parts;
    });
  }
  // get rid of adjascent ** and resolve .. portions
  levelOneOptimize(globParts) {
    return globParts.map((parts) => {
      parts = parts.reduce((set, part) => {
        const prev = set[set.length - 1];
        if (part === "**" && prev === "**") {
          return set;
        }
        if (part === "..") {
          if (prev && prev !== ".." && prev !== "." && prev !== "**") {
            set.pop();
            return set;
          }
        }
        set.push(part);
        return set;
      }, []);
      return parts.length === 0 ? [""] : parts;
    });
  }
  levelTwoFileOptimize(parts) {
    if (!Array.isArray(parts)) {
      parts = this.slashSplit(parts);
    }
    let didSomething = false;
    do {
      didSomething = false;
      if (!this.preserveMultipleSlashes) {
        for (let i = 1; i < parts.length - 1; i++) {
          const p = parts[i];
          if (i === 1 && p === "" && parts[0] === "")
            continue;
          if (p === "." || p === "") {
            didSomething = true;
            parts.splice(i, 1);
            i--;
          }
        }
        if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
          didSomething = true;
          parts.pop();
        }
      }
      let dd = 0;
      while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
        const p = parts[dd - 1];
        if (p && p !== "." && p !== ".." && p !== "**" && !(this.isWindows && /^[a-z]:$/i.test(p))) {
          didSomething = true;
          parts.splice(dd - 1, 2);
          dd -= 2;
        }
      }
    } while (didSomething);
    return parts.length === 0 ? [""] : parts;
  }
  // First phase: single-pattern processing
  // <pre> is 1 or more portions
  // <rest> is 1 or more portions
  // <p> is any portion other than ., .., '', or **
  // <e> is . or ''
  //
  // **/.. is *brutal* for filesystem walking performance, because
  // it effectively resets the recursive walk each time it occurs,
  // and ** cannot be reduced out by a .. pattern part like a regexp
  // or most strings (other than .., ., and '') can be.
  //
  // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
  // <pre>/<e>/<rest> -> <pre>/<rest>
  // <pre>/<p>/../<rest> -> <pre>/<rest>
  // **/**/<rest> -> **/<rest>
  //
  // **/*/<rest> -> */**/<rest> <== not valid because ** doesn't follow
  // this WOULD be allowed if ** did follow symlinks, or * didn't
  firstPhasePreProcess(globParts) {
    let didSomething = false;
    do {
      didSomething = false;
      for (let parts of globParts) {
        let gs = -1;
        while (-1 !== (gs = parts.indexOf("**", gs + 1))) {
          let gss = gs;
          while (parts[gss + 1] === "**") {
            gss++;
          }
          if (gss > gs) {
            parts.splice(gs + 1, gss - gs);
          }
          let next = parts[gs + 1];
          const p = parts[gs + 2];
          const p2 = parts[gs + 3];
          if (next !== "..")
            continue;
          if (!p || p === "." || p === ".." || !p2 || p2 === "." || p2 === "..") {
            continue;
          }
          didSomething = true;
          parts.splice(gs, 1);
          const other = parts.slice(0);
          other[gs] = "**";
          globParts.push(other);
          gs--;
        }
        if (!this.preserveMultipleSlashes) {
          for (let i = 1; i < parts.length - 1; i++) {
            const p = parts[i];
            if (i === 1 && p === "" && parts[0] === "")
              continue;
            if (p === "." || p === "") {
              didSomething = true;
              parts.splice(i, 1);
              i--;
            }
          }
          if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
            didSomething = true;
            parts.pop();
          }
        }
        let dd = 0;
        while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
          const p = parts[dd - 1];
          if (p && p !== "." && p !== ".." && p !== "**") {
            didSomething = true;
            const needDot = dd === 1 && parts[dd + 1] === "**";
            const splin = needDot ? ["."] : [];
            parts.splice(dd - 1, 2, ...splin);
            if (parts.length === 0)
              parts.push("");
            dd -= 2;
          }
        }
      }
    } while (didSomething);
    return globParts;
  }
  // second phase: multi-pattern dedupes
  // {<pre>/*/<rest>,<pre>/<p>/<rest>} -> <pre>/*/<rest>
  // {<pre>/<rest>,<pre>/<rest>} -> <pre>/<rest>
  // {<pre>/**/<rest>,<pre>/<rest>} -> <pre>/**/<rest>
  //
  // {<pre>/**/<rest>,<pre>/**/<p>/<rest>} -> <pre>/**/<rest>
  // ^-- not valid because ** doens't follow symlinks
  secondPhasePreProcess(globParts) {
    for (let i = 0; i < globParts.length - 1; i++) {
      for (let j = i + 1; j < globParts.length; j++) {
        const matched = this.partsMatch(globParts[i], globParts[j], !this.preserveMultipleSlashes);
        if (matched) {
          globParts[i] = [];
          globParts[j] = matched;
          break;
        }
      }
    }
    return globParts.filter((gs) => gs.length);
  }
  partsMatch(a, b, emptyGSMatch = false) {
    let ai = 0;
    let bi = 0;
    let result = [];
    let which = "";
    while (ai < a.length && bi < b.length) {
      if (a[ai] === b[bi]) {
        result.push(which === "b" ? b[bi] : a[ai]);
        ai++;
        bi++;
      } else if (emptyGSMatch && a[ai] === "**" && b[bi] === a[ai + 1]) {
        result.push(a[ai]);
        ai++;
      } else if (emptyGSMatch && b[bi] === "**" && a[ai] === b[bi + 1]) {
        result.push(b[bi]);
        bi++;
      } else if (a[ai] === "*" && b[bi] && (this.options.dot || !b[bi].startsWith(".")) && b[bi] !== "**") {
        if (which === "b")
          return false;
        which = "a";
        result.push(a[ai]);
        ai++;
        bi++;
      } else if (b[bi] === "*" && a[ai] && (this.options.dot || !a[ai].startsWith(".")) && a[ai] !== "**") {
        if (which === "a")
          return false;
        which = "b";
        result.push(b[bi]);
        ai++;
        bi++;
      } else {
        return false;
      }
    }
    return a.length === b.length && result;
  }
  parseNegate() {
    if (this.nonegate)
      return;
    const pattern = this.pattern;
    let negate = false;
    let negateOffset = 0;
    for (let i = 0; i < pattern.length && pattern.charAt(i) === "!"; i++) {
      negate = !negate;
      negateOffset++;
    }
    if (negateOffset)
      this.pattern = pattern.slice(negateOffset);
    this.negate = negate;
  }
  // set partial to true to test if, for example,
  // "/a/b" matches the start of "/*/b/*/d"
  // Partial means, if you run out of file before you run
  // out of pattern, then that's fine, as long as all
  // the parts match.
  matchOne(file, pattern, partial = false) {
    let fileStartIndex = 0;
    let patternStartIndex = 0;
    if (this.isWindows) {
      const fileDrive = typeof file[0] === "string" && /^[a-z]:$/i.test(file[0]);
      const fileUNC = !fileDrive && file[0] === "" && file[1] === "" && file[2] === "?" && /^[a-z]:$/i.test(file[3]);
      const patternDrive = typeof pattern[0] === "string" && /^[a-z]:$/i.test(pattern[0]);
      const patternUNC = !patternDrive && pattern[0] === "" && pattern[1] === "" && pattern[2] === "?" && typeof pattern[3] === "string" && /^[a-z]:$/i.test(pattern[3]);
      const fdi = fileUNC ? 3 : fileDrive ? 0 : void 0;
      const pdi = patternUNC ? 3 : patternDrive ? 0 : void 0;
      if (typeof fdi === "number" && typeof pdi === "number") {
        const [fd, pd] = [
          file[fdi],
          pattern[pdi]
        ];
        if (fd.toLowerCase() === pd.toLowerCase()) {
          pattern[pdi] = fd;
          patternStartIndex = pdi;
          fileStartIndex = fdi;
        }
      }
    }
    const { optimizationLevel = 1 } = this.options;
    if (optimizationLevel >= 2) {
      file = this.levelTwoFileOptimize(file);
    }
    if (pattern.includes(GLOBSTAR)) {
      return this.#matchGlobstar(file, pattern, partial, fileStartIndex, patternStartIndex);
    }
    return this.#matchOne(file, pattern, partial, fileStartIndex, patternStartIndex);
  }
  #matchGlobstar(file, pattern, partial, fileIndex, patternIndex) {
    const firstgs = pattern.indexOf(GLOBSTAR, patternIndex);
    const lastgs = pattern.lastIndexOf(GLOBSTAR);
    const [head, body, tail] = partial ? [
      pattern.slice(patternIndex, firstgs),
      pattern.slice(firstgs + 1),
      []
    ] : [
      pattern.slice(patternIndex, firstgs),
      pattern.slice(firstgs + 1, lastgs),
      pattern.slice(lastgs + 1)
    ];
    if (head.length) {
      const fileHead = file.slice(fileIndex, fileIndex + head.length);
      if (!this.#matchOne(fileHead, head, partial, 0, 0)) {
        return false;
      }
      fileIndex += head.length;
      patternIndex += head.length;
    }
    let fileTailMatch = 0;
    if (tail.length) {
      if (tail.length + fileIndex > file.length)
        return false;
      let tailStart = file.length - tail.length;
      if (this.#matchOne(file, tail, partial, tailStart, 0)) {
        fileTailMatch = tail.length;
      } else {
        if (file[file.length - 1] !== "" || fileIndex + tail.length === file.length) {
          return false;
        }
        tailStart--;
        if (!this.#matchOne(file, tail, partial, tailStart, 0)) {
          return false;
        }
        fileTailMatch = tail.length + 1;
      }
    }
    if (!body.length) {
      let sawSome = !!fileTailMatch;
      for (let i2 = fileIndex; i2 < file.length - fileTailMatch; i2++) {
        const f = String(file[i2]);
        sawSome = true;
        if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
          return false;
        }
      }
      return partial || sawSome;
    }
    const bodySegments = [[[], 0]];
    let currentBody = bodySegments[0];
    let nonGsParts = 0;
    const nonGsPartsSums = [0];
    for (const b of body) {
      if (b === GLOBSTAR) {
        nonGsPartsSums.push(nonGsParts);
        currentBody = [[], 0];
        bodySegments.push(currentBody);
      } else {
        currentBody[0].push(b);
        nonGsParts++;
      }
    }
    let i = bodySegments.length - 1;
    const fileLength = file.length - fileTailMatch;
    for (const b of bodySegments) {
      b[1] = fileLength - (nonGsPartsSums[i--] + b[0].length);
    }
    return !!this.#matchGlobStarBodySections(file, bodySegments, fileIndex, 0, partial, 0, !!fileTailMatch);
  }
  // return false for "nope, not matching"
  // return null for "not matching, cannot keep trying"
  #matchGlobStarBodySections(file, bodySegments, fileIndex, bodyIndex, partial, globStarDepth, sawTail) {
    const bs = bodySegments[bodyIndex];
    if (!bs) {
      for (let i = fileIndex; i < file.length; i++) {
        sawTail = true;
        const f = file[i];
        if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
          return false;
        }
      }
      return sawTail;
    }
    const [body, after] = bs;
    while (fileIndex <= after) {
      const m = this.#matchOne(file.slice(0, fileIndex + body.length), body, partial, fileIndex, 0);
      if (m && globStarDepth < this.maxGlobstarRecursion) {
        const sub = this.#matchGlobStarBodySections(file, bodySegments, fileIndex + body.length, bodyIndex + 1, partial, globStarDepth + 1, sawTail);
        if (sub !== false) {
          return sub;
        }
      }
      const f = file[fileIndex];
      if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
        return false;
      }
      fileIndex++;
    }
    return partial || null;
  }
  #matchOne(file, pattern, partial, fileIndex, patternIndex) {
    let fi;
    let pi;
    let pl;
    let fl;
    for (fi = fileIndex, pi = patternIndex, fl = file.length, pl = pattern.length; fi < fl && pi < pl; fi++, pi++) {
      this.debug("matchOne loop");
      let p = pattern[pi];
      let f = file[fi];
      this.debug(pattern, p, f);
      if (p === false || p === GLOBSTAR) {
        return false;
      }
      let hit;
      if (typeof p === "string") {
        hit = f === p;
        this.debug("string match", p, f, hit);
      } else {
        hit = p.test(f);
        this.debug("pattern match", p, f, hit);
      }
      if (!hit)
        return false;
    }
    if (fi === fl && pi === pl) {
      return true;
    } else if (fi === fl) {
      return partial;
    } else if (pi === pl) {
      return fi === fl - 1 && file[fi] === "";
    } else {
      throw new Error("wtf?");
    }
  }
  braceExpand() {
    return braceExpand(this.pattern, this.options);
  }
  parse(pattern) {
    assertValidPattern(pattern);
    const options = this.options;
    if (pattern === "**")
      return GLOBSTAR;
    if (pattern === "")
      return "";
    let m;
    let fastTest = null;
    if (m = pattern.match(starRE)) {
      fastTest = options.dot ? starTestDot : starTest;
    } else if (m = pattern.match(starDotExtRE)) {
      fastTest = (options.nocase ? options.dot ? starDotExtTestNocaseDot : starDotExtTestNocase : options.dot ? starDotExtTestDot : starDotExtTest)(m[1]);
    } else if (m = pattern.match(qmarksRE)) {
      fastTest = (options.nocase ? options.dot ? qmarksTestNocaseDot : qmarksTestNocase : options.dot ? qmarksTestDot : qmarksTest)(m);
    } else if (m = pattern.match(starDotStarRE)) {
      fastTest = options.dot ? starDotStarTestDot : starDotStarTest;
    } else if (m = pattern.match(dotStarRE)) {
      fastTest = dotStarTest;
    }
    const re = AST.fromGlob(pattern, this.options).toMMPattern();
    if (fastTest && typeof re === "object") {
      Reflect.defineProperty(re, "test", { value: fastTest });
    }
    return re;
  }
  makeRe() {
    if (this.regexp || this.regexp === false)
      return this.regexp;
    const set = this.set;
    if (!set.length) {
      this.regexp = false;
      return this.regexp;
    }
    const options = this.options;
    const twoStar = options.noglobstar ? star2 : options.dot ? twoStarDot : twoStarNoDot;
    const flags = new Set(options.nocase ? ["i"] : []);
    let re = set.map((pattern) => {
      const pp = pattern.map((p) => {
        if (p instanceof RegExp) {
          for (const f of p.flags.split(""))
            flags.add(f);
        }
        return typeof p === "string" ? regExpEscape2(p) : p === GLOBSTAR ? GLOBSTAR : p._src;
      });
      pp.forEach((p, i) => {
        const next = pp[i + 1];
        const prev = pp[i - 1];
        if (p !== GLOBSTAR || prev === GLOBSTAR) {
          return;
        }
        if (prev === void 0) {
          if (next !== void 0 && next !== GLOBSTAR) {
            pp[i + 1] = "(?:\\/|" + twoStar + "\\/)?" + next;
          } else {
            pp[i] = twoStar;
          }
        } else if (next === void 0) {
          pp[i - 1] = prev + "(?:\\/|\\/" + twoStar + ")?";
        } else if (next !== GLOBSTAR) {
          pp[i - 1] = prev + "(?:\\/|\\/" + twoStar + "\\/)" + next;
          pp[i + 1] = GLOBSTAR;
        }
      });
      const filtered = pp.filter((p) => p !== GLOBSTAR);
      if (this.partial && filtered.length >= 1) {
        const prefixes = [];
        for (let i = 1; i <= filtered.length; i++) {
          prefixes.push(filtered.slice(0, i).join("/"));
        }
        return "(?:" + prefixes.join("|") + ")";
      }
      return filtered.join("/");
    }).join("|");
    const [open, close] = set.length > 1 ? ["(?:", ")"] : ["", ""];
    re = "^" + open + re + close + "$";
    if (this.partial) {
      re = "^(?:\\/|" + open + re.slice(1, -1) + close + ")$";
    }
    if (this.negate)
      re = "^(?!" + re + ").+$";
    try {
      this.regexp = new RegExp(re, [...flags].join(""));
    } catch {
      this.regexp = false;
    }
    return this.regexp;
  }
  slashSplit(p) {
    if (this.preserveMultipleSlashes) {
      return p.split("/");
    } else if (this.isWindows && /^\/\/[^/]+/.test(p)) {
      return ["", ...p.split(/\/+/)];
    } else {
      return p.split(/\/+/);
    }
  }
  match(f, partial = this.partial) {
    this.debug("match", f, this.pattern);
    if (this.comment) {
      return false;
    }
    if (this.empty) {
      return f === "";
    }
    if (f === "/" && partial) {
      return true;
    }
    const options = this.options;
    if (this.isWindows) {
      f = f.split("\\").join("/");
    }
    const ff = this.slashSplit(f);
    this.debug(this.pattern, "split", ff);
    const set = this.set;
    this.debug(this.pattern, "set", set);
    let filename = ff[ff.length - 1];
    if (!filename) {
      for (let i = ff.length - 2; !filename && i >= 0; i--) {
        filename = ff[i];
      }
    }
    for (const pattern of set) {
      let file = ff;
      if (options.matchBase && pattern.length === 1) {
        file = [filename];
      }
      const hit = this.matchOne(file, pattern, partial);
      if (hit) {
        if (options.flipNegate) {
          return true;
        }
        return !this.negate;
      }
    }
    if (options.flipNegate) {
      return false;
    }
    return this.negate;
  }
  static defaults(def) {
    return minimatch.defaults(def).Minimatch;
  }
};
minimatch.AST = AST;
minimatch.Minimatch = Minimatch;
minimatch.escape = escape;
minimatch.unescape = unescape;

// node_modules/@actions/glob/lib/internal-path.js
import * as path11 from "path";
import assert2 from "assert";
var IS_WINDOWS3 = process.platform === "win32";
var Path = class {
  /**
   * Constructs a Path
   * @param itemPath Path or array of segments
   */
  constructor(itemPath) {
    this.segments = [];
    if (typeof itemPath === "string") {
      assert2(itemPath, `Parameter 'itemPath' must not be empty`);
      itemPath = safeTrimTrailingSeparator(itemPath);
      if (!hasRoot(itemPath)) {
        this.segments = itemPath.split(path11.sep);
      } else {
        let remaining = itemPath;
        let dir = dirname5(remaining);
        while (dir !== remaining) {
          const basename4 = path11.basename(remaining);
          this.segments.unshift(basename4);
          remaining = dir;
          dir = dirname5(remaining);
        }
        this.segments.unshift(remaining);
      }
    } else {
      assert2(itemPath.length > 0, `Parameter 'itemPath' must not be an empty array`);
      for (let i = 0; i < itemPath.length; i++) {
        let segment = itemPath[i];
        assert2(segment, `Parameter 'itemPath' must not contain any empty segments`);
        segment = normalizeSeparators(itemPath[i]);
        if (i === 0 && hasRoot(segment)) {
          segment = safeTrimTrailingSeparator(segment);
          assert2(segment === dirname5(segment), `Parameter 'itemPath' root segment contains information for multiple segments`);
          this.segments.push(segment);
        } else {
          assert2(!segment.includes(path11.sep), `Parameter 'itemPath' contains unexpected path separators`);
          this.segments.push(segment);
        }
      }
    }
  }
  /**
   * Converts the path to it's string representation
   */
  toString() {
    let result = this.segments[0];
    let skipSlash = result.endsWith(path11.sep) || IS_WINDOWS3 && /^[A-Z]:$/i.test(result);
    for (let i = 1; i < this.segments.length; i++) {
      if (skipSlash) {
        skipSlash = false;
      } else {
        result += path11.sep;
      }
      result += this.segments[i];
    }
    return result;
  }
};

// node_modules/@actions/glob/lib/internal-pattern.js
var IS_WINDOWS4 = process.platform === "win32";
var Pattern = class _Pattern {
  constructor(patternOrNegate, isImplicitPattern = false, segments, homedir2) {
    this.negate = false;
    let pattern;
    if (typeof patternOrNegate === "string") {
      pattern = patternOrNegate.trim();
    } else {
      segments = segments || [];
      assert3(segments.length, `Parameter 'segments' must not empty`);
      const root = _Pattern.getLiteral(segments[0]);
      assert3(root && hasAbsoluteRoot(root), `Parameter 'segments' first element must be a root path`);
      pattern = new Path(segments).toString().trim();
      if (patternOrNegate) {
        pattern = `!${pattern}`;
      }
    }
    while (pattern.startsWith("!")) {
      this.negate = !this.negate;
      pattern = pattern.substr(1).trim();
    }
    pattern = _Pattern.fixupPattern(pattern, homedir2);
    this.segments = new Path(pattern).segments;
    this.trailingSeparator = normalizeSeparators(pattern).endsWith(path12.sep);
    pattern = safeTrimTrailingSeparator(pattern);
    let foundGlob = false;
    const searchSegments = this.segments.map((x) => _Pattern.getLiteral(x)).filter((x) => !foundGlob && !(foundGlob = x === ""));
    this.searchPath = new Path(searchSegments).toString();
    this.rootRegExp = new RegExp(_Pattern.regExpEscape(searchSegments[0]), IS_WINDOWS4 ? "i" : "");
    this.isImplicitPattern = isImplicitPattern;
    const minimatchOptions = {
      dot: true,
      nobrace: true,
      nocase: IS_WINDOWS4,
      nocomment: true,
      noext: true,
      nonegate: true
    };
    pattern = IS_WINDOWS4 ? pattern.replace(/\\/g, "/") : pattern;
    this.minimatch = new Minimatch(pattern, minimatchOptions);
  }
  /**
   * Matches the pattern against the specified path
   */
  match(itemPath) {
    if (this.segments[this.segments.length - 1] === "**") {
      itemPath = normalizeSeparators(itemPath);
      if (!itemPath.endsWith(path12.sep) && this.isImplicitPattern === false) {
        itemPath = `${itemPath}${path12.sep}`;
      }
    } else {
      itemPath = safeTrimTrailingSeparator(itemPath);
    }
    if (this.minimatch.match(itemPath)) {
      return this.trailingSeparator ? MatchKind.Directory : MatchKind.All;
    }
    return MatchKind.None;
  }
  /**
   * Indicates whether the pattern may match descendants of the specified path
   */
  partialMatch(itemPath) {
    itemPath = safeTrimTrailingSeparator(itemPath);
    if (dirname5(itemPath) === itemPath) {
      return this.rootRegExp.test(itemPath);
    }
    return this.minimatch.matchOne(itemPath.split(IS_WINDOWS4 ? /\\+/ : /\/+/), this.minimatch.set[0], true);
  }
  /**
   * Escapes glob patterns within a path
   */
  static globEscape(s) {
    return (IS_WINDOWS4 ? s : s.replace(/\\/g, "\\\\")).replace(/(\[)(?=[^/]+\])/g, "[[]").replace(/\?/g, "[?]").replace(/\*/g, "[*]");
  }
  /**
   * Normalizes slashes and ensures absolute root
   */
  static fixupPattern(pattern, homedir2) {
    assert3(pattern, "pattern cannot be empty");
    const literalSegments = new Path(pattern).segments.map((x) => _Pattern.getLiteral(x));
    assert3(literalSegments.every((x, i) => (x !== "." || i === 0) && x !== ".."), `Invalid pattern '${pattern}'. Relative pathing '.' and '..' is not allowed.`);
    assert3(!hasRoot(pattern) || literalSegments[0], `Invalid pattern '${pattern}'. Root segment must not contain globs.`);
    pattern = normalizeSeparators(pattern);
    if (pattern === "." || pattern.startsWith(`.${path12.sep}`)) {
      pattern = _Pattern.globEscape(process.cwd()) + pattern.substr(1);
    } else if (pattern === "~" || pattern.startsWith(`~${path12.sep}`)) {
      homedir2 = homedir2 || os2.homedir();
      assert3(homedir2, "Unable to determine HOME directory");
      assert3(hasAbsoluteRoot(homedir2), `Expected HOME directory to be a rooted path. Actual '${homedir2}'`);
      pattern = _Pattern.globEscape(homedir2) + pattern.substr(1);
    } else if (IS_WINDOWS4 && (pattern.match(/^[A-Z]:$/i) || pattern.match(/^[A-Z]:[^\\]/i))) {
      let root = ensureAbsoluteRoot("C:\\dummy-root", pattern.substr(0, 2));
      if (pattern.length > 2 && !root.endsWith("\\")) {
        root += "\\";
      }
      pattern = _Pattern.globEscape(root) + pattern.substr(2);
    } else if (IS_WINDOWS4 && (pattern === "\\" || pattern.match(/^\\[^\\]/))) {
      let root = ensureAbsoluteRoot("C:\\dummy-root", "\\");
      if (!root.endsWith("\\")) {
        root += "\\";
      }
      pattern = _Pattern.globEscape(root) + pattern.substr(1);
    } else {
      pattern = ensureAbsoluteRoot(_Pattern.globEscape(process.cwd()), pattern);
    }
    return normalizeSeparators(pattern);
  }
  /**
   * Attempts to unescape a pattern segment to create a literal path segment.
   * Otherwise returns empty string.
   */
  static getLiteral(segment) {
    let literal = "";
    for (let i = 0; i < segment.length; i++) {
      const c = segment[i];
      if (c === "\\" && !IS_WINDOWS4 && i + 1 < segment.length) {
        literal += segment[++i];
        continue;
      } else if (c === "*" || c === "?") {
        return "";
      } else if (c === "[" && i + 1 < segment.length) {
        let set = "";
        let closed = -1;
        for (let i2 = i + 1; i2 < segment.length; i2++) {
          const c2 = segment[i2];
          if (c2 === "\\" && !IS_WINDOWS4 && i2 + 1 < segment.length) {
            set += segment[++i2];
            continue;
          } else if (c2 === "]") {
            closed = i2;
            break;
          } else {
            set += c2;
          }
        }
        if (closed >= 0) {
          if (set.length > 1) {
            return "";
          }
          if (set) {
            literal += set;
            i = closed;
            continue;
          }
        }
      }
      literal += c;
    }
    return literal;
  }
  /**
   * Escapes regexp special characters
   * https://javascript.info/regexp-escaping
   */
  static regExpEscape(s) {
    return s.replace(/[[\\^$.|?*+()]/g, "\\$&");
  }
};

// node_modules/@actions/glob/lib/internal-search-state.js
var SearchState = class {
  constructor(path18, level) {
    this.path = path18;
    this.level = level;
  }
};

// node_modules/@actions/glob/lib/internal-globber.js
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve3) {
      resolve3(value);
    });
  }
  return new (P || (P = Promise))(function(resolve3, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve3(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var __asyncValues = function(o) {
  if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
  var m = o[Symbol.asyncIterator], i;
  return m ? m.call(o) : (o = typeof __values === "function" ? __values(o) : o[Symbol.iterator](), i = {}, verb("next"), verb("throw"), verb("return"), i[Symbol.asyncIterator] = function() {
    return this;
  }, i);
  function verb(n) {
    i[n] = o[n] && function(v) {
      return new Promise(function(resolve3, reject) {
        v = o[n](v), settle(resolve3, reject, v.done, v.value);
      });
    };
  }
  function settle(resolve3, reject, d, v) {
    Promise.resolve(v).then(function(v2) {
      resolve3({ value: v2, done: d });
    }, reject);
  }
};
var __await = function(v) {
  return this instanceof __await ? (this.v = v, this) : new __await(v);
};
var __asyncGenerator = function(thisArg, _arguments, generator) {
  if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
  var g = generator.apply(thisArg, _arguments || []), i, q = [];
  return i = Object.create((typeof AsyncIterator === "function" ? AsyncIterator : Object).prototype), verb("next"), verb("throw"), verb("return", awaitReturn), i[Symbol.asyncIterator] = function() {
    return this;
  }, i;
  function awaitReturn(f) {
    return function(v) {
      return Promise.resolve(v).then(f, reject);
    };
  }
  function verb(n, f) {
    if (g[n]) {
      i[n] = function(v) {
        return new Promise(function(a, b) {
          q.push([n, v, a, b]) > 1 || resume(n, v);
        });
      };
      if (f) i[n] = f(i[n]);
    }
  }
  function resume(n, v) {
    try {
      step(g[n](v));
    } catch (e) {
      settle(q[0][3], e);
    }
  }
  function step(r) {
    r.value instanceof __await ? Promise.resolve(r.value.v).then(fulfill, reject) : settle(q[0][2], r);
  }
  function fulfill(value) {
    resume("next", value);
  }
  function reject(value) {
    resume("throw", value);
  }
  function settle(f, v) {
    if (f(v), q.shift(), q.length) resume(q[0][0], q[0][1]);
  }
};
var IS_WINDOWS5 = process.platform === "win32";
var DefaultGlobber = class _DefaultGlobber {
  constructor(options) {
    this.patterns = [];
    this.searchPaths = [];
    this.options = getOptions(options);
  }
  getSearchPaths() {
    return this.searchPaths.slice();
  }
  glob() {
    return __awaiter(this, void 0, void 0, function* () {
      var _a2, e_1, _b, _c;
      const result = [];
      try {
        for (var _d = true, _e = __asyncValues(this.globGenerator()), _f; _f = yield _e.next(), _a2 = _f.done, !_a2; _d = true) {
          _c = _f.value;
          _d = false;
          const itemPath = _c;
          result.push(itemPath);
        }
      } catch (e_1_1) {
        e_1 = { error: e_1_1 };
      } finally {
        try {
          if (!_d && !_a2 && (_b = _e.return)) yield _b.call(_e);
        } finally {
          if (e_1) throw e_1.error;
        }
      }
      return result;
    });
  }
  globGenerator() {
    return __asyncGenerator(this, arguments, function* globGenerator_1() {
      const options = getOptions(this.options);
      const patterns = [];
      for (const pattern of this.patterns) {
        patterns.push(pattern);
        if (options.implicitDescendants && (pattern.trailingSeparator || pattern.segments[pattern.segments.length - 1] !== "**")) {
          patterns.push(new Pattern(pattern.negate, true, pattern.segments.concat("**")));
        }
      }
      const stack = [];
      for (const searchPath2 of getSearchPaths(patterns)) {
        debug(`Search path '${searchPath2}'`);
        try {
          yield __await(fs7.promises.lstat(searchPath2));
        } catch (err) {
          if (err.code === "ENOENT") {
            continue;
          }
          throw err;
        }
        stack.unshift(new SearchState(searchPath2, 1));
      }
      const traversalChain = [];
      while (stack.length) {
        const item = stack.pop();
        const match3 = match(patterns, item.path);
        const partialMatch2 = !!match3 || partialMatch(patterns, item.path);
        if (!match3 && !partialMatch2) {
          continue;
        }
        const stats = yield __await(
          _DefaultGlobber.stat(item, options, traversalChain)
          // Broken symlink, or symlink cycle detected, or no longer exists
        );
        if (!stats) {
          continue;
        }
        if (options.excludeHiddenFiles && path13.basename(item.path).match(/^\./)) {
          continue;
        }
        if (stats.isDirectory()) {
          if (match3 & MatchKind.Directory && options.matchDirectories) {
            yield yield __await(item.path);
          } else if (!partialMatch2) {
            continue;
          }
          const childLevel = item.level + 1;
          const childItems = (yield __await(fs7.promises.readdir(item.path))).map((x) => new SearchState(path13.join(item.path, x), childLevel));
          stack.push(...childItems.reverse());
        } else if (match3 & MatchKind.File) {
          yield yield __await(item.path);
        }
      }
    });
  }
  /**
   * Constructs a DefaultGlobber
   */
  static create(patterns, options) {
    return __awaiter(this, void 0, void 0, function* () {
      const result = new _DefaultGlobber(options);
      if (IS_WINDOWS5) {
        patterns = patterns.replace(/\r\n/g, "\n");
        patterns = patterns.replace(/\r/g, "\n");
      }
      const lines = patterns.split("\n").map((x) => x.trim());
      for (const line of lines) {
        if (!line || line.startsWith("#")) {
          continue;
        } else {
          result.patterns.push(new Pattern(line));
        }
      }
      result.searchPaths.push(...getSearchPaths(result.patterns));
      return result;
    });
  }
  static stat(item, options, traversalChain) {
    return __awaiter(this, void 0, void 0, function* () {
      let stats;
      if (options.followSymbolicLinks) {
        try {
          stats = yield fs7.promises.stat(item.path);
        } catch (err) {
          if (err.code === "ENOENT") {
            if (options.omitBrokenSymbolicLinks) {
              debug(`Broken symlink '${item.path}'`);
              return void 0;
            }
            throw new Error(`No information found for the path '${item.path}'. This may indicate a broken symbolic link.`);
          }
          throw err;
        }
      } else {
        stats = yield fs7.promises.lstat(item.path);
      }
      if (stats.isDirectory() && options.followSymbolicLinks) {
        const realPath = yield fs7.promises.realpath(item.path);
        while (traversalChain.length >= item.level) {
          traversalChain.pop();
        }
        if (traversalChain.some((x) => x === realPath)) {
          debug(`Symlink cycle detected for path '${item.path}' and realpath '${realPath}'`);
          return void 0;
        }
        traversalChain.push(realPath);
      }
      return stats;
    });
  }
};

// node_modules/@actions/glob/lib/glob.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve3) {
      resolve3(value);
    });
  }
  return new (P || (P = Promise))(function(resolve3, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve3(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
function create(patterns, options) {
  return __awaiter2(this, void 0, void 0, function* () {
    return yield DefaultGlobber.create(patterns, options);
  });
}

// src/plan/find-sources.ts
var SOURCE_EXTENSIONS = [".pyx", ".py", ".c"];
async function findSources(patterns, workingDirectory) {
  for (const pattern of patterns) refuseOutside(pattern, workingDirectory);
  const absolute = patterns.map((p) => anchorPattern(p, workingDirectory));
  const globber = await create(absolute.join("\n"), { matchDirectories: false, followSymbolicLinks: true });
  const root = fs8.realpathSync(workingDirectory);
  const files = [];
  for (const file of await globber.glob()) {
    if (!SOURCE_EXTENSIONS.includes(path14.extname(file))) continue;
    files.push(relativeInside(file, workingDirectory, root, patterns));
  }
  return [...new Set(files)].sort();
}
function anchorPattern(pattern, workingDirectory) {
  const negated = pattern.startsWith("!");
  const body = negated ? pattern.slice(1).trim() : pattern;
  const anchored = path14.isAbsolute(body) ? body : path14.join(workingDirectory, body);
  return (negated ? "!" : "") + anchored;
}
function refuseOutside(pattern, workingDirectory) {
  if (pattern.startsWith("!")) return;
  const fixed = anchorPattern(pattern, workingDirectory).split(/[*?[{]/)[0];
  const rel = path14.relative(workingDirectory, path14.dirname(fixed + "x"));
  if (isOutside(rel)) {
    throw new Error(
      `Invalid sources entry "${pattern}": it resolves outside the working directory ${workingDirectory}; sources must be inside working-directory (set working-directory to a directory that contains them)`
    );
  }
}
function relativeInside(file, workingDirectory, realRoot, patterns) {
  const rel = path14.relative(workingDirectory, file);
  const real = fs8.realpathSync(file);
  const realRel = path14.relative(realRoot, real);
  if (isOutside(rel) || isOutside(realRel)) {
    throw new Error(
      `Invalid sources: ${JSON.stringify(patterns.join(" "))} matched ${real}, which is outside the working directory ${realRoot}; sources must be inside working-directory (set working-directory to a directory that contains them)`
    );
  }
  return rel.split(path14.sep).join("/");
}
function isOutside(rel) {
  return rel === ".." || rel.startsWith(".." + path14.sep) || path14.isAbsolute(rel);
}

// src/plan/parallelism.ts
var GiB = 1024 ** 3;
var DEFAULT_MEMORY_PER_JOB = 1.5 * GiB;
var WINDOWS_MAX_JOBS = 61;
function decideParallelism(facts, request) {
  checkRequest(request);
  const safe = [cpuLimit(facts), memoryLimit(facts, request.memoryPerJob), modulesLimit(request.modules), ...platformLimit(facts)];
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
    throw new Error(`Invalid jobs "${request.jobs}": expected a whole number of 1 or more, or auto`);
  }
  if (!(request.memoryPerJob > 0 && Number.isFinite(request.memoryPerJob))) {
    throw new Error(`Invalid memory-per-job "${request.memoryPerJob}": expected a size above 0 such as 2GiB, 1.5GiB or 800MiB`);
  }
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
  return { name: "memory", value: Math.max(1, fits), why: `memory ${formatBytes(budget)}${source} / ${formatBytes(memoryPerJob)} per job ${result}` };
}
function modulesLimit(modules) {
  const value = Math.max(1, Math.floor(modules));
  const why = modules >= 1 ? `${value} ${plural(value, "module")} to build` : "no modules to build, so 1";
  return { name: "modules", value, why };
}
function platformLimit(facts) {
  return facts.platform === "win32" ? [{ name: "platform", value: WINDOWS_MAX_JOBS, why: `Windows cap ${WINDOWS_MAX_JOBS}` }] : [];
}
var LIMIT_LABELS = { cpu: "usable CPUs", memory: "memory", modules: "modules to build", platform: "the Windows cap" };
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

// src/plan/schedule.ts
function scheduleLongestFirst(modules, recordedMs) {
  const scale = msPerByte(modules, recordedMs);
  const cost = (m) => recordedMs[m.name] ?? m.size * scale * (m.language === "c++" ? 2 : 1);
  return [...modules].sort((a, b) => cost(b) - cost(a) || a.name.localeCompare(b.name));
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

// src/engine/prepare-build.ts
async function prepareBuild(settings, log, options = {}) {
  const toolchain = await probeToolchain(settings.python, settings.workingDirectory);
  log.info(describeToolchain(toolchain));
  const modules = await planFromSources(settings, toolchain.extSuffix, log);
  const facts = mergeHostFacts(options.hostFacts ?? {}, await detectHostFacts());
  const decision = decideParallelism(facts, { jobs: settings.jobs, memoryPerJob: settings.memoryPerJob, modules: modules.length });
  if (decision.lowered) log.warning(`jobs ${settings.jobs} lowered: ${decision.explanation}`);
  log.info(decision.explanation);
  return { settings, toolchain, facts, decision, modules: scheduleLongestFirst(modules, options.recordedMs ?? {}) };
}
async function planFromSources(settings, extSuffix, log) {
  const sources = await findSources(settings.sources, settings.workingDirectory);
  if (sources.length === 0) {
    const message = `No source files matched sources (${settings.sources.join(", ")}) in ${settings.workingDirectory}`;
    if (settings.ifNoFilesFound === "error") throw new Error(`${message}; check the patterns, or set if-no-files-found to warn or ignore`);
    if (settings.ifNoFilesFound === "warn") log.warning(message);
  }
  const outputDir = settings.outputDir === null ? null : toPosix(path15.relative(settings.workingDirectory, settings.outputDir)) || ".";
  return planModules(sources, { workingDirectory: settings.workingDirectory, extSuffix, outputDir });
}
function describeToolchain(t) {
  return `Python ${t.version} (${t.executable}), Cython ${t.cython.version}, ${t.compilerVersion}, extension suffix ${t.extSuffix}`;
}
function toPosix(p) {
  return p.split(path15.sep).join("/");
}
function planToJson(plan) {
  return {
    jobs: plan.decision.jobs,
    requested: plan.decision.requested,
    limits: plan.decision.limits,
    explanation: plan.decision.explanation,
    facts: plan.facts,
    python: { executable: plan.toolchain.executable, version: plan.toolchain.version, extSuffix: plan.toolchain.extSuffix, cython: plan.toolchain.cython.version },
    modules: plan.modules.map((m) => ({ name: m.name, source: m.source, language: m.language, generated: m.generated, output: m.output }))
  };
}

// src/engine/run-engine.ts
async function runEngine(settings, options) {
  const recordedMs = await openModuleCache.recordedDurations(settings);
  const plan = await prepareBuild(settings, options.log, { hostFacts: options.hostFacts, recordedMs });
  if (settings.dryRun) return { kind: "plan", plan: planToJson(plan) };
  const cache = await openModuleCache(settings, plan, options.log);
  const outcome = await executeBuild(plan, { signal: options.signal, log: options.log, registry: options.registry, cache });
  await cache?.close(outcome.results);
  return { kind: "outcome", outcome };
}

// src/report/failure-line.ts
var PHASE_WORDS2 = { cython: "cython", compile: "C compile", link: "link" };
function failureLine(results, shown = 10) {
  const failed = results.filter((r) => r.status === "failed").sort((a, b) => a.module.source.localeCompare(b.module.source));
  if (failed.length === 0) return void 0;
  const items = failed.slice(0, shown).map((r) => `${r.module.source} (${shortReason(r)})`);
  const more = failed.length > shown ? `, and ${failed.length - shown} more` : "";
  const noun = results.length === 1 ? "module" : "modules";
  return `${failed.length} of ${results.length} ${noun} failed: ${items.join(", ")}${more}`;
}
function shortReason(r) {
  if (r.signal) return `killed by ${r.signal}${r.signal === "SIGKILL" ? ": out of memory?" : ""}`;
  if (r.phase && typeof r.exitCode === "number") return `${PHASE_WORDS2[r.phase]}, exit ${r.exitCode}`;
  return r.reason ?? "failed";
}

// src/report/diagnostic-place.ts
function placeOf(d) {
  if (!d.file) return "";
  return [d.file, d.line, d.line !== void 0 ? d.column : void 0].filter((p) => p !== void 0).join(":");
}
function describeDiagnostic(d) {
  const place = placeOf(d);
  return place ? `${place}: ${d.message}` : d.message;
}

// src/report/json-report.ts
import * as fs9 from "node:fs/promises";
import * as path16 from "node:path";
var REPORT_VERSION = 1;
function buildReport(outcome) {
  return {
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
    diagnostics: r.diagnostics.map((d) => ({ file: d.file, line: d.line ?? null, column: d.column ?? null, severity: d.severity, message: d.message, tool: d.tool }))
  };
}
async function writeReport(file, outcome) {
  await fs9.mkdir(path16.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs9.writeFile(temp, JSON.stringify(buildReport(outcome), null, 2) + "\n");
  await fs9.rename(temp, file);
}

// src/settings/settings.ts
import * as path17 from "node:path";

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
  if (quote) throw new Error(`Invalid ${inputName}: unclosed ${quote} quote in ${JSON.stringify(text)}; quote words with matching ' or " (the text is split like a shell command line, never run)`);
  if (inWord) words.push(word);
  return words;
}

// src/settings/parse-inputs.ts
function parseJobs(text, inputName = "jobs") {
  const value = text.trim().toLowerCase();
  if (value === "" || value === "auto") return "auto";
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
  throw new Error(`Invalid ${inputName} "${text}": expected "auto" or a positive whole number such as 4`);
}
function parseBoolean(text, inputName, fallback) {
  const value = text.trim().toLowerCase();
  if (value === "") return fallback;
  if (["true", "yes", "1", "on"].includes(value)) return true;
  if (["false", "no", "0", "off"].includes(value)) return false;
  throw new Error(`Invalid ${inputName} "${text}": expected true or false`);
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
      throw new Error(`Invalid ${inputName} "${word}": expected NAME or NAME=VALUE with a C identifier as NAME, e.g. NPY_NO_DEPRECATED_API=NPY_1_7_API_VERSION`);
    }
    return [name, eq < 0 ? null : word.slice(eq + 1)];
  });
}
var DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i;
var DURATION_UNIT = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function parseDuration(text, inputName) {
  const value = text.trim();
  if (value === "" || value.toLowerCase() === "none") return null;
  const match3 = DURATION.exec(value);
  const ms = match3 ? Number(match3[1]) * DURATION_UNIT[(match3[2] ?? "s").toLowerCase()] : NaN;
  if (!match3 || !(ms > 0)) {
    throw new Error(`Invalid ${inputName} "${text}": expected a duration such as 600, 90s, 10m or 1h (a bare number is seconds), or none`);
  }
  return ms;
}
function parseChoice(text, inputName, choices, fallback) {
  const value = text.trim().toLowerCase();
  if (value === "") return fallback;
  if (choices.includes(value)) return value;
  throw new Error(`Invalid ${inputName} "${text}": expected one of ${choices.join(", ")}`);
}

// src/settings/settings.ts
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
  "report"
];
var DEFAULT_CACHE_MAX_SIZE = "2GiB";
function parseSettings(raw, defaults2) {
  const get = (name) => raw[name] ?? "";
  const workingDirectory = path17.resolve(defaults2.baseDirectory, get("working-directory").trim() || ".");
  const resolveFromWorkdir = (p) => path17.resolve(workingDirectory, p);
  const sources = parseLines(get("sources"));
  return {
    sources: sources.length > 0 ? sources : ["**/*.pyx"],
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
    timeoutPerFile: parseDuration(get("timeout-per-file"), "timeout-per-file"),
    dryRun: parseBoolean(get("dry-run"), "dry-run", false),
    ifNoFilesFound: parseChoice(get("if-no-files-found"), "if-no-files-found", ["error", "warn", "ignore"], "error"),
    cache: {
      enabled: parseBoolean(get("cache"), "cache", true),
      dir: path17.resolve(defaults2.baseDirectory, get("cache-dir").trim() || defaults2.cacheDir),
      keyPrefix: parseKeyPrefix(get("cache-key-prefix")),
      maxSize: parseByteSize(get("cache-max-size").trim() || DEFAULT_CACHE_MAX_SIZE, "cache-max-size")
    },
    reportPath: get("report").trim() ? resolveFromWorkdir(get("report").trim()) : null
  };
}
function parseKeyPrefix(text) {
  const value = text.trim() || "cython-fanout";
  if (value.includes(",") || value.length > 200) {
    throw new Error(`Invalid cache-key-prefix "${text}": expected a short name without commas (at most 200 characters), e.g. cython-fanout-v2`);
  }
  return value;
}

export {
  countResults,
  cancelOnSignals,
  formatDuration,
  firstError,
  deduplicate,
  readHostFactsFile,
  probeToolchain,
  runEngine,
  failureLine,
  shortReason,
  placeOf,
  describeDiagnostic,
  writeReport,
  INPUT_NAMES,
  parseSettings
};
