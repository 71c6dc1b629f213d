import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import type { HostFacts } from '../src/host/host-facts.js'
import type { ModuleSpec } from '../src/plan/module-spec.js'
import { decideParallelism } from '../src/plan/parallelism.js'
import { emptyDirectives } from '../src/plan/source-directives.js'
import { parseSettings } from '../src/settings/settings.js'
import { type BuildFlags, compileCommands, compileSources, linkCommand } from '../src/toolchain/command-lines.js'
import { launcherKeyPart, parseDistccHosts, remoteCapacity } from '../src/toolchain/compiler-launcher.js'
import type { Toolchain } from '../src/toolchain/toolchain.js'
import { writeFixtureTree } from './support/fixture-tree.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

const CLI = path.resolve('dist/cli.js')
const GiB = 1024 ** 3
const linux = JSON.parse(fs.readFileSync('__tests__/fixtures/toolchain/linux-debian12-cpython311.json', 'utf8')) as Toolchain
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'cf-launcher-'))

function onPath(program: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('compiler-launcher on the command lines', () => {
  const spec: ModuleSpec = {
    name: 'pkg.mod',
    source: 'pkg/mod.pyx',
    kind: 'cython',
    language: 'c',
    directives: emptyDirectives(),
    generated: 'pkg/mod.c',
    output: 'pkg/mod.so',
    size: 1,
  }
  const flags: BuildFlags = { cythonArgs: [], includeDirs: [], defines: [], compileArgs: [], linkArgs: [], compilerLauncher: ['ccache'] }

  it('goes in front of every compile, and not in front of the link', () => {
    const [compile] = compileCommands(spec, linux, flags, compileSources(spec, spec.generated), () => '/s/mod.o')
    expect(compile.argv.slice(0, 2)).toEqual(['ccache', 'x86_64-linux-gnu-gcc'])
    expect(linkCommand(spec, linux, flags, ['/s/mod.o'], '/s/mod.so')[0]).toBe('x86_64-linux-gnu-gcc')
  })

  it('is read as shell words; a path is resolved against the working directory, a name is left for PATH', () => {
    const defaults = { baseDirectory: '/ws', cacheDir: '/c', pruneUnusedCacheEntries: true }
    expect(parseSettings({ 'compiler-launcher': 'sccache' }, defaults).compilerLauncher).toEqual(['sccache'])
    expect(parseSettings({ 'compiler-launcher': 'tools/wrap "a b"' }, defaults).compilerLauncher).toEqual(['/ws/tools/wrap', 'a b'])
    expect(parseSettings({}, defaults).compilerLauncher).toEqual([])
    expect(() => parseSettings({ 'compiler-launcher': '"ccache' }, defaults)).toThrow(/compiler-launcher/)
  })
})

describe('a launcher that cannot run', () => {
  it('is refused before the build, in one line naming the input', async () => {
    const dir = tmp()
    writeFixtureTree(dir, 3)
    const missing = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--compiler-launcher', 'no-such-launcher-xyz'], {
      env: cleanEnv(),
    })
    // Like a missing Python: the environment, not the command line, lacks it (exit 1, as for --python).
    expect(missing.code).toBe(1)
    expect(missing.stderr).not.toMatch(/\[1\/3\]/)
    expect(missing.stderr).toMatch(/Invalid compiler-launcher "no-such-launcher-xyz": not found on PATH; expected a program such as ccache/)
    const badPath = await runNode(CLI, ['-C', dir, '--python', testPython(), '--no-cache', '--compiler-launcher', './nope'], {
      env: cleanEnv(),
    })
    expect(badPath.stderr).toMatch(/Invalid compiler-launcher ".*\/nope": no such file/)
  }, 120_000)
})

describe('the launcher in the cache key', () => {
  it("adds nothing for ccache, sccache and distcc (they return the compiler's own output), by name or path", () => {
    for (const launcher of [['ccache'], ['/usr/bin/sccache'], ['distcc'], ['C:\\tools\\sccache.exe']])
      expect(launcherKeyPart(launcher, process.env, '/')).toEqual([])
    expect(launcherKeyPart([], process.env, '/')).toEqual([])
  })

  it('keys any other program by its content and arguments, so a changed wrapper misses', () => {
    const dir = tmp()
    fs.writeFileSync(path.join(dir, 'wrap'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 })
    const before = launcherKeyPart(['./wrap', '-x'], {}, dir)
    expect(before).toEqual(['wrap', expect.stringMatching(/^[0-9a-f]{64}$/), '-x'])
    fs.appendFileSync(path.join(dir, 'wrap'), '# v2\n')
    expect(launcherKeyPart(['./wrap', '-x'], {}, dir)[1]).not.toBe(before[1])
    expect(launcherKeyPart(['wrap'], { PATH: dir }, '/')[1]).toBe(launcherKeyPart(['./wrap'], {}, dir)[1])
  })
})

