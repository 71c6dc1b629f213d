import { describe, expect, it } from '@jest/globals'

import { formatBytes, parseByteSize } from '../src/settings/byte-size.js'

const KiB = 1024
const MiB = 1024 ** 2
const GiB = 1024 ** 3

describe('parseByteSize', () => {
  it.each([
    ['1.5GiB', 1.5 * GiB],
    ['800MiB', 800 * MiB],
    ['2G', 2 * GiB],
    ['512M', 512 * MiB],
    ['1024K', 1024 * KiB],
    ['1073741824', GiB],
    ['2 GiB', 2 * GiB],
    ['2gib', 2 * GiB],
    ['2gb', 2 * GiB],
    ['2Gi', 2 * GiB],
    ['2g', 2 * GiB],
    ['1T', 1024 * GiB],
    ['.5G', 0.5 * GiB],
    ['100B', 100],
    ['0', 0],
    ['  3M  ', 3 * MiB],
    ['0.3K', 307],
  ])('%j -> %d bytes', (text, bytes) => {
    expect(parseByteSize(text, 'memory-per-job')).toBe(bytes)
  })

  it.each(['abc', '', 'GiB', '-1G', '1,5GiB', '2 GiB per job', '2X', '2iB', '1e9', '2GiBs', '1.G', '99999999999T'])(
    'rejects %j with a one-line error naming the input and the accepted forms',
    text => {
      expect(() => parseByteSize(text, 'memory-per-job')).toThrow(
        `Invalid memory-per-job "${text}": expected a size such as 2GiB, 1.5GiB, 800MiB or a number of bytes`,
      )
    },
  )

  it('refuses a size below one byte, naming what was written (not the 0 it rounds to)', () => {
    expect(() => parseByteSize('0.0001KiB', 'memory-per-job')).toThrow(
      'Invalid memory-per-job "0.0001KiB": expected a size such as 2GiB, 1.5GiB, 800MiB or a number of bytes (this is less than one byte)',
    )
  })

  it('uses the input name it is given', () => {
    expect(() => parseByteSize('lots', 'cache-max-size')).toThrow(/^Invalid cache-max-size "lots"/)
  })
})

describe('formatBytes', () => {
  it.each([
    [15.6 * GiB, '15.6 GiB'],
    [800 * MiB, '800 MiB'],
    [2 * GiB, '2 GiB'],
    [1.5 * GiB, '1.5 GiB'],
    [512, '512 B'],
    [0, '0 B'],
    [1536, '1.5 KiB'],
    [GiB - 1, '1 GiB'],
    [3 * 1024 * GiB, '3 TiB'],
    [1e21, '867.4 EiB'],
    [2 ** 63, '8 EiB'],
    [2 ** 50, '1 PiB'],
  ])('%d -> %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})
