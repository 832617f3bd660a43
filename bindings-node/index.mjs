// ESM entry: the same objects as the CommonJS entry, so `instanceof` checks
// agree whichever way a module loaded the package.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const stdwebhooks = require('./index.js')

export const {
  Verifier,
  Webhook,
  parseKey,
  WebhookVerificationError,
  MissingHeaderError,
  InvalidTimestampError,
  TimestampTooOldError,
  TimestampTooNewError,
  NoMatchingSignatureError,
  EmptySecretError,
  InvalidSecretError,
  ERROR_CLASSES,
  DEFAULT_TOLERANCE,
  errorKinds,
} = stdwebhooks

export default stdwebhooks
