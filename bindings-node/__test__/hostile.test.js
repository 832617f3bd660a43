'use strict'
// Hostile input (issue 7), each with the outcome it must have. A crash, a
// hang or a wrong verdict fails the file.
const test = require('node:test')
const assert = require('node:assert/strict')

const { Verifier, Webhook } = require('..')
const { outcome } = require('./helpers.js')

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'
const ED_SECRET = 'whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg=='
const ED_PUBLIC = 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4='
const NOW = 1700000000
const MiB = 1 << 20
const PAYLOAD = '{"hostile":true}'

const verifier = new Verifier(SECRET)
const HEADERS = verifier.signHeaders(PAYLOAD, { msgId: 'msg_1', timestamp: NOW })
const WRONG_V1 = 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
const at = (now) => ({ now })

test('header values of 1 MiB', () => {
  const bigId = 'i'.repeat(MiB)
  const signed = verifier.signHeaders(PAYLOAD, { msgId: bigId, timestamp: NOW })
  assert.equal(outcome(() => verifier.verify(PAYLOAD, signed, at(NOW))), 'ok')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...signed, 'webhook-id': `${bigId}j` }, at(NOW))), 'no_matching_signature')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': 'v'.repeat(MiB) }, at(NOW))), 'no_matching_signature')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': `v1,${'A'.repeat(MiB)}` }, at(NOW))), 'no_matching_signature')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-timestamp': '1'.repeat(MiB) }, at(NOW))), 'invalid_timestamp')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-id': ' '.repeat(MiB) }, at(NOW))), 'missing_header')
  // A 1 MiB unrelated header is never read.
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'x-padding': 'p'.repeat(MiB) }, at(NOW))), 'ok')
  // And through the drop-in, as bytes.
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...signed, 'webhook-id': Buffer.from(bigId) }, at(NOW))), 'ok')
})

test('a signature header with 100,000 entries', () => {
  const good = HEADERS['webhook-signature']
  const many = Array(100_000).fill(WRONG_V1)
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': many.join(' ') }, at(NOW))), 'no_matching_signature')
  // Every v1 entry is checked: the good one last still matches.
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': [...many, good].join(' ') }, at(NOW))), 'ok')
  // Malformed entries are skipped, not errors.
  const junk = Array(100_000).fill('v1,@@,x')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': [...junk, good].join(' ') }, at(NOW))), 'ok')
  // ed25519 entries cost a verification each; the core checks only the first
  // MAX_V1A_ENTRIES (8) of them, so a valid v1a entry after 100,000 forged
  // ones does not count.
  const ed = new Verifier(ED_SECRET)
  const edHeaders = ed.signHeaders(PAYLOAD, { msgId: 'msg_1', timestamp: NOW })
  const forged = `v1a,${Buffer.alloc(64, 7).toString('base64')}`
  const pub = new Verifier(ED_PUBLIC)
  assert.equal(outcome(() => pub.verify(PAYLOAD, edHeaders, at(NOW))), 'ok')
  const fewForged = [...Array(7).fill(forged), edHeaders['webhook-signature']].join(' ')
  assert.equal(outcome(() => pub.verify(PAYLOAD, { ...edHeaders, 'webhook-signature': fewForged }, at(NOW))), 'ok')
  const manyForged = [...Array(100_000).fill(forged), edHeaders['webhook-signature']].join(' ')
  assert.equal(outcome(() => pub.verify(PAYLOAD, { ...edHeaders, 'webhook-signature': manyForged }, at(NOW))), 'no_matching_signature')
})

