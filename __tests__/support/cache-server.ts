/**
 * A local stand-in for GitHub's cache service v2, close enough that the real @actions/cache 6.3 client runs against it
 * unchanged: the twirp JSON API on `/twirp/github.actions.results.api.v1.CacheService/<Method>` and a blob store on
 * signed URLs in the Azure path style (`/account/container/blob`, which the Azure SDK uses for an IP host).
 *
 * Faithful where the client can tell: entries are matched only within the same `version`; lookup takes the exact key,
 * then the newest entry prefixed by the key, then by each restore key in order; a miss is `200 {ok: false}`; a
 * second CreateCacheEntry for a key+version is refused with twirp `already_exists` (HTTP 409), as the hosted service
 * does. Not modelled: branch scopes, eviction, reservation expiry, Range downloads (the client sends none to a
 * non-Azure host).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CacheServerOptions {
  /** Answer every request with HTTP 500, like an outage. */
  failWith500?: boolean
  /** Hold every request this long before answering it normally, like a stalled service. */
  hangMs?: number
  /** Accept every connection and never answer it, like a service that stalls for good. */
  neverAnswer?: boolean
  /** The bearer token to demand; any non-empty token passes when unset. */
  token?: string
}

export interface CacheEntryInfo {
  id: number
  key: string
  version: string
  sizeBytes: number
  finalized: boolean
}

