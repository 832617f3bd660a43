'use strict'
// Differential tests against the npm reference `standardwebhooks` 1.3.0:
// it signs and ours verifies, ours signs and it verifies, and both judge the
// same tampered inputs the same way. The differences CONTRACT.md declares are
// asserted separately, each as the difference it is.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')

const reference = require('standardwebhooks')
const ours = require('..')
const { atTime } = require('./helpers.js')

const NOW = 1700000000

/** 'ok <json>' or 'error <message>', the same shape for both libraries. */
function judge(fn) {
  try {
    return `ok ${JSON.stringify(fn())}`
  } catch (err) {
    return `error ${err.message}`
  }
}

function both(secret, options, fn) {
  const ref = new reference.Webhook(secret, options)
  const our = new ours.Webhook(secret, options)
  return [atTime(NOW, () => judge(() => fn(ref))), atTime(NOW, () => judge(() => fn(our)))]
}

// A deterministic stream of inputs, so a failure names a reproducible case.
function* cases(count) {
  let seed = 1
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
  const secrets = [
    () => `whsec_${crypto.createHash('sha256').update(String(next())).digest('base64')}`,
    () => crypto.createHash('sha256').update(String(next())).digest('base64'),
    () => `whsec_${crypto.createHash('sha512').update(String(next())).digest('base64')}`,
  ]
  const bodies = [
    () => JSON.stringify({ n: next(), s: 'x'.repeat(next() % 300) }),
    () => JSON.stringify({ name: 'Zoë Ångström', note: '支払い完了 🎉', n: next() }),
    () => JSON.stringify([next(), null, true, { deep: { deeper: [1, 2, 3] } }]),
    () => '',
  ]
  for (let i = 0; i < count; i++) {
    yield {
      secret: secrets[next() % secrets.length](),
      body: bodies[next() % bodies.length](),
      id: `msg_${next().toString(36)}`,
      ts: NOW - 300 + (next() % 601),
    }
  }
}

test('reference signs, ours verifies (and returns the same value)', () => {
  for (const c of cases(200)) {
    const signature = new reference.Webhook(c.secret).sign(c.id, new Date(c.ts * 1000), c.body)
    const headers = { 'webhook-id': c.id, 'webhook-timestamp': String(c.ts), 'webhook-signature': signature }
    const [ref, our] = both(c.secret, undefined, (wh) => wh.verify(c.body, headers))
    assert.equal(ref.startsWith('ok'), true, `reference rejects its own: ${ref}`)
    assert.equal(our, ref, JSON.stringify(c))
    const [refBytes, ourBytes] = both(c.secret, undefined, (wh) => wh.verify(Buffer.from(c.body), headers))
    assert.equal(ourBytes, refBytes)
  }
})

test('ours signs, reference verifies', () => {
  for (const c of cases(200)) {
    const signature = new ours.Webhook(c.secret).sign(c.id, new Date(c.ts * 1000), c.body)
    assert.equal(signature, new reference.Webhook(c.secret).sign(c.id, new Date(c.ts * 1000), c.body))
    const headers = { 'webhook-id': c.id, 'webhook-timestamp': String(c.ts), 'webhook-signature': signature }
    const [ref, our] = both(c.secret, undefined, (wh) => wh.verify(c.body, headers, { jsonParse: false }))
    assert.equal(ref, 'ok undefined')
    assert.equal(our, ref)
  }
})

test('raw secrets (bytes and strings) sign alike', () => {
  const raw = crypto.randomBytes(24)
  const date = new Date(NOW * 1000)
  for (const secret of [raw, new Uint8Array(raw), 'plain text secret', 'ÿ\u00e9 latin-1 only']) {
    assert.equal(
      new ours.Webhook(secret, { format: 'raw' }).sign('msg', date, 'body'),
      new reference.Webhook(secret, { format: 'raw' }).sign('msg', date, 'body'),
    )
  }
})

test('endpoint verification responses agree', () => {
  for (const c of cases(50)) {
    const challenge = `chal_${c.id}`
    const response = new reference.Webhook(c.secret).endpointVerificationResponse(challenge)
    assert.equal(new ours.Webhook(c.secret).endpointVerificationResponse(challenge), response)
    const [ref, our] = both(c.secret, undefined, (wh) => wh.verifyEndpointVerificationResponse(challenge, response))
    assert.equal(our, ref)
    const [refBad, ourBad] = both(c.secret, undefined, (wh) => wh.verifyEndpointVerificationResponse(`${challenge}!`, response))
    assert.equal(ourBad, refBad)
    assert.equal(ourBad, 'error No matching signature found')
  }
})

