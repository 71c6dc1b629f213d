/**
 * What the runner offers. The shape is public: `--host-facts FILE` takes it as JSON, and a field left out
 * is detected from this machine.
 */
export interface HostFacts {
  platform: string // 'linux' | 'win32' | 'darwin'
  arch: string
  logicalCpus: number
  /** CPUs this process may run on (affinity mask). */
  affinityCpus: number
  /** cgroup CPU quota in CPUs (quota / period; may be fractional); null when none. */
  cgroupCpuQuota: number | null
  totalMemory: number
  availableMemory: number
  /** cgroup memory limit in bytes; null when none. */
  cgroupMemoryLimit: number | null
  /** Soft limit on this process's open files (`ulimit -n`); null when unknown or none (Windows). */
  openFileLimit: number | null
  /** Files this process had open when the facts were read. */
  openFiles: number
}