export interface CacheServer {
  /** For ACTIONS_RESULTS_URL: origin with a trailing slash. */
  url: string
  /** `METHOD name` of every request received, in order (`POST CreateCacheEntry`, `PUT blob`, `GET blob`). */
  requests(): string[]
  entries(): CacheEntryInfo[]
  /** Changes the simulated faults from now on. */
  configure(options: CacheServerOptions): void
  /** Answers any held request, then drops every connection. */
  close(): Promise<void>
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/'
const BLOB_PREFIX = '/cacheaccount/cachecontainer/'

interface StoredEntry extends CacheEntryInfo {
  blobName: string
  sig: string
  blob?: Buffer
  blocks: Map<string, Buffer>
  /** Order of finalization: "newest" in prefix lookups. */
  sequence: number
}

interface Reply {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer
}

type Json = Record<string, unknown>

export async function startCacheServer(initial: CacheServerOptions = {}): Promise<CacheServer> {
  let options = { ...initial }
  const store: StoredEntry[] = []
  const log: string[] = []
  const inFlight = new Set<Promise<void>>()
  let sequence = 0
  let origin = ''

  const server = http.createServer((req, res) => {
    // Not tracked in flight: close() drops the connection instead of waiting for an answer that never comes.
    if (options.neverAnswer) return void log.push(`${req.method} (never answered)`)
    const handled = serve(req, res)
    inFlight.add(handled)
    void handled.finally(() => inFlight.delete(handled))
  })

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const body = await readBody(req)
      const url = new URL(req.url ?? '/', origin)
      log.push(`${req.method} ${describe(url)}`)
      if (options.hangMs) await sleep(options.hangMs)
      send(req, res, options.failWith500 ? outage(url) : route(req, url, body))
    } catch (err) {
      if (!res.headersSent) send(req, res, twirpError(500, 'internal', String(err)))
    }
  }

  function send(req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): void {
    const length = reply.body === undefined ? 0 : Buffer.byteLength(reply.body)
    res.writeHead(reply.status, { 'content-length': String(length), ...reply.headers })
    res.end(req.method === 'HEAD' ? undefined : reply.body)
  }

  function route(req: http.IncomingMessage, url: URL, body: Buffer): Reply {
    if (req.method === 'POST' && url.pathname.startsWith(TWIRP_PREFIX)) return twirp(req, url, body)
    if (url.pathname.startsWith(BLOB_PREFIX)) return blob(req, url, body)
    return twirpError(404, 'bad_route', `no handler for ${req.method} ${url.pathname}`)
  }

  function twirp(req: http.IncomingMessage, url: URL, body: Buffer): Reply {
    const auth = req.headers.authorization ?? ''
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : ''
    if (token === '' || (options.token !== undefined && token !== options.token)) {
      return twirpError(401, 'unauthenticated', 'invalid or missing runtime token')
    }
    let request: Json
    try {
      request = JSON.parse(body.toString('utf8')) as Json
    } catch {
      return twirpError(400, 'malformed', 'the request body is not JSON')
    }
    const method = url.pathname.slice(TWIRP_PREFIX.length)
    if (method === 'GetCacheEntryDownloadURL') return getDownloadUrl(request)
    if (method === 'CreateCacheEntry') return createEntry(request)
    if (method === 'FinalizeCacheEntryUpload') return finalizeEntry(request)
    return twirpError(404, 'bad_route', `no method ${method}`)
  }

  function getDownloadUrl(request: Json): Reply {
    const key = text(request['key'])
    const restoreKeys = Array.isArray(request['restore_keys']) ? request['restore_keys'].map(text) : []
    const found = lookup(store, key, restoreKeys, text(request['version']))
    if (!found) return json({ ok: false, signed_download_url: '', matched_key: '' })
    return json({ ok: true, signed_download_url: signedUrl(found, 'r'), matched_key: found.key })
  }

  function createEntry(request: Json): Reply {
    const key = text(request['key'])
    const version = text(request['version'])
    if (key === '' || version === '') return twirpError(400, 'invalid_argument', 'key and version are required')
    if (store.some(e => e.key === key && e.version === version)) {
      return twirpError(409, 'already_exists', 'cache entry with the same key, version, and scope already exists')
    }
    const id = store.length + 1
    const entry: StoredEntry = {
      id,
      key,
      version,
      sizeBytes: 0,
      finalized: false,
      sequence: 0,
      blobName: `${id}-${randomUUID()}`,
      sig: randomBytes(12).toString('hex'),
      blocks: new Map(),
    }
    store.push(entry)
    return json({ ok: true, signed_upload_url: signedUrl(entry, 'cw') })
  }

  function finalizeEntry(request: Json): Reply {
    const key = text(request['key'])
    const version = text(request['version'])
    const entry = store.find(e => e.key === key && e.version === version && !e.finalized)
    if (!entry) return twirpError(404, 'not_found', 'no cache entry reserved for this key and version')
    if (!entry.blob) return json({ ok: false, entry_id: '0', message: 'no blob was uploaded for this entry' })
    if (Number(text(request['size_bytes'])) !== entry.blob.length) {
      return json({ ok: false, entry_id: '0', message: `size_bytes ${text(request['size_bytes'])} != uploaded ${entry.blob.length}` })
    }
    Object.assign(entry, { finalized: true, sizeBytes: entry.blob.length, sequence: ++sequence })
    return json({ ok: true, entry_id: String(entry.id) })
  }

  function blob(req: http.IncomingMessage, url: URL, body: Buffer): Reply {
    const entry = store.find(e => e.blobName === url.pathname.slice(BLOB_PREFIX.length))
    if (!entry) return blobError(404, 'BlobNotFound', 'The specified blob does not exist.')
    if (url.searchParams.get('sig') !== entry.sig) return blobError(403, 'AuthenticationFailed', 'Signature did not match.')
    if (req.method === 'PUT')
      return entry.finalized ? blobError(409, 'BlobImmutable', 'The entry is finalized.') : upload(req, url, entry, body)
    if (req.method !== 'GET' && req.method !== 'HEAD') return blobError(405, 'UnsupportedHttpVerb', `${req.method} is not supported.`)
    if (!entry.finalized || !entry.blob) return blobError(404, 'BlobNotFound', 'The specified blob does not exist.')
    return { status: 200, headers: { 'content-type': 'application/octet-stream', ...blobHeaders() }, body: entry.blob }
  }

  /** The three writes the Azure SDK makes: one-shot Put Blob, or Put Block per block then Put Block List. */
  function upload(req: http.IncomingMessage, url: URL, entry: StoredEntry, body: Buffer): Reply {
    const comp = url.searchParams.get('comp')
    if (comp === 'block') {
      const blockId = url.searchParams.get('blockid')
      if (!blockId) return blobError(400, 'MissingRequiredQueryParameter', 'blockid is required.')
      entry.blocks.set(blockId, body)
      return { status: 201, headers: blobHeaders() }
    }
    if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(m => m[2])
      const parts = ids.map(id => entry.blocks.get(id))
      if (parts.some(p => p === undefined)) return blobError(400, 'InvalidBlockList', 'The specified block list is invalid.')
      entry.blob = Buffer.concat(parts as Buffer[])
      entry.blocks.clear()
      return { status: 201, headers: blobHeaders() }
    }
    if (comp !== null) return blobError(400, 'InvalidQueryParameterValue', `comp=${comp} is not supported.`)
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob')
      return blobError(400, 'MissingRequiredHeader', 'x-ms-blob-type: BlockBlob is required.')
    entry.blob = body
    return { status: 201, headers: blobHeaders() }
  }

  function signedUrl(entry: StoredEntry, permissions: string): string {
    return `${origin}${BLOB_PREFIX.slice(1)}${entry.blobName}?sp=${permissions}&sig=${entry.sig}`
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`

  return {
    url: origin,
    requests: () => [...log],
    configure: changed => {
      options = { ...changed }
    },
    entries: () => store.map(({ id, key, version, sizeBytes, finalized }) => ({ id, key, version, sizeBytes, finalized })),
    close: async () => {
      await Promise.allSettled([...inFlight])
      await new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

/** Exact key first, then the newest entry starting with the key, then with each restore key; one version only. */
function lookup(store: StoredEntry[], key: string, restoreKeys: string[], version: string): StoredEntry | undefined {
  const visible = store.filter(e => e.finalized && e.version === version)
  const exact = visible.find(e => e.key === key)
  if (exact) return exact
  for (const prefix of [key, ...restoreKeys]) {
    const newest = visible.filter(e => e.key.startsWith(prefix)).sort((a, b) => b.sequence - a.sequence)[0]
    if (newest) return newest
  }
  return undefined
}

function outage(url: URL): Reply {
  if (url.pathname.startsWith(TWIRP_PREFIX)) return twirpError(500, 'internal', 'simulated outage')
  return blobError(500, 'InternalError', 'Simulated outage.')
}

function describe(url: URL): string {
  if (url.pathname.startsWith(TWIRP_PREFIX)) return url.pathname.slice(TWIRP_PREFIX.length)
  const comp = url.searchParams.get('comp')
  return comp ? `blob comp=${comp}` : 'blob'
}

function json(body: Json): Reply {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
}

function twirpError(status: number, code: string, msg: string): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, msg }) }
}

function blobError(status: number, code: string, message: string): Reply {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  return { status, headers: { 'content-type': 'application/xml', 'x-ms-error-code': code, ...blobHeaders() }, body }
}

function blobHeaders(): Record<string, string> {
  return {
    etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
    'last-modified': new Date().toUTCString(),
    'x-ms-request-id': randomUUID(),
    'x-ms-version': '2025-01-05',
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
