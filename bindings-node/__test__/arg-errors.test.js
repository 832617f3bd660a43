'use strict'
// Argument errors: a string with a lone surrogate is refused rather than hashed
// as U+FFFD, detached buffers are refused, and every wrong argument is a
// TypeError with code ERR_INVALID_ARG_TYPE whose message reads like Node's own
// (names the argument and what it accepts, never a napi or Rust type).
const test = require('node:test')
const assert = require('node:assert/strict')

const { Verifier, Webhook, parseKey } = require('..')

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'
const NOW = 1700000000
const PAYLOAD = '{"ok":true}'
const verifier = new Verifier(SECRET)
const HEADERS = verifier.signHeaders(PAYLOAD, { msgId: 'msg_1', timestamp: NOW })

const LONE = ['\ud800', 'a\udc00', 'x\ud83d', '\udfff\ud800']

/** The call throws a TypeError with Node's code; returns it for further checks. */
function argError(fn, label) {
  let thrown = null
  try {
    fn()
  } catch (err) {
    thrown = err
  }
  assert.ok(thrown !== null, `${label}: expected a throw`)
  assert.ok(thrown instanceof TypeError, `${label}: threw ${thrown?.constructor?.name}: ${thrown?.message}`)
  assert.equal(thrown.code, 'ERR_INVALID_ARG_TYPE', `${label}: code of "${thrown.message}"`)
  assertReadable(thrown.message, label)
  return thrown
}

const LEAKS = /Either|Array<T>|TypedArray<|rust type|Value is none of|napi|Failed to convert|JsValue|Unknown/i

function assertReadable(message, label) {
  assert.doesNotMatch(message, LEAKS, `${label}: leaks an implementation type: ${message}`)
}

function surrogate(fn, label, named) {
  const err = argError(fn, label)
  assert.match(err.message, /is not well-formed Unicode \(a lone surrogate\); pass the raw bytes as a Buffer/, label)
  if (named) assert.ok(err.message.includes(`"${named}"`), `${label}: ${err.message} should name ${named}`)
}

test('a lone surrogate in any string input of Verifier is a TypeError', () => {
  for (const bad of LONE) {
    surrogate(() => verifier.sign('id', NOW, bad), 'sign payload', 'payload')
    surrogate(() => verifier.sign(bad, NOW, PAYLOAD), 'sign msgId', 'msgId')
    surrogate(() => verifier.verify(bad, HEADERS, { now: NOW }), 'verify payload', 'payload')
    surrogate(() => verifier.verifyValues(bad, 'a', 'b', 'c', { now: NOW }), 'verifyValues payload', 'payload')
    surrogate(() => verifier.verifyIgnoringTimestamp(bad, HEADERS), 'verifyIgnoringTimestamp payload', 'payload')
    surrogate(() => verifier.signHeaders(bad, { timestamp: NOW }), 'signHeaders payload', 'payload')
    surrogate(() => verifier.signHeaders(PAYLOAD, { msgId: bad, timestamp: NOW }), 'signHeaders msgId', 'options.msgId')
    surrogate(() => verifier.endpointVerificationResponse(bad), 'challenge', 'challenge')
    surrogate(() => verifier.verifyEndpointVerificationResponse(bad, 'x'), 'challenge', 'challenge')
    surrogate(() => verifier.verifyEndpointVerificationResponse('c', bad), 'response', 'response')
    surrogate(() => new Verifier(bad), 'key text', 'key')
    surrogate(() => new Verifier(SECRET + bad), 'key text with a valid prefix', 'key')
    surrogate(() => new Verifier([SECRET, bad]), 'key text in a list', 'key[1]')
    surrogate(() => parseKey(bad), 'parseKey', 'text')
  }
})

