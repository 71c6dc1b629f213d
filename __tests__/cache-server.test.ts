/**
 * The stand-in cache service checked on its own: the lookup rules the real service follows, the refusals the client
 * depends on, and the block upload the Azure SDK switches to above 128 MiB (forced here with a tiny single-shot size).
 */
import { BlockBlobClient } from '@azure/storage-blob'
import { afterEach, describe, expect, it } from '@jest/globals'

import { type CacheServer, startCacheServer } from './support/cache-server.js'

let server: CacheServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function serve(): Promise<CacheServer> {
  server = await startCacheServer({ token: 'secret' })
  return server
}

async function call(
  srv: CacheServer,
  method: string,
  body: object,
  token = 'secret',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${srv.url}twirp/github.actions.results.api.v1.CacheService/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** The client's three steps: reserve, one-shot Put Blob, finalize. */
async function put(srv: CacheServer, key: string, content: string, version = 'v1'): Promise<void> {
  const created = await call(srv, 'CreateCacheEntry', { key, version })
  const upload = await fetch(created.body['signed_upload_url'] as string, {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob' },
    body: content,
  })
  expect(upload.status).toBe(201)
  const finalized = await call(srv, 'FinalizeCacheEntryUpload', { key, version, size_bytes: String(Buffer.byteLength(content)) })
  expect(finalized.body['ok']).toBe(true)
}

async function lookup(srv: CacheServer, key: string, restoreKeys: string[] = [], version = 'v1'): Promise<string | undefined> {
  const { body } = await call(srv, 'GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version })
  if (!body['ok']) return undefined
  const blob = await fetch(body['signed_download_url'] as string)
  expect(await blob.text()).toBe(`content of ${body['matched_key']}`)
  return body['matched_key'] as string
}

describe('cache server stand-in', () => {
  it('prefers the exact key over a newer entry it prefixes', async () => {
    const srv = await serve()
    await put(srv, 'k-1', 'content of k-1')
    await put(srv, 'k-10', 'content of k-10')
    expect(await lookup(srv, 'k-1')).toBe('k-1')
  })

  it('falls back to the newest entry prefixed by the key, then by each restore key in order', async () => {
    const srv = await serve()
    await put(srv, 'a-old', 'content of a-old')
    await put(srv, 'b-1', 'content of b-1')
    await put(srv, 'a-new', 'content of a-new')
    expect(await lookup(srv, 'a-')).toBe('a-new')
    expect(await lookup(srv, 'x', ['y-', 'b-', 'a-'])).toBe('b-1')
    expect(await lookup(srv, 'x', ['y-'])).toBeUndefined()
  })

  it('answers a miss with ok false, and only matches within one version', async () => {
    const srv = await serve()
    await put(srv, 'k', 'content of k', 'v1')
    const miss = await call(srv, 'GetCacheEntryDownloadURL', { key: 'k', version: 'v2' })
    expect(miss).toEqual({ status: 200, body: { ok: false, signed_download_url: '', matched_key: '' } })
  })

  it('refuses a second reservation of a key and version with already_exists (409), even before finalize', async () => {
    const srv = await serve()
    await call(srv, 'CreateCacheEntry', { key: 'k', version: 'v1' })
    const again = await call(srv, 'CreateCacheEntry', { key: 'k', version: 'v1' })
    expect(again.status).toBe(409)
    expect(again.body['code']).toBe('already_exists')
    expect((await call(srv, 'CreateCacheEntry', { key: 'k', version: 'v2' })).body['ok']).toBe(true)
    expect(await lookup(srv, 'k')).toBeUndefined()
  })

  it('refuses a wrong token, a wrong signature and a finalize whose size disagrees with the upload', async () => {
    const srv = await serve()
    expect((await call(srv, 'CreateCacheEntry', { key: 'k', version: 'v1' }, 'wrong')).status).toBe(401)
    const created = await call(srv, 'CreateCacheEntry', { key: 'k', version: 'v1' })
    const forged = (created.body['signed_upload_url'] as string).replace(/sig=\w+/, 'sig=forged')
    expect((await fetch(forged, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x' })).status).toBe(403)
    await fetch(created.body['signed_upload_url'] as string, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'abc' })
    const finalized = await call(srv, 'FinalizeCacheEntryUpload', { key: 'k', version: 'v1', size_bytes: '4' })
    expect(finalized.body['ok']).toBe(false)
  })

  it('assembles a block upload from the Azure SDK in block-list order', async () => {
    const srv = await serve()
    const created = await call(srv, 'CreateCacheEntry', { key: 'big', version: 'v1' })
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251))
    const client = new BlockBlobClient(created.body['signed_upload_url'] as string)
    await client.uploadData(data, { blockSize: 1024, maxSingleShotSize: 1024, concurrency: 3 })
    expect(srv.requests().filter(r => r === 'PUT blob comp=block')).toHaveLength(10)
    expect(srv.requests()).toContain('PUT blob comp=blocklist')

    await call(srv, 'FinalizeCacheEntryUpload', { key: 'big', version: 'v1', size_bytes: String(data.length) })
    const { body } = await call(srv, 'GetCacheEntryDownloadURL', { key: 'big', version: 'v1' })
    const downloaded = Buffer.from(await (await fetch(body['signed_download_url'] as string)).arrayBuffer())
    expect(downloaded.equals(data)).toBe(true)
  })
})
