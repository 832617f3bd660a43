'use strict'
// A real node:http server on loopback verifying POSTed webhooks: 204 when
// valid, 401 otherwise, and the body the handler acts on is the verified one.
const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')

const express = require('express')

const { Verifier, Webhook, WebhookVerificationError } = require('..')

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'

function startServer(verify) {
  const seen = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      try {
        const event = verify(body, req.headers)
        seen.push({ body, event })
        res.writeHead(204).end()
      } catch (err) {
        if (!(err instanceof WebhookVerificationError)) {
          res.writeHead(500).end(String(err))
          return
        }
        res.writeHead(401, { 'content-type': 'text/plain' }).end(err.code)
      }
    })
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, seen, url: `http://127.0.0.1:${server.address().port}/hook` }))
  })
}

async function post(url, body, headers) {
  const res = await fetch(url, { method: 'POST', body, headers })
  return { status: res.status, text: await res.text() }
}

test('drop-in Webhook behind node:http', async (t) => {
  const wh = new Webhook(SECRET)
  const { server, seen, url } = await startServer((body, headers) => wh.verify(body, headers))
  t.after(() => server.close())

  const body = JSON.stringify({ type: 'order.created', id: 42, note: 'ünïcödé' })
  const id = 'msg_http_1'
  const now = new Date()
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': wh.sign(id, now, body),
    'content-type': 'application/json',
  }

  assert.deepEqual(await post(url, body, headers), { status: 204, text: '' })
  assert.equal(seen.length, 1)
  assert.equal(seen[0].body.toString('utf8'), body)
  assert.deepEqual(seen[0].event, JSON.parse(body))

  // Tampered body, wrong signature, missing header, stale timestamp: 401 and nothing handled.
  assert.deepEqual(await post(url, body.replace('42', '43'), headers), { status: 401, text: 'no_matching_signature' })
  assert.deepEqual(await post(url, body, { ...headers, 'webhook-signature': 'v1,AAAA' }), { status: 401, text: 'no_matching_signature' })
  const { 'webhook-id': _, ...noId } = headers
  assert.deepEqual(await post(url, body, noId), { status: 401, text: 'missing_header' })
  const old = new Date(now.getTime() - 3600_000)
  const stale = { ...headers, 'webhook-timestamp': String(Math.floor(old.getTime() / 1000)), 'webhook-signature': wh.sign(id, old, body) }
  assert.deepEqual(await post(url, body, stale), { status: 401, text: 'timestamp_too_old' })
  assert.equal(seen.length, 1)
})

test('native Verifier with several keys and binary bodies behind node:http', async (t) => {
  const verifier = new Verifier(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', SECRET, 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4='])
  const { server, seen, url } = await startServer((body, headers) => {
    verifier.verify(body, headers)
    return body
  })
  t.after(() => server.close())

  const body = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x0a])
  const hmac = new Verifier(SECRET).signHeaders(body)
  assert.equal((await post(url, body, hmac)).status, 204)
  const ed = new Verifier('whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==').signHeaders(body)
  assert.match(ed['webhook-signature'], /^v1a,/)
  assert.equal((await post(url, body, ed)).status, 204)
  assert.equal(seen.length, 2)
  for (const s of seen) assert.deepEqual([...s.body], [...body])

  const stranger = new Verifier('whsec_nX8AKvNiXb8FLHMvRouqO12W5Ad22q//i2Rsx1hwIQU=').signHeaders(body)
  assert.deepEqual(await post(url, body, stranger), { status: 401, text: 'no_matching_signature' })
  assert.equal(seen.length, 2)
})

test('Express with express.raw(): the handler gets the verified bytes', async (t) => {
  const wh = new Webhook(SECRET)
  const handled = []
  const app = express()
  app.post('/hook', express.raw({ type: '*/*' }), (req, res) => {
    try {
      handled.push({ body: req.body, event: wh.verify(req.body, req.headers) })
      res.sendStatus(204)
    } catch (err) {
      res.status(err instanceof WebhookVerificationError ? 401 : 500).send(err.code)
    }
  })
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  t.after(() => server.close())
  const url = `http://127.0.0.1:${server.address().port}/hook`

  const body = JSON.stringify({ type: 'user.created', name: 'Zoë' })
  const headers = { ...new Verifier(SECRET).signHeaders(body), 'content-type': 'application/json' }
  assert.equal((await post(url, body, headers)).status, 204)
  assert.equal(handled.length, 1)
  assert.ok(Buffer.isBuffer(handled[0].body))
  assert.equal(handled[0].body.toString('utf8'), body)
  assert.deepEqual(handled[0].event, JSON.parse(body))
  assert.deepEqual(await post(url, `${body} `, headers), { status: 401, text: 'no_matching_signature' })
  assert.equal(handled.length, 1)
})

test('a fetch-style handler (Request, web Headers), as in Next.js route handlers', async () => {
  const wh = new Webhook(SECRET)
  async function POST(request) {
    const body = new Uint8Array(await request.arrayBuffer())
    try {
      return Response.json({ event: wh.verify(body, request.headers) }, { status: 200 })
    } catch (err) {
      return new Response(err.code, { status: err instanceof WebhookVerificationError ? 401 : 500 })
    }
  }
  const body = '{"type":"ping"}'
  const headers = new Verifier(SECRET).signHeaders(body)
  const ok = await POST(new Request('http://localhost/hook', { method: 'POST', body, headers }))
  assert.equal(ok.status, 200)
  assert.deepEqual(await ok.json(), { event: { type: 'ping' } })
  const bad = await POST(new Request('http://localhost/hook', { method: 'POST', body: '{"type":"pong"}', headers }))
  assert.equal(bad.status, 401)
  assert.equal(await bad.text(), 'no_matching_signature')
})
