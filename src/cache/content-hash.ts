import * as fs from 'node:fs'
import * as path from 'node:path'

import { sha256Hex } from './fingerprint.js'
import type { SourceReader } from './source-reader.js'

/** What `hashFiles` needs: the disk reader below, or anything that knows each file's hash. */
export interface ContentHashes {
  sha256(file: string): string | undefined
}

/** `{key, sha256}` per dependency, ready for `moduleFingerprint`. Throws when a file vanished since the scan. */
export function hashFiles(
  files: Array<{ key: string; path: string }>,
  hashes: ContentHashes = new DiskSourceReader(),
): Array<{ key: string; sha256: string }> {
  return files.map(file => {
    const sha256 = hashes.sha256(file.path)
    if (sha256 === undefined) throw new Error(`Cannot read dependency ${file.key} (${file.path}) to hash it`)
    return { key: file.key, sha256 }
  })
}

interface LoadedFile {
  text: string
  sha256: string
}

/**
 * The disk side of the dependency scan, for one build: each file is read once, kept as text for scanning and as a
 * hash for fingerprinting. Most lookups are misses (each cimport is tried in several dirs), so existence is
 * answered from a remembered directory listing instead of a failing open per probe.
 */
export class DiskSourceReader implements SourceReader, ContentHashes {
  private readonly files = new Map<string, LoadedFile | null>()
  private readonly listings = new Map<string, Listing | null>()
  private readonly realPaths = new Map<string, string | undefined>()
  /** macOS and Windows file systems usually ignore case: `Foo.h` finds `foo.h` there, as the compiler would. */
  private readonly foldCase = process.platform === 'darwin' || process.platform === 'win32'

  readFile(file: string): string | undefined {
    return this.load(file)?.text
  }

  sha256(file: string): string | undefined {
    return this.load(file)?.sha256
  }

  listDir(dir: string): readonly string[] | undefined {
    return this.listing(dir)?.names
  }

  realPath(file: string): string | undefined {
    if (!this.realPaths.has(file)) this.realPaths.set(file, this.listedRealPath(file) ?? nativeRealPath(file))
    return this.realPaths.get(file)
  }

  /** A file or dir that is no symlink, listed as named: its dir's real path plus its name, with no syscall. */
  private listedRealPath(file: string): string | undefined {
    const dir = path.dirname(file)
    const name = path.basename(file)
    if (dir === file || !this.listing(dir)?.plain.has(name)) return undefined
    const realDir = this.realPath(dir)
    // A listed name has no separator and is never `.` or `..`: concatenation is path.join here.
    return realDir === undefined ? undefined : realDir.endsWith(path.sep) ? realDir + name : realDir + path.sep + name
  }

  private load(file: string): LoadedFile | null {
    let loaded = this.files.get(file)
    if (loaded === undefined) {
      loaded = this.listed(file) ? readLoaded(file) : null
      this.files.set(file, loaded)
    }
    return loaded
  }

  private listed(file: string): boolean {
    const listing = this.listing(path.dirname(file))
    const base = path.basename(file)
    return listing !== null && listing.lookup.has(this.foldCase ? base.toLowerCase() : base)
  }

  /** A dir's names; a dir its parent does not list is known absent without a failing syscall. */
  private listing(dir: string): Listing | null {
    let listing = this.listings.get(dir)
    if (listing === undefined) {
      const parent = path.dirname(dir)
      listing = parent !== dir && !this.listed(dir) ? null : readListing(dir, this.foldCase)
      this.listings.set(dir, listing)
    }
    return listing
  }
}

interface Listing {
  names: string[]
  /** The names as looked up: lower case where the file system ignores case. */
  lookup: Set<string>
  /** Plain files and dirs (no symlinks, as spelled on disk): their real path follows from their dir's. */
  plain: Set<string>
}

function readListing(dir: string, foldCase: boolean): Listing | null {
  try {
    const entries = fs.readdirSync(dir, { withFileTypes: true })
    const names = entries.map(entry => entry.name)
    const plain = new Set(entries.filter(entry => entry.isFile() || entry.isDirectory()).map(entry => entry.name))
    return { names, lookup: new Set(foldCase ? names.map(name => name.toLowerCase()) : names), plain }
  } catch {
    return null
  }
}

function nativeRealPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file)
  } catch {
    return undefined // ELOOP, ENOENT: the caller falls back to the path itself
  }
}

function readLoaded(file: string): LoadedFile | null {
  try {
    const bytes = fs.readFileSync(file)
    // latin1 keeps every byte: the syntax scanned for is ASCII, and the hash is of the bytes anyway.
    return { text: bytes.toString('latin1'), sha256: sha256Hex(bytes) }
  } catch {
    return null // a directory, a dangling link, no permission: not a dependency we can key on
  }
}