describe('a remote launcher in the parallelism decision', () => {
  const facts: HostFacts = {
    platform: 'linux',
    arch: 'x64',
    logicalCpus: 2,
    affinityCpus: 2,
    cgroupCpuQuota: null,
    totalMemory: 64 * GiB,
    availableMemory: 60 * GiB,
    cgroupMemoryLimit: null,
    openFileLimit: 65536,
    openFiles: 24,
  }

  it('counts distcc slots: /LIMIT, else 4 per host and 2 for localhost; options and --randomize are not hosts', () => {
    expect(parseDistccHosts('--randomize localhost 10.0.0.2/8,lzo build1:3633/6 @ssh-host')).toEqual([
      { host: 'localhost', slots: 2 },
      { host: '10.0.0.2', slots: 8 },
      { host: 'build1', slots: 6 },
      { host: '@ssh-host', slots: 4 },
    ])
    expect(parseDistccHosts('+zeroconf')).toBeUndefined()
    expect(parseDistccHosts('  ')).toBeUndefined()
  })

  it('applies to distcc and to ccache with CCACHE_PREFIX=distcc, not to ccache alone', () => {
    const env = { DISTCC_HOSTS: 'a/10 b/6' }
    expect(remoteCapacity(['distcc'], env)).toEqual({ launcher: 'distcc', slots: 16, hosts: 2, source: 'DISTCC_HOSTS' })
    expect(remoteCapacity(['ccache'], { ...env, CCACHE_PREFIX: 'distcc' })).toMatchObject({ launcher: 'ccache + distcc', slots: 16 })
    expect(remoteCapacity(['ccache'], env)).toBeUndefined()
    expect(remoteCapacity(['sccache'], env)).toBeUndefined()
  })

  it('replaces the CPU limit with a named remote limit, while memory still bounds jobs', () => {
    const remote = { slots: 16, what: 'distcc: 16 remote compile slots on 2 hosts (DISTCC_HOSTS)' }
    const wide = decideParallelism(facts, { jobs: 'auto', memoryPerJob: 1.5 * GiB, modules: 100, remote })
    expect(wide.jobs).toBe(16)
    expect(wide.binding).toEqual(['remote'])
    expect(wide.limits.map(l => l.name)).toEqual(['remote', 'memory', 'modules'])
    expect(wide.explanation).toMatch(
      /^16 jobs: distcc: 16 remote compile slots on 2 hosts \(DISTCC_HOSTS\); compiles run there, so the 2 usable CPUs here do not bound jobs; memory /,
    )
    const tight = decideParallelism({ ...facts, availableMemory: 9 * GiB }, { jobs: 'auto', memoryPerJob: 1.5 * GiB, modules: 100, remote })
    expect(tight).toMatchObject({ jobs: 6, binding: ['memory'] })
    const asked = decideParallelism(facts, { jobs: 40, memoryPerJob: 1.5 * GiB, modules: 100, remote })
    expect(asked).toMatchObject({ jobs: 16, lowered: true })
    expect(asked.explanation).toContain('lowered to fit remote compile slots')
  })
})

describe('with the real ccache', () => {
  const available = onPath('ccache')
  if (!available) console.log('Skipping the ccache build test: ccache is not installed (apt-get install ccache)')
  const maybe = available ? it : it.skip

  maybe(
    'a second build with our own cache off is served by ccache, and the modules import',
    async () => {
      const dir = tmp()
      const ccacheDir = tmp()
      const specs = writeFixtureTree(dir, 5)
      const env = cleanEnv({ CCACHE_DIR: ccacheDir, CCACHE_NOHASHDIR: '' })
      const stats = (): Record<string, number> =>
        Object.fromEntries(
          execFileSync('ccache', ['--print-stats'], { env, encoding: 'utf8' })
            .trim()
            .split('\n')
            .map(line => line.split('\t'))
            .map(([k, v]) => [k, Number(v)]),
        )
      const build = () =>
        runNode(
          CLI,
          ['-C', dir, '--python', testPython(), '--no-cache', '--compiler-launcher', 'ccache', '-v', '**/*.pyx', 'fx/native.c'],
          { env },
        )
      const first = await build()
      expect({ code: first.code, stdout: first.stdout }).toEqual({ code: 0, stdout: '' })
      const afterFirst = stats()
      expect(afterFirst.cache_miss).toBe(5)
      const second = await build()
      expect(second.code).toBe(0)
      expect(second.stderr).toMatch(/5 built, 0 from cache/)
      const afterSecond = stats()
      expect(afterSecond.direct_cache_hit + afterSecond.preprocessed_cache_hit).toBe(5)
      expect(afterSecond.cache_miss).toBe(5)
      const summary = execFileSync('ccache', ['-s'], { env, encoding: 'utf8' })
      expect(summary).toMatch(/Hits:\s+5 \/\s+10/)
      const results = importAndCall(
        dir,
        specs.map(s => s.name),
      )
      expect(specs.filter(s => results[s.name] !== s.expected)).toEqual([])
    },
    300_000,
  )

  maybe(
    "ccache does not change the module cache's fingerprints: a build without it is a hit with it",
    async () => {
      const dir = tmp()
      const store = tmp()
      writeFixtureTree(dir, 3)
      const env = cleanEnv({ CCACHE_DIR: tmp() })
      const args = ['-C', dir, '--python', testPython(), '--cache-dir', store, '**/*.pyx', 'fx/native.c']
      expect((await runNode(CLI, args, { env })).code).toBe(0)
      const plan = async (launcher: string) =>
        JSON.parse((await runNode(CLI, [...args, '--dry-run', '--compiler-launcher', launcher], { env })).stdout)
      expect((await plan('ccache')).fromCache).toBe(3)
      fs.writeFileSync(path.join(dir, 'wrap.sh'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 })
      expect((await plan('./wrap.sh')).fromCache).toBe(0)
    },
    300_000,
  )
})