test('a lone surrogate in a header value is a TypeError, however the headers come', () => {
  for (const bad of LONE) {
    for (const name of Object.keys(HEADERS)) {
      const object = { ...HEADERS, [name]: bad }
      surrogate(() => verifier.verify(PAYLOAD, object, { now: NOW }), `object ${name}`, name)
      const upper = Object.fromEntries(Object.entries(object).map(([k, v]) => [k.toUpperCase(), v]))
      surrogate(() => verifier.verify(PAYLOAD, upper, { now: NOW }), `object upper case ${name}`, name)
      surrogate(() => verifier.verify(PAYLOAD, { ...HEADERS, [name]: [bad] }, { now: NOW }), `array value ${name}`, name)
      surrogate(() => verifier.verify(PAYLOAD, Object.entries(object), { now: NOW }), `pairs ${name}`, name)
      surrogate(() => verifier.verify(PAYLOAD, new Map(Object.entries(object)), { now: NOW }), `Map ${name}`, name)
      const headersLike = { get: (n) => object[n] ?? null }
      surrogate(() => verifier.verify(PAYLOAD, headersLike, { now: NOW }), `Headers-like ${name}`, name)
      surrogate(() => verifier.verifyIgnoringTimestamp(PAYLOAD, headersLike), `Headers-like ignoring ts ${name}`, name)
      surrogate(() => verifier.verifyIgnoringTimestamp(PAYLOAD, object), `object ignoring ts ${name}`, name)
      surrogate(() => new Webhook(SECRET).verify(PAYLOAD, object), `drop-in ${name}`, name)
      const values = Object.keys(HEADERS).map((n) => (n === name ? bad : HEADERS[n]))
      surrogate(() => verifier.verifyValues(PAYLOAD, ...values, { now: NOW }), `verifyValues ${name}`, name)
    }
  }
  // A surrogate in a header nobody reads does not matter.
  verifier.verify(PAYLOAD, { ...HEADERS, 'x-other': '\ud800' }, { now: NOW })
})

test('a lone surrogate in the drop-in Webhook is a TypeError too', () => {
  const webhook = new Webhook(SECRET)
  for (const bad of LONE) {
    surrogate(() => new Webhook(bad), 'secret', 'secret')
    surrogate(() => webhook.verify(bad, HEADERS), 'payload', 'payload')
    surrogate(() => webhook.sign(bad, new Date(NOW * 1000), PAYLOAD), 'msgId', 'msgId')
    surrogate(() => webhook.sign('id', new Date(NOW * 1000), bad), 'payload', 'payload')
    surrogate(() => webhook.endpointVerificationResponse(bad), 'challenge', 'challenge')
    surrogate(() => webhook.verifyEndpointVerificationResponse(bad, 'x'), 'challenge', 'challenge')
    surrogate(() => webhook.verifyEndpointVerificationResponse('c', bad), 'header', 'header')
  }
})

test('well-formed strings, U+FFFD and surrogate pairs included, still sign as their UTF-8', () => {
  for (const text of ['\ufffd', 'a\ufffdb', '\ud83d\ude00', 'caf\u00e9']) {
    const bytes = Buffer.from(text, 'utf8')
    assert.equal(verifier.sign('id', NOW, text), verifier.sign('id', NOW, bytes), text)
    assert.equal(verifier.sign(text, NOW, 'x'), verifier.sign(bytes, NOW, 'x'), text)
    const signed = verifier.signHeaders(text, { msgId: text, timestamp: NOW })
    verifier.verify(bytes, signed, { now: NOW })
    verifier.verify(text, { ...signed, 'webhook-id': bytes }, { now: NOW })
  }
  // The raw bytes a lone surrogate's caller meant are accepted as a Buffer.
  const raw = Buffer.from([0xed, 0xa0, 0x80])
  assert.notEqual(verifier.sign('id', NOW, raw), verifier.sign('id', NOW, '\ufffd'))
})

function detachedBuffer(size = 8) {
  const buffer = new ArrayBuffer(size)
  structuredClone(buffer, { transfer: [buffer] })
  assert.equal(buffer.byteLength, 0)
  return buffer
}