test('NUL bytes, invalid UTF-8 and lone surrogates in header values', () => {
  const nulId = 'msg\u0000with\u0000nul'
  assert.equal(outcome(() => verifier.verify(PAYLOAD, verifier.signHeaders(PAYLOAD, { msgId: nulId, timestamp: NOW }), at(NOW))), 'ok')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-id': 'msg_1\u0000' }, at(NOW))), 'no_matching_signature')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-timestamp': `${NOW}\u0000` }, at(NOW))), 'invalid_timestamp')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': `${HEADERS['webhook-signature']}\u0000` }, at(NOW))), 'no_matching_signature')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': `\u0000 ${HEADERS['webhook-signature']}` }, at(NOW))), 'ok')
  // Bytes that are not UTF-8 are signed and verified as the bytes they are.
  const binaryId = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28])
  const sig = verifier.sign(binaryId, NOW, PAYLOAD)
  assert.equal(outcome(() => verifier.verifyValues(PAYLOAD, binaryId, String(NOW), sig, at(NOW))), 'ok')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-id': binaryId, 'webhook-signature': sig }, at(NOW))), 'ok')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-timestamp': Buffer.from([0xff, 0x31]) }, at(NOW))), 'invalid_timestamp')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': Buffer.from([0x76, 0x31, 0x2c, 0xff, 0xfe]) }, at(NOW))), 'no_matching_signature')
  // A lone surrogate cannot be UTF-8: refused (a TypeError), never hashed as
  // U+FFFD, when signing and when verifying. A real U+FFFD is fine.
  const surrogate = 'msg_\ud800'
  assert.equal(outcome(() => verifier.signHeaders(PAYLOAD, { msgId: surrogate, timestamp: NOW })), 'ERR_INVALID_ARG_TYPE')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-id': surrogate }, at(NOW))), 'ERR_INVALID_ARG_TYPE')
  const replaced = verifier.signHeaders(PAYLOAD, { msgId: 'msg_\ufffd', timestamp: NOW })
  assert.equal(outcome(() => verifier.verify(PAYLOAD, replaced, at(NOW))), 'ok')
  assert.equal(replaced['webhook-signature'], verifier.sign(Buffer.from('msg_\ufffd'), NOW, PAYLOAD))
})

test('non-string header keys', () => {
  const map = new Map([
    [1, 'one'],
    [{ key: 'webhook-id' }, 'msg_1'],
    [Symbol('webhook-id'), 'msg_1'],
    [null, 'x'],
  ])
  assert.equal(outcome(() => verifier.verify(PAYLOAD, map, at(NOW))), 'missing_header')
  for (const [k, v] of Object.entries(HEADERS)) map.set(k, v)
  assert.equal(outcome(() => verifier.verify(PAYLOAD, map, at(NOW))), 'ok')
  const pairs = [[42, 'x'], [undefined, 'y'], [['webhook-id'], 'msg_1'], ...Object.entries(HEADERS)]
  assert.equal(outcome(() => verifier.verify(PAYLOAD, pairs, at(NOW))), 'ok')
  const symbolKeys = { [Symbol('webhook-id')]: 'msg_1', 0: 'zero', 1.5: 'number key', ...HEADERS }
  assert.equal(outcome(() => verifier.verify(PAYLOAD, symbolKeys, at(NOW))), 'ok')
  const onlySymbols = { [Symbol.for('webhook-id')]: 'a', [Symbol.for('webhook-timestamp')]: 'b', [Symbol.for('webhook-signature')]: 'c' }
  assert.equal(outcome(() => verifier.verify(PAYLOAD, onlySymbols, at(NOW))), 'missing_header')
  // Names matched ignoring ASCII case only: the Kelvin sign is not a "k".
  const kelvin = { 'webhoo\u212a-id': 'msg_1', 'webhook-timestamp': String(NOW), 'webhook-signature': HEADERS['webhook-signature'] }
  assert.equal(outcome(() => verifier.verify(PAYLOAD, kelvin, at(NOW))), 'missing_header')
})

test('a payload of 64 MiB', () => {
  const big = Buffer.alloc(64 * MiB, 0x61)
  const headers = verifier.signHeaders(big, { msgId: 'msg_big', timestamp: NOW })
  assert.equal(outcome(() => verifier.verify(big, headers, at(NOW))), 'ok')
  big[big.length - 1] = 0x62
  assert.equal(outcome(() => verifier.verify(big, headers, at(NOW))), 'no_matching_signature')
  big[big.length - 1] = 0x61
  assert.equal(outcome(() => new Webhook(SECRET).verify(big, headers, { jsonParse: false })), 'timestamp_too_old')
})

