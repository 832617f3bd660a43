// Node: one process of the verify benchmark, for ours, the npm
// `standardwebhooks` 1.3.0 package or `svix`. One library per process, so the
// garbage one leaves behind (collected by V8's helper threads) is never timed
// as another's; the Makefile alternates the processes, several times. Inside a
// process the rows are timed in alternating short batches after a warm-up
// (V8 tiers code up on a helper thread, late on a busy machine).
//
// Usage: node bench_verify.js <fixtures-dir> <ours|reference|svix> [max-rounds] [batch-us] [budget-ms]
// Short batches (default 200 us) keep most of them free of a preemption by a
// neighbour; each size gets about budget-ms (default 3000) of rounds, at least 21.
// Ours is loaded from ../../bindings-node (set NAPI_RS_NATIVE_LIBRARY_PATH to
// choose the compiled addon). Prints JSON lines:
//   {"lang":"node","impl":"ours","row":"dropin_raw","headers":20,"size":256,"median_ns":...}
//
// Rows: dropin_raw = Webhook.verify(payload, headers, {jsonParse: false});
// dropin_json = Webhook.verify(payload, headers) (parses the body);
// native (ours) = Verifier.verify; svix (always parses). The payload is a
// Buffer, as a raw-body middleware gives it; `*_string` rows pass a string.
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const crypto = require('node:crypto')

const [dir, impl, roundsArg, batchArg, budgetArg] = process.argv.slice(2)
if (!dir || !['ours', 'reference', 'svix'].includes(impl)) {
  throw new Error('usage: bench_verify.js <fixtures-dir> <ours|reference|svix> [max-rounds] [batch-us] [budget-ms]')
}
const ours = impl === 'ours' ? require(path.join(__dirname, '..', '..', 'bindings-node')) : null
const reference = impl === 'reference' ? require('standardwebhooks') : null
const svix = impl === 'svix' ? require('svix') : null
const maxRounds = Number(roundsArg || 1001)
const batchNs = Number(batchArg || 200) * 1e3
const budgetNs = Number(budgetArg || 3000) * 1e6

const fx = JSON.parse(fs.readFileSync(path.join(dir, 'fixtures.json'), 'utf8'))
const { secret, msg_id: msgId } = fx

function sign(ts, payload) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const mac = crypto.createHmac('sha256', key)
  mac.update(`${msgId}.${ts}.`)
  mac.update(payload)
  return `v1,${mac.digest('base64')}`
}

function timeBatch(fn, n) {
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn()
  return Number(process.hrtime.bigint() - start) / n
}

function calibrate(fn) {
  for (let n = 1; ; n *= 4) {
    const perIter = timeBatch(fn, n)
    if (perIter * n >= batchNs / 4 || n >= 1 << 24) return Math.max(1, Math.round(batchNs / perIter))
  }
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]

function warmUp(fn, ms) {
  const end = Date.now() + ms
  while (Date.now() < end) for (let i = 0; i < 100; i++) fn()
}

const oursVersion = require(path.join(__dirname, '..', '..', 'bindings-node', 'package.json')).version
const version = (name) => require(`${name}/package.json`).version
console.log(JSON.stringify({
  lang: 'node', meta: true, impl, node: process.version, ours: oursVersion,
  standardwebhooks: version('standardwebhooks'), svix: version('svix'),
}))

const oursHook = ours && new ours.Webhook(secret)
const oursVerifier = ours && new ours.Verifier(secret)
const refHook = reference && new reference.Webhook(secret)
const svixHook = svix && new svix.Webhook(secret)

for (const size of fx.sizes) {
  const payload = fs.readFileSync(path.join(dir, `payload-${size}.json`))
  const text = payload.toString('utf8')
  const ts = Math.floor(Date.now() / 1000)
  const sig = sign(ts, payload)
  const three = { 'webhook-id': msgId, 'webhook-timestamp': String(ts), 'webhook-signature': sig }
  const twenty = { ...Object.fromEntries(fx.gateway_headers), ...three }
  if (Object.keys(twenty).length !== 20) throw new Error('expected 20 headers')

  const candidates = []
  for (const [n, h] of [[3, three], [20, twenty]]) {
    candidates.push(
      ['reference', 'dropin_raw', n, () => refHook.verify(payload, h, { jsonParse: false })],
      ['reference', 'dropin_json', n, () => refHook.verify(payload, h)],
      ['ours', 'dropin_raw', n, () => oursHook.verify(payload, h, { jsonParse: false })],
      ['ours', 'dropin_json', n, () => oursHook.verify(payload, h)],
      ['ours', 'native', n, () => oursVerifier.verify(payload, h)],
      ['svix', 'verify_json', n, () => svixHook.verify(payload, h)],
    )
  }
  candidates.push(
    ['reference', 'dropin_raw_string', 3, () => refHook.verify(text, three, { jsonParse: false })],
    ['ours', 'dropin_raw_string', 3, () => oursHook.verify(text, three, { jsonParse: false })],
  )

  // Every row must accept the webhook (a row that cannot, such as svix parsing an
  // empty body, is left out and reported), and refuse a flipped signature bit.
  const rows = []
  for (const row of candidates.filter((r) => r[0] === impl)) {
    try {
      row[3]()
      rows.push(row)
    } catch (err) {
      console.log(JSON.stringify({ lang: 'node', impl: row[0], row: row[1], headers: row[2], size, skipped: String(err.message || err) }))
    }
  }
  const forged = { ...three, 'webhook-signature': sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11) }
  for (const [name, fn] of [
    ['ours', () => oursHook.verify(payload, forged, { jsonParse: false })],
    ['reference', () => refHook.verify(payload, forged, { jsonParse: false })],
    ['svix', () => svixHook.verify(payload, forged)],
  ].filter(([name]) => name === impl)) {
    let threw = false
    try { fn() } catch { threw = true }
    if (!threw) throw new Error(`${name} accepted a forged signature`)
  }

  rows.forEach((r) => warmUp(r[3], Math.min(size >= 1 << 20 ? 300 : 100, budgetNs / 1e6)))
  const iters = rows.map((r) => calibrate(r[3]))
  const roundNs = rows.reduce((sum, r, i) => sum + timeBatch(r[3], iters[i]) * iters[i], 0)
  const rounds = Math.max(Math.min(21, maxRounds), Math.min(maxRounds, Math.floor(budgetNs / roundNs)))
  const samples = rows.map(() => [])
  for (let k = 0; k < rounds; k++) {
    rows.forEach((r, i) => samples[i].push(timeBatch(r[3], iters[i])))
  }
  rows.forEach(([impl, row, headers], i) => {
    console.log(JSON.stringify({ lang: 'node', impl, row, headers, size, median_ns: Math.round(median(samples[i]) * 10) / 10 }))
  })
}
