// Types of the public surface (index.js). The generated binding.d.ts types the
// native module underneath; users never import it.

/** Payload, message id or challenge: strings are read as UTF-8 (a lone surrogate is a TypeError), byte views in place. */
export type BytesInput = string | Uint8Array | ArrayBufferView | ArrayBuffer

/** One header value. Arrays (repeated headers) count by their first element. */
export type HeaderValue = string | Uint8Array | ReadonlyArray<string | Uint8Array> | null | undefined

/** Anything with a case-insensitive `get`, such as the web `Headers` class. */
export interface HeadersLike {
  get(name: string): string | null
}

/**
 * Request headers: a plain object in any case (Node's `IncomingHttpHeaders`
 * included), `[name, value]` pairs, a `Map`, or a web `Headers`.
 */
export type HeadersInput =
  | Readonly<Record<string, HeaderValue>>
  | ReadonlyArray<readonly [string, string | Uint8Array]>
  | ReadonlyMap<unknown, string | Uint8Array>
  | HeadersLike

/** Unix seconds as a number or bigint, or a Date. */
export type Seconds = number | bigint | Date

/** A key: text (`whsec_…`, bare base64, `whpk_…`, `whsk_…`) or raw HMAC secret bytes. */
export type KeyInput = string | Uint8Array

/** The contract's error kinds, the `code` of every `WebhookVerificationError`. */
export type ErrorKind =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature'
  | 'empty_secret'
  | 'invalid_secret'

/** How far a timestamp may be from the clock by default, in seconds (300). */
export declare const DEFAULT_TOLERANCE: number

/** Every error kind of the contract, from the native module. */
export declare function errorKinds(): ErrorKind[]

/** Base of every error about a webhook or a key. */
export declare class WebhookVerificationError extends Error {
  constructor(message: string, code?: ErrorKind)
  /** The contract's kind; `undefined` only when constructed by hand without one. */
  code?: ErrorKind
}
export declare class MissingHeaderError extends WebhookVerificationError {
  constructor(message?: string)
  code: 'missing_header'
}
export declare class InvalidTimestampError extends WebhookVerificationError {
  constructor(message?: string)
  code: 'invalid_timestamp'
}
export declare class TimestampTooOldError extends WebhookVerificationError {
  constructor(message?: string)
  code: 'timestamp_too_old'
}
export declare class TimestampTooNewError extends WebhookVerificationError {
  constructor(message?: string)
  code: 'timestamp_too_new'
}
export declare class NoMatchingSignatureError extends WebhookVerificationError {
  constructor(message?: string)
  code: 'no_matching_signature'
}
export declare class EmptySecretError extends WebhookVerificationError {
  constructor(message?: string)
  code: 'empty_secret'
}
export declare class InvalidSecretError extends WebhookVerificationError {
  constructor(message?: string)
  code: 'invalid_secret'
}

/** The error class for each kind. */
export declare const ERROR_CLASSES: {
  readonly [K in ErrorKind]: new (message?: string) => WebhookVerificationError & { code: K }
}

export interface VerifierOptions {
  /** Seconds a timestamp may lie in the past or the future (default 300). */
  tolerance?: number | bigint
}

export interface VerifyAtOptions {
  /** The clock to verify against; default: the system clock. */
  now?: Seconds
}

export interface SignHeadersOptions {
  /** Default: `msg_` and a random UUID. */
  msgId?: string
  /** Default: now. */
  timestamp?: Seconds
}

/** The three headers of a signed webhook (a type, not an interface, so it is a `HeadersInput`). */
export type SignedHeaders = {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

/**
 * Verifies and signs Standard Webhooks with one or more keys: HMAC (`whsec_`,
 * bare base64, raw bytes) for `v1`, ed25519 (`whpk_`, `whsk_`) for `v1a`.
 * A webhook passes when any signature entry verifies under any key.
 * Errors: `WebhookVerificationError` subclasses with `code` set to the kind;
 * `TypeError` for arguments of the wrong type or range.
 */
export declare class Verifier {
  constructor(keys: KeyInput | ReadonlyArray<KeyInput>, options?: VerifierOptions)
  /** The tolerance in seconds. */
  readonly tolerance: number
  /** How many keys this verifier holds. */
  readonly keyCount: number
  /** Throws unless the webhook verifies at `options.now` (default: now). */
  verify(payload: BytesInput, headers: HeadersInput, options?: VerifyAtOptions): void
  /** The same, with the three header values given directly. */
  verifyValues(
    payload: BytesInput,
    id: string | Uint8Array | null | undefined,
    timestamp: string | Uint8Array | null | undefined,
    signature: string | Uint8Array | null | undefined,
    options?: VerifyAtOptions,
  ): void
  /** Checks the signature whatever the timestamp's age: for replays, never for a live endpoint. */
  verifyIgnoringTimestamp(payload: BytesInput, headers: HeadersInput): void
  /** `v1,<base64>` (HMAC key) or `v1a,<base64>` (`whsk_` key). */
  sign(msgId: string | Uint8Array, timestamp: Seconds, payload: BytesInput): string
  /** The three headers of a webhook signed by this verifier's first signing key. */
  signHeaders(payload: BytesInput, options?: SignHeadersOptions): SignedHeaders
  /** The answer to an endpoint-verification challenge. */
  endpointVerificationResponse(challenge: string | Uint8Array): string
  /** Throws `NoMatchingSignatureError` unless `response` answers `challenge`. */
  verifyEndpointVerificationResponse(challenge: string | Uint8Array, response: string | Uint8Array): void
}

/** A parsed key. Its bytes never show in `util.inspect`. */
export interface Key {
  readonly kind: 'hmac' | 'ed25519_public' | 'ed25519_secret'
  /** The public half of an ed25519 key; `null` for HMAC keys. */
  publicKey(): Key | null
  /** The key's bytes. Secret material: never log it. */
  exposeBytes(): Uint8Array
  /** The key as text. Secret material: never log it. */
  exposeText(): string
}

/** Parses key text; throws `EmptySecretError` or `InvalidSecretError`. */
export declare function parseKey(text: string): Key

// The drop-in API of the npm `standardwebhooks` package (1.3.0).

export interface WebhookUnbrandedRequiredHeaders {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

export interface WebhookOptions {
  format?: 'raw'
}

export interface VerifyOptions {
  /** Parse the verified body as JSON and return it (default true). */
  jsonParse?: boolean
}

/**
 * Drop-in for `Webhook` of `standardwebhooks`: same constructor, methods,
 * results and messages. Also takes web `Headers`, array header values, and
 * `whpk_`/`whsk_` keys.
 */
export declare class Webhook {
  constructor(secret: string | Uint8Array, options?: WebhookOptions)
  /**
   * Returns the parsed JSON body, or `undefined` for an empty body or with
   * `jsonParse: false`. Throws `WebhookVerificationError`.
   */
  verify(
    payload: string | Uint8Array,
    headers: WebhookUnbrandedRequiredHeaders | Record<string, string> | HeadersInput,
    options?: VerifyOptions,
  ): unknown
  sign(msgId: string, timestamp: Date, payload: string | Uint8Array): string
  endpointVerificationResponse(challenge: string): string
  verifyEndpointVerificationResponse(challenge: string, header: string): void
}