test('same verdict and message on tampered and malformed input', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const otherSecret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'
  const body = '{"event":"ping","n":1}'
  const sign = (ts, b = body, id = 'msg_1', s = secret) => new reference.Webhook(s).sign(id, new Date(ts * 1000), b)
  const good = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW), 'webhook-signature': sign(NOW) }
  const variants = {
    valid: [body, good],
    'tampered body': ['{"event":"ping","n":2}', good],
    'body with trailing newline': [`${body}\n`, good],
    'other secret': [body, { ...good, 'webhook-signature': sign(NOW, body, 'msg_1', otherSecret) }],
    'other id': [body, { ...good, 'webhook-id': 'msg_2' }],
    'no id': [body, { 'webhook-timestamp': good['webhook-timestamp'], 'webhook-signature': good['webhook-signature'] }],
    'no timestamp': [body, { 'webhook-id': 'msg_1', 'webhook-signature': good['webhook-signature'] }],
    'no signature': [body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW) }],
    'empty signature': [body, { ...good, 'webhook-signature': '' }],
    'no headers': [body, {}],
    'letters for a timestamp': [body, { ...good, 'webhook-timestamp': 'yesterday' }],
    'exactly 300 s old': [body, { ...good, 'webhook-timestamp': String(NOW - 300), 'webhook-signature': sign(NOW - 300) }],
    '301 s old': [body, { ...good, 'webhook-timestamp': String(NOW - 301), 'webhook-signature': sign(NOW - 301) }],
    'exactly 300 s ahead': [body, { ...good, 'webhook-timestamp': String(NOW + 300), 'webhook-signature': sign(NOW + 300) }],
    '301 s ahead': [body, { ...good, 'webhook-timestamp': String(NOW + 301), 'webhook-signature': sign(NOW + 301) }],
    'old with a bad signature': [body, { ...good, 'webhook-timestamp': String(NOW - 1000), 'webhook-signature': 'v1,AAAA' }],
    'second of two signatures': [body, { ...good, 'webhook-signature': `${sign(NOW, 'x')} ${good['webhook-signature']}` }],
    'unknown version first': [body, { ...good, 'webhook-signature': `v2,abc ${good['webhook-signature']}` }],
    'only an unknown version': [body, { ...good, 'webhook-signature': good['webhook-signature'].replace('v1,', 'v9,') }],
    'upper-case version': [body, { ...good, 'webhook-signature': good['webhook-signature'].replace('v1,', 'V1,') }],
    'truncated signature': [body, { ...good, 'webhook-signature': good['webhook-signature'].slice(0, 20) }],
    'title-case names': [body, { 'Webhook-Id': 'msg_1', 'Webhook-Timestamp': String(NOW), 'Webhook-Signature': good['webhook-signature'] }],
    'empty body signed': ['', { ...good, 'webhook-signature': sign(NOW, '') }],
  }
  for (const [name, [payload, headers]] of Object.entries(variants)) {
    const [ref, our] = both(secret, undefined, (wh) => wh.verify(payload, headers))
    assert.equal(our, ref, name)
    const [refRaw, ourRaw] = both(secret, undefined, (wh) => wh.verify(payload, headers, { jsonParse: false }))
    assert.equal(ourRaw, refRaw, `${name} (jsonParse: false)`)
  }
})

test('declared differences (CONTRACT.md): each one as it is', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const body = '{"a":1}'
  const signature = new reference.Webhook(secret).sign('msg_1', new Date(NOW * 1000), body)
  const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW), 'webhook-signature': signature }

  // Padding is optional in the contract; the reference compares text.
  const unpadded = { ...headers, 'webhook-signature': signature.replace(/=+$/, '') }
  assert.deepEqual(both(secret, undefined, (wh) => wh.verify(body, unpadded)), ['error No matching signature found', 'ok {"a":1}'])

  // Values are trimmed in the contract.
  const spaced = { ...headers, 'webhook-id': ' msg_1 ', 'webhook-signature': ` ${signature} ` }
  assert.deepEqual(both(secret, undefined, (wh) => wh.verify(body, spaced)), ['error No matching signature found', 'ok {"a":1}'])

  // A timestamp is 1 to 19 digits; the reference's parseInt reads a prefix.
  for (const ts of [`${NOW}.5`, `+${NOW}`, `${NOW}abc`]) {
    const [ref, our] = both(secret, undefined, (wh) => wh.verify(body, { ...headers, 'webhook-timestamp': ts }))
    assert.equal(our, 'error Invalid Signature Headers', ts)
    assert.notEqual(ref, our, ts)
  }

  // The reference cannot read web Headers or array values.
  const [refHeaders, ourHeaders] = both(secret, undefined, (wh) => wh.verify(body, new Headers(headers)))
  assert.deepEqual([refHeaders, ourHeaders], ['error Missing required headers', 'ok {"a":1}'])
  const arrays = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]))
  const [refArrays, ourArrays] = both(secret, undefined, (wh) => wh.verify(body, arrays))
  assert.match(refArrays, /^error /)
  assert.equal(ourArrays, 'ok {"a":1}')

  // Bad secrets: the reference throws its base64 decoder's Error, ours a
  // WebhookVerificationError with code invalid_secret.
  assert.throws(() => new reference.Webhook('whsec_not*base64!'), (e) => !(e instanceof reference.WebhookVerificationError))
  assert.throws(() => new ours.Webhook('whsec_not*base64!'), (e) => e instanceof ours.WebhookVerificationError && e.code === 'invalid_secret')

  // A binary body: both verify the raw bytes; only JSON parsing may differ.
  const binary = Buffer.from([0, 0xff, 0xfe, 0x80, 0x7b])
  const binSig = new reference.Webhook(secret).sign('msg_1', new Date(NOW * 1000), binary)
  const binHeaders = { ...headers, 'webhook-signature': binSig }
  assert.deepEqual(both(secret, undefined, (wh) => wh.verify(binary, binHeaders, { jsonParse: false })), ['ok undefined', 'ok undefined'])
})
