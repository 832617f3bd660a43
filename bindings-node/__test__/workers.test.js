'use strict'
// worker_threads: several workers load the addon and verify concurrently the
// same payload, held once in a SharedArrayBuffer, against the same headers.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads')

const PACKAGE = path.join(__dirname, '..')

if (!isMainThread) {
  const { Verifier, Webhook } = require(PACKAGE)
  const { shared, headers, secrets, now, rounds } = workerData
  const payload = new Uint8Array(shared)
  const verifier = new Verifier(secrets)
  const dropIn = new Webhook(secrets[secrets.length - 1])
  const tampered = { ...headers, 'webhook-id': `${headers['webhook-id']}x` }
  const tally = { ok: 0, rejected: 0, wrong: 0 }
  for (let i = 0; i < rounds; i++) {
    const good = i % 2 === 0
    try {
      verifier.verify(payload, good ? headers : tampered, { now })
      tally[good ? 'ok' : 'wrong']++
    } catch (err) {
      tally[!good && err.code === 'no_matching_signature' ? 'rejected' : 'wrong']++
    }
  }
  // Each worker also builds, uses and drops verifiers of its own.
  for (let i = 0; i < 200; i++) new Verifier(secrets).sign(`m${i}`, now, payload)
  let dropInOk = false
  try {
    dropIn.verify(payload, headers, { jsonParse: false })
  } catch (err) {
    dropInOk = err.code === 'timestamp_too_old'
  }
  parentPort.postMessage({ ...tally, dropInOk })
} else {
  test('workers verify concurrently on shared input', async () => {
    const { Verifier } = require(PACKAGE)
    const secrets = ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD']
    const now = 1700000000
    const shared = new SharedArrayBuffer(256 * 1024)
    const payload = new Uint8Array(shared)
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) & 0xff
    const headers = new Verifier(secrets[1]).signHeaders(payload, { msgId: 'msg_workers', timestamp: now })
    const rounds = 400
    const workers = Array.from({ length: 6 }, () => new Worker(__filename, { workerData: { shared, headers, secrets, now, rounds } }))
    const results = await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve, reject) => {
            w.once('message', resolve)
            w.once('error', reject)
            w.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)))
          }),
      ),
    )
    for (const r of results) {
      assert.deepEqual(r, { ok: rounds / 2, rejected: rounds / 2, wrong: 0, dropInOk: true })
    }
    // The main thread's own verifier still works after the workers unloaded.
    new Verifier(secrets).verify(payload, headers, { now })
  })
}
