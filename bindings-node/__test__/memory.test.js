'use strict'
// Memory: verifying many 1 MiB payloads, and making and dropping many
// verifiers, keeps the resident set within a small bound (the Rust state of
// collected objects is released).
const test = require('node:test')
const assert = require('node:assert/strict')
const v8 = require('node:v8')
const vm = require('node:vm')

const { Verifier, Webhook } = require('..')

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')

const MiB = 1 << 20
// Node-API may run finalizers of collected objects on a later turn of the
// event loop, so let it turn between collections.
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
  return process.memoryUsage().rss
}

test('900 verifies of 1 MiB payloads do not grow memory', async () => {
  const verifier = new Verifier('whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD')
  const payload = Buffer.alloc(MiB, 0x7a)
  const text = payload.toString('latin1')
  const headers = verifier.signHeaders(payload, { msgId: 'msg_mem', timestamp: 1700000000 })
  const bad = { ...headers, 'webhook-signature': 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      verifier.verify(payload, headers, { now: 1700000000 })
      verifier.verify(text, headers, { now: 1700000000 })
      try {
        verifier.verify(payload, bad, { now: 1700000000 })
      } catch (err) {
        assert.equal(err.code, 'no_matching_signature')
      }
    }
  }
  round(50)
  const before = await settle()
  round(300)
  const after = await settle()
  const growth = (after - before) / MiB
  console.log(`# rss before ${(before / MiB).toFixed(1)} MiB, after ${(after / MiB).toFixed(1)} MiB, growth ${growth.toFixed(1)} MiB`)
  assert.ok(growth < 32, `rss grew by ${growth.toFixed(1)} MiB`)
})

test('verifiers and keys made and dropped are released', async () => {
  const secret = Buffer.alloc(64 * 1024, 1)
  const churn = (n) => {
    for (let i = 0; i < n; i++) {
      new Verifier(secret).sign('m', 1, 'x')
      new Webhook(secret, { format: 'raw' })
    }
  }
  churn(2000)
  const before = await settle()
  for (let i = 0; i < 10; i++) {
    churn(2000)
    await settle()
  }
  const after = await settle()
  const growth = (after - before) / MiB
  console.log(`# rss before ${(before / MiB).toFixed(1)} MiB, after ${(after / MiB).toFixed(1)} MiB, growth ${growth.toFixed(1)} MiB`)
  // 20,000 verifiers of 64 KiB keys would hold about 1.3 GiB if never freed.
  assert.ok(growth < 32, `rss grew by ${growth.toFixed(1)} MiB`)
})