test('a detached ArrayBuffer, or a view of one, is a TypeError with a code', () => {
  const makers = {
    'detached ArrayBuffer': () => detachedBuffer(),
    'Uint8Array of a detached buffer': () => {
      const view = new Uint8Array(8)
      structuredClone(view.buffer, { transfer: [view.buffer] })
      return view
    },
    'Buffer of a detached buffer': () => {
      const view = Buffer.from(new ArrayBuffer(8))
      structuredClone(view.buffer, { transfer: [view.buffer] })
      return view
    },
    'DataView of a detached buffer': () => {
      const view = new DataView(new ArrayBuffer(8))
      structuredClone(view.buffer, { transfer: [view.buffer] })
      return view
    },
    'Float64Array of a detached buffer': () => {
      const view = new Float64Array(2)
      structuredClone(view.buffer, { transfer: [view.buffer] })
      return view
    },
  }
  for (const [label, make] of Object.entries(makers)) {
    const err = argError(() => verifier.sign('id', NOW, make()), `sign payload: ${label}`)
    assert.match(err.message, /^The "payload" argument must be .*detached/, label)
    argError(() => verifier.verify(make(), HEADERS, { now: NOW }), `verify payload: ${label}`)
    argError(() => new Webhook(SECRET).verify(make(), HEADERS), `drop-in payload: ${label}`)
    argError(() => verifier.sign(make(), NOW, PAYLOAD), `msgId: ${label}`)
    argError(() => verifier.endpointVerificationResponse(make()), `challenge: ${label}`)
  }
  argError(() => new Verifier(makers['Uint8Array of a detached buffer']()), 'raw key')
  // Empty, attached buffers are still empty payloads.
  assert.equal(verifier.sign('id', NOW, new ArrayBuffer(0)), verifier.sign('id', NOW, ''))
  assert.equal(verifier.sign('id', NOW, Buffer.alloc(0)), verifier.sign('id', NOW, ''))
})

test('the messages the trial reported now read like Node', () => {
  const cases = [
    [() => new Verifier(null), 'The "key" argument must be a string, Buffer or Uint8Array, or an array of them. Received null'],
    [() => new Verifier(undefined), 'The "key" argument must be a string, Buffer or Uint8Array, or an array of them. Received undefined'],
    [() => new Verifier([SECRET, 5]), 'The "key[1]" argument must be a string, Buffer or Uint8Array, or an array of them. Received type number (5)'],
    [() => parseKey(5), 'The "text" argument must be of type string. Received type number (5)'],
    [() => verifier.signHeaders('b', { msgId: 5 }), 'The "options.msgId" property must be of type string. Received type number (5)'],
    [() => verifier.verify('b', { get: () => 5 }, { now: NOW }), 'The "webhook-id" header must be a string, Buffer or Uint8Array. Received type number (5)'],
    [() => verifier.verifyIgnoringTimestamp('b', { get: () => 5 }), 'The "webhook-id" header must be a string, Buffer or Uint8Array. Received type number (5)'],
    [() => verifier.verify('b', { 'webhook-id': 5 }, { now: NOW }), 'The "webhook-id" header must be a string, Buffer or Uint8Array, or an array of them. Received type number (5)'],
    [() => verifier.verify('b', [['Webhook-Timestamp', true]], { now: NOW }), 'The "webhook-timestamp" header must be a string, Buffer or Uint8Array, or an array of them. Received type boolean (true)'],
    [() => verifier.verify('b', { 'webhook-id': new Int16Array(2) }, { now: NOW }), 'The "webhook-id" header must be a string, Buffer or Uint8Array, or an array of them. Received an instance of Int16Array'],
    [() => verifier.verifyValues('b', 5, '1', 'x'), 'The "webhook-id" header must be a string, Buffer or Uint8Array. Received type number (5)'],
    [() => new Verifier(SECRET, { tolerance: 'x' }), 'The "options.tolerance" property must be a number or bigint. Received type string (\'x\')'],
    [() => new Verifier(SECRET, { tolerance: 1.5 }), 'The "options.tolerance" value must be a non-negative integer number of seconds. Received 1.5'],
    [() => verifier.verify('b', HEADERS, { now: -1n - 2n ** 63n }), 'The "options.now" value must be a signed 64-bit integer. Received -9223372036854775809n'],
    [() => verifier.verify(5, HEADERS), 'The "payload" argument must be a string, Buffer, TypedArray, DataView or ArrayBuffer. Received type number (5)'],
    [() => verifier.verify('b', 5), 'The "headers" argument must be an object, a Map, a Headers instance or an array of [name, value] pairs. Received type number (5)'],
    [() => verifier.sign('m', undefined, 'b'), 'The "timestamp" argument must be a number or bigint of Unix seconds, or a Date. Received undefined'],
    [() => verifier.endpointVerificationResponse({}), 'The "challenge" argument must be a string, Buffer, TypedArray, DataView or ArrayBuffer. Received an instance of Object'],
  ]
  for (const [fn, message] of cases) {
    const err = argError(fn, message)
    assert.equal(err.message, message)
  }
})