test('tolerance 0 and tolerance of many years', () => {
  const strict = new Verifier(SECRET, { tolerance: 0 })
  assert.equal(outcome(() => strict.verify(PAYLOAD, HEADERS, at(NOW))), 'ok')
  assert.equal(outcome(() => strict.verify(PAYLOAD, HEADERS, at(NOW + 1))), 'timestamp_too_old')
  assert.equal(outcome(() => strict.verify(PAYLOAD, HEADERS, at(NOW - 1))), 'timestamp_too_new')
  const century = 100 * 365 * 86400
  const lax = new Verifier(SECRET, { tolerance: century })
  assert.equal(outcome(() => lax.verify(PAYLOAD, HEADERS, at(NOW + century))), 'ok')
  assert.equal(outcome(() => lax.verify(PAYLOAD, HEADERS, at(NOW + century + 1))), 'timestamp_too_old')
  assert.equal(outcome(() => lax.verify(PAYLOAD, HEADERS, at(0))), 'ok')
  // The largest tolerances.
  const safe = new Verifier(SECRET, { tolerance: Number.MAX_SAFE_INTEGER })
  assert.equal(safe.tolerance, Number.MAX_SAFE_INTEGER)
  assert.equal(outcome(() => safe.verify(PAYLOAD, HEADERS, at(Number.MAX_SAFE_INTEGER))), 'ok')
  assert.equal(outcome(() => safe.verify(PAYLOAD, HEADERS, at(-(2n ** 63n)))), 'timestamp_too_new')
  const endless = new Verifier(SECRET, { tolerance: 2n ** 64n - 1n })
  assert.equal(outcome(() => endless.verify(PAYLOAD, HEADERS, at(-(2n ** 63n)))), 'ok')
  assert.equal(outcome(() => endless.verify(PAYLOAD, HEADERS, at(2n ** 63n - 1n))), 'ok')
})

test('now at 0 and near the 64-bit limit', () => {
  const zero = verifier.signHeaders(PAYLOAD, { msgId: 'msg_0', timestamp: 0 })
  assert.equal(zero['webhook-timestamp'], '0')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, zero, at(0))), 'ok')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, HEADERS, at(0))), 'timestamp_too_new')
  const max = 2n ** 63n - 1n
  const top = verifier.signHeaders(PAYLOAD, { msgId: 'msg_max', timestamp: max })
  assert.equal(top['webhook-timestamp'], '9223372036854775807')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, top, at(max))), 'ok')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, top, at(0))), 'timestamp_too_new')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, HEADERS, at(max))), 'timestamp_too_old')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, HEADERS, at(-(2n ** 63n)))), 'timestamp_too_new')
  assert.equal(outcome(() => verifier.verify(PAYLOAD, { ...top, 'webhook-timestamp': '9223372036854775808' }, at(max))), 'invalid_timestamp')
  const safe = verifier.signHeaders(PAYLOAD, { msgId: 'msg_safe', timestamp: Number.MAX_SAFE_INTEGER })
  assert.equal(outcome(() => verifier.verify(PAYLOAD, safe, at(Number.MAX_SAFE_INTEGER))), 'ok')
  // Beyond 64 bits is not a time: TypeError, before any verification.
  for (const bad of [2n ** 63n, -(2n ** 63n) - 1n, 2 ** 63, -(2 ** 64), Number.MAX_VALUE]) {
    assert.throws(() => verifier.verify(PAYLOAD, HEADERS, at(bad)), TypeError, String(bad))
  }
})

test('secrets of 1 byte and of 1 MiB', () => {
  for (const size of [1, MiB]) {
    const raw = Buffer.alloc(size, 0x5a)
    const fromBytes = new Verifier(raw)
    const fromText = new Verifier(`whsec_${raw.toString('base64')}`)
    const dropIn = new Webhook(raw, { format: 'raw' })
    const headers = fromBytes.signHeaders(PAYLOAD, { msgId: 'msg_s', timestamp: NOW })
    assert.equal(outcome(() => fromText.verify(PAYLOAD, headers, at(NOW))), 'ok', `${size}`)
    assert.equal(headers['webhook-signature'], dropIn.sign('msg_s', new Date(NOW * 1000), PAYLOAD))
    assert.equal(outcome(() => new Verifier(Buffer.alloc(size, 0x5b)).verify(PAYLOAD, headers, at(NOW))), 'no_matching_signature')
  }
  assert.equal(outcome(() => new Verifier('whsec_AQ==')), 'ok')
  assert.equal(outcome(() => new Verifier(Buffer.alloc(0))), 'empty_secret')
  assert.equal(outcome(() => new Verifier([])), 'empty_secret')
  assert.equal(outcome(() => new Verifier(`whsec_${'A'.repeat(MiB)}\u0000`)), 'invalid_secret')
})
