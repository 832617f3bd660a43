'use strict'
// The drop-in API of npm `standardwebhooks` 1.3.0: names, results, error
// classes and messages, plus what ours accepts beyond it.
const test = require('node:test')
const assert = require('node:assert/strict')

const stdwebhooks = require('..')
const { Webhook, WebhookVerificationError, ERROR_CLASSES } = stdwebhooks
const { atTime } = require('./helpers.js')

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const NOW = 1700000000
const PAYLOAD = '{"type":"invoice.paid","data":{"id":"in_1","amount":4200}}'

function signed(payload = PAYLOAD, secret = SECRET, ts = NOW, id = 'msg_dropin') {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': new Webhook(secret).sign(id, new Date(ts * 1000), payload),
  }
}

function thrown(fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  assert.fail('expected a throw')
}

test('exports the reference names', () => {
  assert.equal(typeof Webhook, 'function')
  assert.equal(typeof WebhookVerificationError, 'function')
  const err = new WebhookVerificationError('custom')
  assert.ok(err instanceof Error)
  assert.equal(err.name, 'WebhookVerificationError')
  assert.equal(err.message, 'custom')
  assert.match(err.stack, /WebhookVerificationError: custom/)
  assert.equal(err.code, undefined)
})

test('verify returns the parsed JSON body', () => {
  const wh = new Webhook(SECRET)
  atTime(NOW, () => {
    assert.deepEqual(wh.verify(PAYLOAD, signed()), JSON.parse(PAYLOAD))
    assert.deepEqual(wh.verify(Buffer.from(PAYLOAD), signed()), JSON.parse(PAYLOAD))
    assert.deepEqual(wh.verify(new TextEncoder().encode(PAYLOAD), signed()), JSON.parse(PAYLOAD))
  })
})

test('jsonParse: false returns undefined (the svix SDK calls it this way)', () => {
  const wh = new Webhook(SECRET)
  atTime(NOW, () => assert.equal(wh.verify(PAYLOAD, signed(), { jsonParse: false }), undefined))
})

test('an empty body returns undefined instead of a JSON error', () => {
  const wh = new Webhook(SECRET)
  atTime(NOW, () => {
    assert.equal(wh.verify('', signed('')), undefined)
    assert.equal(wh.verify(Buffer.alloc(0), signed('')), undefined)
  })
})

test('a verified body that is not JSON throws SyntaxError, like the reference', () => {
  const wh = new Webhook(SECRET)
  atTime(NOW, () => assert.throws(() => wh.verify('not json', signed('not json')), SyntaxError))
  atTime(NOW, () => assert.equal(wh.verify('not json', signed('not json'), { jsonParse: false }), undefined))
})

test('each failure is a WebhookVerificationError with the reference message and a code', () => {
  const wh = new Webhook(SECRET)
  const cases = [
    [{ ...signed(), 'webhook-id': undefined }, 'missing_header', 'Missing required headers'],
    [{ ...signed(), 'webhook-timestamp': 'soon' }, 'invalid_timestamp', 'Invalid Signature Headers'],
    [signed(PAYLOAD, SECRET, NOW - 301), 'timestamp_too_old', 'Message timestamp too old'],
    [signed(PAYLOAD, SECRET, NOW + 301), 'timestamp_too_new', 'Message timestamp too new'],
    [signed('{"other":1}'), 'no_matching_signature', 'No matching signature found'],
  ]
  for (const [headers, code, message] of cases) {
    const err = atTime(NOW, () => thrown(() => wh.verify(PAYLOAD, headers)))
    assert.ok(err instanceof WebhookVerificationError, code)
    assert.ok(err instanceof Error)
    assert.ok(err instanceof ERROR_CLASSES[code])
    assert.equal(err.name, 'WebhookVerificationError')
    assert.equal(err.message, message)
    assert.equal(err.code, code)
    assert.match(err.stack, new RegExp(message))
  }
})

test('secrets: empty is the reference message, bad base64 a WebhookVerificationError', () => {
  const empty = thrown(() => new Webhook(''))
  assert.equal(empty.message, "Secret can't be empty.")
  assert.equal(empty.code, 'empty_secret')
  const bad = thrown(() => new Webhook('whsec_not*base64!'))
  assert.ok(bad instanceof WebhookVerificationError)
  assert.equal(bad.code, 'invalid_secret')
  const notString = thrown(() => new Webhook(Buffer.from('abc')))
  assert.ok(notString instanceof TypeError)
  assert.equal(notString.message, 'Expected secret to be of type string')
})

test('format: "raw" takes bytes, or a string as one byte per character', () => {
  const raw = Buffer.from('a raw secret of any length')
  const bytesHook = new Webhook(raw, { format: 'raw' })
  const textHook = new Webhook('a raw secret of any length', { format: 'raw' })
  const base64Hook = new Webhook(`whsec_${raw.toString('base64')}`)
  const date = new Date(NOW * 1000)
  const expected = base64Hook.sign('msg_1', date, PAYLOAD)
  assert.equal(bytesHook.sign('msg_1', date, PAYLOAD), expected)
  assert.equal(textHook.sign('msg_1', date, PAYLOAD), expected)
  assert.equal(thrown(() => new Webhook(new Uint8Array(0), { format: 'raw' })).code, 'empty_secret')
})

test('sign takes a Date and floors it to seconds', () => {
  const wh = new Webhook(SECRET)
  assert.equal(wh.sign('m', new Date(NOW * 1000 + 999), 'x'), wh.sign('m', new Date(NOW * 1000), 'x'))
  assert.match(wh.sign('m', new Date(NOW * 1000), 'x'), /^v1,[A-Za-z0-9+/]{43}=$/)
  assert.throws(() => wh.sign('m', NOW, 'x'), TypeError)
  assert.throws(() => wh.sign('m', new Date(NaN), 'x'), TypeError)
})