const JUNK = {
  undefined: undefined,
  null: null,
  number: 5,
  NaN: NaN,
  true: true,
  symbol: Symbol('x'),
  bigint: 10n,
  'empty object': {},
  'array of numbers': [1, 2],
  'nested array': [[['x']]],
  function: function named() {},
  date: new Date(0),
  'null-prototype object': Object.create(null),
  Int16Array: new Int16Array(4),
  'throwing Proxy': new Proxy({}, { get() { throw new Error('trap') } }),
}

test('no wrong argument anywhere leaks a napi or Rust type name', () => {
  const webhook = new Webhook(SECRET)
  const entryPoints = {
    'new Verifier': (v) => new Verifier(v),
    'new Verifier list': (v) => new Verifier([SECRET, v]),
    'Verifier tolerance': (v) => new Verifier(SECRET, { tolerance: v }),
    'Verifier options': (v) => new Verifier(SECRET, v),
    parseKey: (v) => parseKey(v),
    'verify payload': (v) => verifier.verify(v, HEADERS, { now: NOW }),
    'verify headers': (v) => verifier.verify(PAYLOAD, v, { now: NOW }),
    'verify header value': (v) => verifier.verify(PAYLOAD, { ...HEADERS, 'webhook-signature': v }, { now: NOW }),
    'verify pair value': (v) => verifier.verify(PAYLOAD, [...Object.entries(HEADERS), ['webhook-id', v]].reverse(), { now: NOW }),
    'verify Headers-like value': (v) => verifier.verify(PAYLOAD, { get: (n) => (n === 'webhook-id' ? v : HEADERS[n]) }, { now: NOW }),
    'verify now': (v) => verifier.verify(PAYLOAD, HEADERS, { now: v }),
    'verify options': (v) => verifier.verify(PAYLOAD, HEADERS, v),
    'verifyValues id': (v) => verifier.verifyValues(PAYLOAD, v, '1', 'x', { now: NOW }),
    'verifyIgnoringTimestamp headers': (v) => verifier.verifyIgnoringTimestamp(PAYLOAD, v),
    'sign msgId': (v) => verifier.sign(v, NOW, PAYLOAD),
    'sign timestamp': (v) => verifier.sign('m', v, PAYLOAD),
    'sign payload': (v) => verifier.sign('m', NOW, v),
    'signHeaders msgId': (v) => verifier.signHeaders(PAYLOAD, { msgId: v, timestamp: NOW }),
    'signHeaders timestamp': (v) => verifier.signHeaders(PAYLOAD, { timestamp: v }),
    'signHeaders options': (v) => verifier.signHeaders(PAYLOAD, v),
    challenge: (v) => verifier.endpointVerificationResponse(v),
    response: (v) => verifier.verifyEndpointVerificationResponse('c', v),
    'Webhook secret': (v) => new Webhook(v),
    'Webhook raw secret': (v) => new Webhook(v, { format: 'raw' }),
    'Webhook payload': (v) => webhook.verify(v, HEADERS),
    'Webhook headers': (v) => webhook.verify(PAYLOAD, v),
    'Webhook sign timestamp': (v) => webhook.sign('m', v, PAYLOAD),
    'Webhook sign payload': (v) => webhook.sign('m', new Date(NOW * 1000), v),
    'Webhook challenge': (v) => webhook.endpointVerificationResponse(v),
  }
  for (const [entry, call] of Object.entries(entryPoints)) {
    for (const [name, value] of Object.entries(JUNK)) {
      try {
        call(value)
      } catch (err) {
        if (err instanceof TypeError) {
          assert.equal(err.code, 'ERR_INVALID_ARG_TYPE', `${entry} with ${name}: ${err.message}`)
          assertReadable(err.message, `${entry} with ${name}`)
          assert.match(err.message, /^(The "[\w.[\]-]+" (argument|property|header|value) |Expected secret)/, `${entry} with ${name}: ${err.message}`)
        }
      }
    }
  }
})

test('a value that changes after the check still gets no napi wording', () => {
  let reads = 0
  const shifty = new Proxy([SECRET], {
    get(target, key, receiver) {
      if (key === '0' && reads++ > 0) return 5
      return Reflect.get(target, key, receiver)
    },
  })
  const err = argError(() => new Verifier(shifty), 'key list that changes')
  assert.match(err.message, /argument has a type this function does not accept/)
})
