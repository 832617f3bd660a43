'use strict'
// Every case of every list of the shared vector file, through the native
// Verifier and through the drop-in Webhook.
const test = require('node:test')
const assert = require('node:assert/strict')

const { Verifier, Webhook, parseKey, WebhookVerificationError, DEFAULT_TOLERANCE } = require('..')
const { loadVectors, payloadBytes, outcome, atTime } = require('./helpers.js')

const vectors = loadVectors()
const VERIFY_KINDS = ['missing_header', 'invalid_timestamp', 'timestamp_too_old', 'timestamp_too_new', 'no_matching_signature']
const REFERENCE_MESSAGES = {
  missing_header: 'Missing required headers',
  invalid_timestamp: 'Invalid Signature Headers',
  timestamp_too_old: 'Message timestamp too old',
  timestamp_too_new: 'Message timestamp too new',
  no_matching_signature: 'No matching signature found',
}

test('the vector file names the contract error kinds', () => {
  assert.deepEqual([...vectors.error_kinds].sort(), require('..').errorKinds().sort())
})

test.describe('verify vectors', () => {
  for (const c of vectors.verify) {
    test(c.name, () => {
      const payload = payloadBytes(c)
      const options = c.tolerance === undefined ? undefined : { tolerance: c.tolerance }
      const verifier = new Verifier(c.keys, options)
      assert.equal(verifier.keyCount, c.keys.length)
      const now = { now: c.now }

      // Bytes, read in place.
      assert.equal(outcome(() => verifier.verify(payload, c.headers, now)), c.expect, 'Buffer payload')
      // A Uint8Array that is a window into a larger buffer.
      const framed = new Uint8Array(payload.length + 7)
      framed.set(payload, 3)
      assert.equal(outcome(() => verifier.verify(framed.subarray(3, 3 + payload.length), c.headers, now)), c.expect, 'Uint8Array window')
      // Text, when the case is text.
      if (typeof c.payload === 'string') {
        assert.equal(outcome(() => verifier.verify(c.payload, c.headers, now)), c.expect, 'string payload')
      }
      // Web Headers and the three-values form.
      if (Object.values(c.headers).every((v) => !/[\r\n\0]/.test(v))) {
        assert.equal(outcome(() => verifier.verify(payload, new Headers(c.headers), now)), c.expect, 'Headers')
      }
      const lower = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k.toLowerCase(), v]))
      assert.equal(
        outcome(() => verifier.verifyValues(payload, lower['webhook-id'], lower['webhook-timestamp'], lower['webhook-signature'], now)),
        c.expect,
        'verifyValues',
      )
      // The same now as a bigint and as a Date.
      assert.equal(outcome(() => verifier.verify(payload, c.headers, { now: BigInt(c.now) })), c.expect, 'bigint now')
      assert.equal(outcome(() => verifier.verify(payload, c.headers, { now: new Date(c.now * 1000) })), c.expect, 'Date now')

      // The drop-in: one secret and the default tolerance are all its API can
      // express; cases with several keys or another tolerance run above only.
      const tolerance = c.tolerance === undefined ? DEFAULT_TOLERANCE : c.tolerance
      if (c.keys.length === 1 && tolerance === DEFAULT_TOLERANCE) {
        const wh = new Webhook(c.keys[0])
        let result
        const got = atTime(c.now, () => outcome(() => (result = wh.verify(payload, c.headers, { jsonParse: false }))))
        assert.equal(got, c.expect, 'drop-in')
        if (c.expect === 'ok') {
          assert.equal(result, undefined)
        } else {
          const err = atTime(c.now, () => {
            try {
              wh.verify(payload, c.headers)
            } catch (e) {
              return e
            }
          })
          assert.ok(err instanceof WebhookVerificationError)
          assert.equal(err.message, REFERENCE_MESSAGES[c.expect])
        }
      }
    })
  }
})

test.describe('sign vectors', () => {
  for (const c of vectors.sign) {
    test(c.name, () => {
      const payload = payloadBytes(c)
      const verifier = new Verifier(c.key)
      assert.equal(verifier.sign(c.msg_id, c.timestamp, payload), c.signature)
      assert.equal(verifier.sign(c.msg_id, BigInt(c.timestamp), payload), c.signature)
      if (typeof c.payload === 'string') assert.equal(verifier.sign(c.msg_id, c.timestamp, c.payload), c.signature)
      const headers = verifier.signHeaders(payload, { msgId: c.msg_id, timestamp: c.timestamp })
      assert.deepEqual(headers, {
        'webhook-id': c.msg_id,
        'webhook-timestamp': String(c.timestamp),
        'webhook-signature': c.signature,
      })
      assert.equal(new Webhook(c.key).sign(c.msg_id, new Date(c.timestamp * 1000), payload), c.signature, 'drop-in')
    })
  }
})

test.describe('key vectors', () => {
  for (const c of vectors.keys) {
    test(c.name, () => {
      assert.equal(outcome(() => parseKey(c.input)), c.expect)
      assert.equal(outcome(() => new Verifier(c.input)), c.expect, 'Verifier')
      // The drop-in reads the same text the same way.
      assert.equal(outcome(() => new Webhook(c.input)), c.expect, 'drop-in')
      if (c.expect === 'ok') {
        const key = parseKey(c.input)
        assert.equal(key.kind, c.kind)
        assert.equal(Buffer.from(key.exposeBytes()).toString('hex'), c.key_hex)
      }
    })
  }
})

test.describe('endpoint verification vectors', () => {
  for (const c of vectors.endpoint_verification) {
    test(c.name, () => {
      const verifier = new Verifier(c.key)
      assert.equal(verifier.endpointVerificationResponse(c.challenge), c.response)
      assert.equal(outcome(() => verifier.verifyEndpointVerificationResponse(c.challenge, c.response)), 'ok')
      assert.equal(
        outcome(() => verifier.verifyEndpointVerificationResponse(`${c.challenge}x`, c.response)),
        'no_matching_signature',
      )
      const wh = new Webhook(c.key)
      assert.equal(wh.endpointVerificationResponse(c.challenge), c.response, 'drop-in')
      assert.equal(outcome(() => wh.verifyEndpointVerificationResponse(c.challenge, c.response)), 'ok', 'drop-in')
    })
  }
})

test('every verify kind appears in the vectors', () => {
  const seen = new Set(vectors.verify.map((c) => c.expect))
  for (const kind of VERIFY_KINDS) assert.ok(seen.has(kind), kind)
})
