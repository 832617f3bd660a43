'use strict'
// Wrong values for every argument of every entry point: a TypeError or a
// WebhookVerificationError, never a crash (a crash would end this process and
// fail the whole file).
const test = require('node:test')
const assert = require('node:assert/strict')

const { Verifier, Webhook, parseKey, WebhookVerificationError } = require('..')

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'
const NOW = 1700000000
const PAYLOAD = '{"ok":true}'
const verifier = new Verifier(SECRET)
const HEADERS = verifier.signHeaders(PAYLOAD, { msgId: 'msg_1', timestamp: NOW })

const JUNK = {
  undefined: undefined,
  null: null,
  zero: 0,
  fraction: 1.5,
  NaN: NaN,
  Infinity: Infinity,
  negative: -1,
  true: true,
  symbol: Symbol('x'),
  bigint: 10n,
  'empty object': {},
  'empty array': [],
  'array of numbers': [1, 2, 3],
  function: () => 'x',
  date: new Date(0),
  promise: Promise.resolve('x'),
  'null-prototype object': Object.create(null),
  'Int16Array': new Int16Array(4),
  'Float64Array': new Float64Array(2),
  'detached-looking DataView': new DataView(new ArrayBuffer(0)),
  'nested array': [[['x']]],
  'object with toString': { toString: () => 'whsec_AAAA' },
}

/** The call must throw, and only a TypeError or a WebhookVerificationError. */
function rejects(fn, label) {
  let thrown = null
  try {
    fn()
  } catch (err) {
    thrown = err
  }
  assert.ok(thrown !== null, `${label}: expected a throw`)
  assert.ok(
    thrown instanceof TypeError || thrown instanceof WebhookVerificationError,
    `${label}: threw ${thrown && thrown.constructor && thrown.constructor.name}: ${thrown && thrown.message}`,
  )
  return thrown
}

/** The call may succeed, or throw a TypeError or a WebhookVerificationError. */
function survives(fn, label) {
  try {
    fn()
  } catch (err) {
    assert.ok(err instanceof TypeError || err instanceof WebhookVerificationError, `${label}: ${err && err.message}`)
  }
}

function each(fn) {
  for (const [name, value] of Object.entries(JUNK)) fn(value, name)
}

test('payload of every wrong type', () => {
  each((v, name) => {
    const err = rejects(() => verifier.verify(v, HEADERS, { now: NOW }), `verify payload ${name}`)
    // DataView and other typed arrays are byte views: they verify as bytes.
    if (!ArrayBuffer.isView(v)) assert.ok(err instanceof TypeError, name)
    rejects(() => new Webhook(SECRET).verify(v, HEADERS), `drop-in payload ${name}`)
    if (!ArrayBuffer.isView(v)) rejects(() => verifier.sign('m', NOW, v), `sign payload ${name}`)
  })
})

test('headers of every wrong type', () => {
  each((v, name) => {
    const err = rejects(() => verifier.verify(PAYLOAD, v, { now: NOW }), `verify headers ${name}`)
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) assert.equal(err.code, 'missing_header', name)
    rejects(() => new Webhook(SECRET).verify(PAYLOAD, v), `drop-in headers ${name}`)
    rejects(() => verifier.verifyIgnoringTimestamp(PAYLOAD, v), `verifyIgnoringTimestamp headers ${name}`)
  })
})

test('header values of every wrong type', () => {
  for (const header of Object.keys(HEADERS)) {
    each((v, name) => {
      const err = rejects(() => verifier.verify(PAYLOAD, { ...HEADERS, [header]: v }, { now: NOW }), `${header} = ${name}`)
      if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) assert.equal(err.code, 'missing_header', name)
    })
  }
})

test('header pairs that are not pairs', () => {
  rejects(() => verifier.verify(PAYLOAD, ['not a pair'], { now: NOW }), 'string element')
  rejects(() => verifier.verify(PAYLOAD, [null], { now: NOW }), 'null element')
  assert.equal(rejects(() => verifier.verify(PAYLOAD, [['webhook-id']], { now: NOW }), 'no value').code, 'missing_header')
  assert.equal(rejects(() => verifier.verify(PAYLOAD, [[5, 'x']], { now: NOW }), 'number name').code, 'missing_header')
})

test('the three-values form with wrong types', () => {
  each((v, name) => {
    rejects(() => verifier.verifyValues(PAYLOAD, v, HEADERS['webhook-timestamp'], HEADERS['webhook-signature'], { now: NOW }), `id ${name}`)
    rejects(() => verifier.verifyValues(PAYLOAD, HEADERS['webhook-id'], v, HEADERS['webhook-signature'], { now: NOW }), `timestamp ${name}`)
    rejects(() => verifier.verifyValues(PAYLOAD, HEADERS['webhook-id'], HEADERS['webhook-timestamp'], v, { now: NOW }), `signature ${name}`)
  })
})

