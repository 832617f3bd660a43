// Node: how much one verify of a 64 MiB body raises peak RSS beyond the body.
// One process per implementation: node mem_verify.js ours|reference [mib]
// Prints {"lang":"node","impl":...,"payload_mib":64,"peak_rss_increase_kib":...}
'use strict'

const path = require('node:path')
const crypto = require('node:crypto')

const impl = process.argv[2]
const mib = Number(process.argv[3] || 64)
const { Webhook } = impl === 'ours'
  ? require(path.join(__dirname, '..', '..', 'bindings-node'))
  : require('standardwebhooks')
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwQQN0Rwo3zcs='
const key = Buffer.from(secret.slice(6), 'base64')

function headersFor(payload) {
  const ts = Math.floor(Date.now() / 1000)
  const mac = crypto.createHmac('sha256', key)
  mac.update(`msg_1.${ts}.`)
  mac.update(payload)
  return { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': `v1,${mac.digest('base64')}` }
}

const hook = new Webhook(secret)
// Warm the code path on a small body so first-call allocations are not counted.
const small = Buffer.from('{}')
hook.verify(small, headersFor(small), { jsonParse: false })

const payload = Buffer.alloc(mib * 1024 * 1024, 'x') // every page touched
const headers = headersFor(payload)
if (global.gc) global.gc()
const before = process.resourceUsage().maxRSS // KiB
hook.verify(payload, headers, { jsonParse: false })
const after = process.resourceUsage().maxRSS
console.log(JSON.stringify({ lang: 'node', impl, payload_mib: mib, peak_rss_before_kib: before, peak_rss_increase_kib: after - before }))