test('header names in any case, and Node array values', () => {
  const wh = new Webhook(SECRET)
  const h = signed()
  atTime(NOW, () => {
    assert.deepEqual(wh.verify(PAYLOAD, { 'Webhook-Id': h['webhook-id'], 'WEBHOOK-TIMESTAMP': h['webhook-timestamp'], 'webhook-Signature': h['webhook-signature'] }), JSON.parse(PAYLOAD))
    // IncomingHttpHeaders / headersDistinct: arrays, the first element counts.
    const distinct = Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [v]]))
    assert.deepEqual(wh.verify(PAYLOAD, distinct), JSON.parse(PAYLOAD))
  })
})

test('web Headers objects work (the reference sees no headers in them)', () => {
  const wh = new Webhook(SECRET)
  atTime(NOW, () => {
    assert.deepEqual(wh.verify(PAYLOAD, new Headers(signed())), JSON.parse(PAYLOAD))
    assert.deepEqual(wh.verify(PAYLOAD, new Map(Object.entries(signed()))), JSON.parse(PAYLOAD))
    const missing = thrown(() => wh.verify(PAYLOAD, new Headers({ 'webhook-id': 'x' })))
    assert.equal(missing.message, 'Missing required headers')
  })
})

test('v1a: a whpk_ key verifies what a whsk_ key signed', () => {
  const signer = new Webhook('whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==')
  const verifier = new Webhook('whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=')
  const signature = signer.sign('msg_v1a', new Date(NOW * 1000), PAYLOAD)
  assert.match(signature, /^v1a,/)
  const headers = { 'webhook-id': 'msg_v1a', 'webhook-timestamp': String(NOW), 'webhook-signature': signature }
  atTime(NOW, () => assert.deepEqual(verifier.verify(PAYLOAD, headers), JSON.parse(PAYLOAD)))
  assert.throws(() => verifier.sign('m', new Date(), 'x'), (e) => e.code === 'invalid_secret')
})

test('endpoint verification: response, check, and the reference message for a missing response', () => {
  const wh = new Webhook(SECRET)
  const response = wh.endpointVerificationResponse('chal_1')
  assert.match(response, /^v1,/)
  assert.equal(wh.verifyEndpointVerificationResponse('chal_1', response), undefined)
  const wrong = thrown(() => wh.verifyEndpointVerificationResponse('chal_2', response))
  assert.equal(wrong.message, 'No matching signature found')
  assert.equal(wrong.code, 'no_matching_signature')
  for (const missing of ['', undefined, null]) {
    const err = thrown(() => wh.verifyEndpointVerificationResponse('chal_1', missing))
    assert.ok(err instanceof WebhookVerificationError)
    assert.equal(err.message, 'Missing challenge response')
    assert.equal(err.code, 'missing_header')
  }
})

test('the drop-in reads the clock through Date.now, as the reference does', () => {
  const wh = new Webhook(SECRET)
  const h = signed()
  assert.equal(atTime(NOW + 300, () => wh.verify(PAYLOAD, h, { jsonParse: false })), undefined)
  assert.equal(atTime(NOW + 301, () => thrown(() => wh.verify(PAYLOAD, h))).code, 'timestamp_too_old')
  assert.equal(atTime(NOW - 301, () => thrown(() => wh.verify(PAYLOAD, h))).code, 'timestamp_too_new')
})

test('ESM import gives the same classes', async () => {
  const esm = await import('../index.mjs')
  assert.equal(esm.Webhook, Webhook)
  assert.equal(esm.WebhookVerificationError, WebhookVerificationError)
  assert.equal(esm.default, stdwebhooks)
})

test('secrets never appear in errors or inspection', () => {
  const util = require('node:util')
  const marker = 'SECRETMARKERxyz'
  for (const bad of [`whsec_${marker}!`, `whsec_${marker} ${marker}`, `whpk_${marker}`, `whsk_${marker}`]) {
    const err = thrown(() => new Webhook(bad))
    assert.ok(!String(err.message).includes(marker) && !String(err.stack).includes(marker), bad)
    const native = thrown(() => new stdwebhooks.Verifier(bad))
    assert.ok(!String(native.message).includes(marker), bad)
  }
  const secret = 'whsec_U0VDUkVUTUFSS0VSeHl6U0VDUkVUTUFSS0VSeHl6'
  for (const obj of [new Webhook(secret), new stdwebhooks.Verifier(secret), stdwebhooks.parseKey(secret)]) {
    const shown = util.inspect(obj, { showHidden: true, depth: 5 }) + JSON.stringify(obj)
    assert.ok(!shown.includes('U0VDUkVU') && !shown.includes(marker), shown)
  }
})

test('byte payloads are verified in place, never decoded to text', () => {
  const body = Buffer.from([0x7b, 0x7d, 0xff, 0x00])
  const headers = signed(body)
  const saved = [Buffer.prototype.toString, TextDecoder.prototype.decode, Buffer.prototype.toJSON]
  const refuse = () => {
    throw new Error('payload was decoded')
  }
  Buffer.prototype.toString = refuse
  TextDecoder.prototype.decode = refuse
  Buffer.prototype.toJSON = refuse
  try {
    const wh = new Webhook(SECRET)
    atTime(NOW, () => assert.equal(wh.verify(body, headers, { jsonParse: false }), undefined))
    new stdwebhooks.Verifier(SECRET).verify(body, headers, { now: NOW })
    new stdwebhooks.Verifier(SECRET).verify(new Uint8Array(body), headers, { now: NOW })
  } finally {
    ;[Buffer.prototype.toString, TextDecoder.prototype.decode, Buffer.prototype.toJSON] = saved
  }
})