test('options and now of every wrong type', () => {
  each((v, name) => {
    survives(() => verifier.verify(PAYLOAD, HEADERS, v), `options ${name}`)
    // Any now other than NOW is either out of range (TypeError) or a time error.
    if (v !== undefined && v !== null) rejects(() => verifier.verify(PAYLOAD, HEADERS, { now: v }), `now ${name}`)
    survives(() => new Webhook(SECRET).verify(PAYLOAD, HEADERS, v), `drop-in options ${name}`)
    survives(() => new Webhook(SECRET, v), `drop-in constructor options ${name}`)
  })
})

test('keys and secrets of every wrong type', () => {
  each((v, name) => {
    rejects(() => new Verifier(v), `Verifier keys ${name}`)
    rejects(() => new Verifier([SECRET, v]), `Verifier key in a list ${name}`)
    rejects(() => new Webhook(v), `Webhook secret ${name}`)
    if (!(v instanceof Uint8Array)) rejects(() => new Webhook(v, { format: 'raw' }), `Webhook raw secret ${name}`)
    rejects(() => parseKey(v), `parseKey ${name}`)
  })
})

test('tolerance of every wrong type', () => {
  each((v, name) => {
    if (v === undefined || v === null || v === 0 || v === 10n) {
      new Verifier(SECRET, { tolerance: v })
      return
    }
    const err = rejects(() => new Verifier(SECRET, { tolerance: v }), `tolerance ${name}`)
    assert.ok(err instanceof TypeError, name)
  })
  rejects(() => new Verifier(SECRET, { tolerance: -1n }), 'negative bigint')
  rejects(() => new Verifier(SECRET, { tolerance: 2n ** 64n }), '2^64')
  rejects(() => new Verifier(SECRET, { tolerance: 2 ** 64 }), '2^64 as a number')
  rejects(() => new Verifier(SECRET, 'not an object'), 'options string')
})

test('sign arguments of every wrong type', () => {
  each((v, name) => {
    if (!ArrayBuffer.isView(v)) rejects(() => verifier.sign(v, NOW, PAYLOAD), `msgId ${name}`)
    if (!(v instanceof Date) && v !== 0 && v !== 10n) rejects(() => verifier.sign('m', v, PAYLOAD), `timestamp ${name}`)
    if (!(v instanceof Date)) rejects(() => new Webhook(SECRET).sign('m', v, PAYLOAD), `drop-in timestamp ${name}`)
    survives(() => verifier.signHeaders(PAYLOAD, v), `signHeaders options ${name}`)
    if (v !== undefined) rejects(() => verifier.signHeaders(PAYLOAD, { msgId: v }), `signHeaders msgId ${name}`)
  })
  assert.equal(rejects(() => verifier.sign('m', -1, PAYLOAD), 'before 1970').code, 'invalid_timestamp')
})

test('endpoint verification arguments of every wrong type', () => {
  const response = verifier.endpointVerificationResponse('c')
  each((v, name) => {
    if (!ArrayBuffer.isView(v)) {
      rejects(() => verifier.endpointVerificationResponse(v), `challenge ${name}`)
      rejects(() => verifier.verifyEndpointVerificationResponse(v, response), `challenge ${name}`)
      rejects(() => verifier.verifyEndpointVerificationResponse('c', v), `response ${name}`)
      rejects(() => new Webhook(SECRET).verifyEndpointVerificationResponse('c', v), `drop-in response ${name}`)
    }
  })
})

test('a throwing getter on the headers reaches the caller unchanged', () => {
  const trap = new Proxy({}, { get() { throw new RangeError('trap') } })
  assert.throws(() => verifier.verify(PAYLOAD, trap, { now: NOW }), { name: 'RangeError', message: 'trap' })
  const getter = { get 'webhook-id'() { throw new SyntaxError('getter') } }
  assert.throws(() => verifier.verify(PAYLOAD, getter, { now: NOW }), { name: 'SyntaxError', message: 'getter' })
  // And the verifier still works afterwards.
  verifier.verify(PAYLOAD, HEADERS, { now: NOW })
})

test('methods called on the wrong receiver throw, not crash', () => {
  for (const method of ['verify', 'verifyValues', 'sign', 'signHeaders', 'endpointVerificationResponse']) {
    assert.throws(() => Verifier.prototype[method].call({}, PAYLOAD, HEADERS), TypeError, method)
    assert.throws(() => Webhook.prototype.verify.call({}, PAYLOAD, HEADERS), TypeError, method)
  }
})
