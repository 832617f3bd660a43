// Compiled by `tsc -p __test__/tsconfig.json` (strict) in `make test`: the
// typings accept what the package accepts and reject what it rejects (every
// expected-error directive fails the compile if its line stops being an error).
import type { IncomingHttpHeaders } from 'node:http'
import {
  DEFAULT_TOLERANCE,
  ERROR_CLASSES,
  type ErrorKind,
  type Key,
  type SignedHeaders,
  NoMatchingSignatureError,
  Verifier,
  Webhook,
  WebhookVerificationError,
  errorKinds,
  parseKey,
} from '..'

const secret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'

// Drop-in, as code written for `standardwebhooks` uses it.
const wh = new Webhook(secret)
const rawHook = new Webhook(new Uint8Array([1, 2, 3]), { format: 'raw' })
const signature: string = wh.sign('msg_1', new Date(), '{}')
const fromObject: unknown = wh.verify('{}', { 'webhook-id': 'a', 'webhook-timestamp': '1', 'webhook-signature': signature })
const fromBuffer: unknown = wh.verify(Buffer.from('{}'), { 'Webhook-Id': 'a' }, { jsonParse: false })
const nodeHeaders: IncomingHttpHeaders = { 'webhook-id': 'a', 'set-cookie': ['x', 'y'] }
const fromNode: unknown = wh.verify('{}', nodeHeaders)
const fromWeb: unknown = rawHook.verify('{}', new Headers())
const challenge: string = wh.endpointVerificationResponse('c')
const checked: void = wh.verifyEndpointVerificationResponse('c', challenge)
// @ts-expect-error the reference takes a Date, not seconds
wh.sign('msg_1', 1700000000, '{}')
// @ts-expect-error no such format
new Webhook(secret, { format: 'base64' })
// @ts-expect-error jsonParse is a boolean
wh.verify('{}', {}, { jsonParse: 'no' })

// Native API.
const verifier = new Verifier([secret, new Uint8Array(32), 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4='], { tolerance: 60 })
const bigTolerance = new Verifier(secret, { tolerance: 10n })
const headers: SignedHeaders = verifier.signHeaders('{}', { msgId: 'm', timestamp: new Date() })
const id: string = headers['webhook-id']
verifier.verify('{}', headers, { now: 1700000000 })
verifier.verify(new Uint8Array(2), new Map([['webhook-id', 'x']]), { now: 1700000000n })
verifier.verify(new DataView(new ArrayBuffer(1)), [['webhook-id', 'x']])
verifier.verifyValues('{}', 'id', '1', 'v1,abc', { now: new Date() })
verifier.verifyValues('{}', undefined, null, Buffer.from('x'))
verifier.verifyIgnoringTimestamp('{}', headers)
const sig: string = verifier.sign(Buffer.from('id'), 1700000000n, '{}')
const tolerance: number = verifier.tolerance + bigTolerance.keyCount + DEFAULT_TOLERANCE
// @ts-expect-error tolerance is read-only
verifier.tolerance = 5
// @ts-expect-error now is a time, not a string
verifier.verify('{}', headers, { now: 'now' })
// @ts-expect-error keys are strings or bytes
new Verifier(42)

// Keys.
const key: Key = parseKey(secret)
const kind: 'hmac' | 'ed25519_public' | 'ed25519_secret' = key.kind
const publicHalf: Key | null = key.publicKey()
const bytes: Uint8Array = key.exposeBytes()

// Errors: a class per kind, narrowing on code.
try {
  verifier.verify('{}', {})
} catch (err) {
  if (err instanceof WebhookVerificationError) {
    const code: ErrorKind | undefined = err.code
    if (err.code === 'timestamp_too_old') console.log('stale', code)
  }
  if (err instanceof NoMatchingSignatureError) {
    const exact: 'no_matching_signature' = err.code
    console.log(exact)
  }
}
const kinds: ErrorKind[] = errorKinds()
const missing: WebhookVerificationError = new ERROR_CLASSES.missing_header()
const missingCode: 'missing_header' = new ERROR_CLASSES.missing_header().code

export {
  fromObject, fromBuffer, fromNode, fromWeb, checked, id, sig, tolerance,
  kind, publicHalf, bytes, kinds, missing, missingCode,
}