describe('with a real distccd on 127.0.0.1', () => {
  const available = onPath('distcc') && onPath('distccd')
  if (!available) console.log('Skipping the distcc build test: distcc/distccd are not installed (apt-get install distcc)')
  const maybe = available ? it : it.skip
  let daemon: ChildProcess | undefined

  afterAll(async () => {
    // Its own process group: the daemon and the workers it forked, nothing else.
    if (!daemon?.pid || daemon.exitCode !== null || daemon.signalCode !== null) return
    const exited = new Promise(resolve => daemon?.once('exit', resolve))
    process.kill(-daemon.pid, 'SIGTERM')
    await exited
  })

  maybe(
    'compiles every module on the daemon, jobs are bounded by its slots, and the modules import',
    async () => {
      const dir = tmp()
      const logDir = tmp()
      // distccd started as root drops to the distcc user, which must be able to write its log.
      fs.chmodSync(logDir, 0o777)
      const log = path.join(logDir, 'distccd.log')
      const port = await freePort()
      daemon = spawn(
        'distccd',
        [
          '--daemon',
          '--no-detach',
          '--allow',
          '127.0.0.1',
          '--listen',
          '127.0.0.1',
          '--port',
          String(port),
          '--log-file',
          log,
          '--log-level',
          'info',
          '--jobs',
          '2',
        ],
        {
          detached: true,
          stdio: 'ignore',
        },
      )
      await lineInFile(log, `listening on 127.0.0.1:${port}`, daemon)
      const specs = writeFixtureTree(dir, 5)
      const env = cleanEnv({ DISTCC_HOSTS: `127.0.0.1:${port}/3`, DISTCC_FALLBACK: '0' })
      const run = await runNode(
        CLI,
        ['-C', dir, '--python', testPython(), '--no-cache', '--compiler-launcher', 'distcc', '**/*.pyx', 'fx/native.c'],
        { env },
      )
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: '' })
      expect(run.stderr).toContain('distcc: 3 remote compile slots on 1 host (DISTCC_HOSTS); compiles run there')
      const compiled = fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(line => line.includes('COMPILE_OK'))
      const cFiles = ['fx/core/base.c', 'fx/core/layer.c', 'fx/native.c', 'fx/extra/m0.c', 'fx/m1.c']
      for (const file of cFiles)
        expect({ file, compiledThere: compiled.some(line => line.endsWith(` ${file}`)) }).toEqual({ file, compiledThere: true })
      expect(compiled).toHaveLength(5)
      const results = importAndCall(
        dir,
        specs.map(s => s.name),
      )
      expect(specs.filter(s => results[s.name] !== s.expected)).toEqual([])
    },
    300_000,
  )
})

/** A port the kernel just handed out and released: free unless another process takes it in between. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Resolves when `file` contains `text`, woken by changes to the file (no polling interval); rejects if `child` exits first. */
function lineInFile(file: string, text: string, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const dir = path.dirname(file)
    const check = (): boolean => {
      const found = fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(text)
      if (found) {
        watcher.close()
        resolve()
      }
      return found
    }
    const watcher = fs.watch(dir, () => check())
    child.once('exit', code => {
      watcher.close()
      reject(new Error(`distccd exited (${code}) before listening; see ${file}`))
    })
    check()
  })
}
