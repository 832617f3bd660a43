// Package stdwebhooks verifies and signs Standard Webhooks through the
// stdwebhooks C library, so Go gets exactly the behaviour of the Rust core
// that the Python, Node and C bindings share.
//
// It is shaped like github.com/standard-webhooks/standard-webhooks/libraries/go:
// switching is a change of import path. Beyond it: several keys, ed25519
// (whpk_/whsk_, v1a), a settable tolerance and an explicit clock, all as options.
package stdwebhooks

// #include "stdwebhooks.h"
import "C"

import (
	"errors"
	"net/http"
	"runtime"
	"time"
)

// Header names, as in the Standard Webhooks Go library.
const (
	HeaderWebhookID        string = "webhook-id"
	HeaderWebhookSignature string = "webhook-signature"
	HeaderWebhookTimestamp string = "webhook-timestamp"

	HeaderWebhookChallenge         string = "webhook-challenge"
	HeaderWebhookChallengeResponse string = "webhook-challenge-response"
)

// MaxSignatureLen is the longest text Sign can return.
const MaxSignatureLen = C.SWH_MAX_SIGNATURE_LEN

// Webhook verifies and signs with one or more keys. It is safe for concurrent
// use by many goroutines.
type Webhook struct {
	ptr   *C.swh_verifier
	clock func() time.Time
}

// Option configures a Webhook at creation.
type Option func(*Webhook) error

// WithKeys adds more keys given as text (whsec_, bare base64, whpk_ or whsk_):
// a webhook passes when any signature verifies under any key, as during secret
// rotation. Sign keeps using the first key that can sign.
func WithKeys(secrets ...string) Option {
	return func(w *Webhook) error {
		for _, s := range secrets {
			p, n := stringArg(s)
			if err := statusError(C.swh_verifier_add_key(w.ptr, p, n), ""); err != nil {
				return err
			}
		}
		return nil
	}
}

// WithRawKeys adds more raw HMAC-SHA256 keys, used as given.
func WithRawKeys(keys ...[]byte) Option {
	return func(w *Webhook) error {
		for _, k := range keys {
			p, n := bytesArg(k)
			if err := statusError(C.swh_verifier_add_key_raw(w.ptr, (*C.uint8_t)(p), n), ""); err != nil {
				return err
			}
		}
		return nil
	}
}

// WithTolerance sets how far a webhook's timestamp may lie from the clock
// (default 5 minutes; whole seconds; a difference equal to it passes).
func WithTolerance(d time.Duration) Option {
	return func(w *Webhook) error {
		if d < 0 {
			return errors.New("stdwebhooks: the tolerance must not be negative")
		}
		return statusError(C.swh_verifier_set_tolerance(w.ptr, C.uint64_t(d/time.Second)), "")
	}
}

// WithClock makes Verify read the time from clock instead of the system clock
// (tests, replays). VerifyAt takes the time per call instead.
func WithClock(clock func() time.Time) Option {
	return func(w *Webhook) error {
		w.clock = clock
		return nil
	}
}

func newWebhook(create func(**C.swh_verifier) C.enum_swh_status, opts []Option) (*Webhook, error) {
	w := &Webhook{}
	if err := statusError(create(&w.ptr), ""); err != nil {
		return nil, err
	}
	runtime.SetFinalizer(w, (*Webhook).free)
	for _, opt := range opts {
		if err := opt(w); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// NewWebhook creates a Webhook from key text: whsec_<base64> or the bare base64
// (padding optional), whpk_<base64> (verify v1a) or whsk_<base64> (sign v1a).
// Surrounding whitespace is ignored. Errors match ErrEmptySecret or ErrInvalidSecret.
func NewWebhook(secret string, opts ...Option) (*Webhook, error) {
	return newWebhook(func(out **C.swh_verifier) C.enum_swh_status {
		p, n := stringArg(secret)
		return C.swh_verifier_new_len(p, n, out)
	}, opts)
}

// NewWebhookRaw creates a Webhook from a raw HMAC-SHA256 key, used as given.
func NewWebhookRaw(secret []byte, opts ...Option) (*Webhook, error) {
	return newWebhook(func(out **C.swh_verifier) C.enum_swh_status {
		p, n := bytesArg(secret)
		return C.swh_verifier_new_raw((*C.uint8_t)(p), n, out)
	}, opts)
}

func (w *Webhook) free() {
	C.swh_verifier_free(w.ptr)
	w.ptr = nil
}

// headerValue finds a header by name, also in maps built by hand with
// lower-case keys (which http.Header.Get would miss). The first value wins.
// A present but empty header is returned as such; the library decides what
// empty or blank means.
func headerValue(h http.Header, name, canonical string) (string, bool) {
	if v, ok := h[canonical]; ok {
		if len(v) == 0 {
			return "", true
		}
		return v[0], true
	}
	for k, v := range h {
		if asciiEqualFold(k, name) {
			if len(v) == 0 {
				return "", true
			}
			return v[0], true
		}
	}
	return "", false
}

// asciiEqualFold compares header names as HTTP does: ASCII letters only, so
// that no Unicode folding (e.g. the Kelvin sign) makes another name match.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// Verify checks a webhook's signature and timestamp. payload is the raw body,
// exactly as received; headers may be an http.Request's Header or any
// http.Header, with names in any case. Errors are *VerificationError values
// matching ErrRequiredHeaders, ErrInvalidHeaders, ErrMessageTooOld,
// ErrMessageTooNew or ErrNoMatchingSignature.
func (w *Webhook) Verify(payload []byte, headers http.Header) error {
	if w != nil && w.clock != nil {
		return w.verify(payload, headers, w.clock().Unix(), 0)
	}
	return w.verify(payload, headers, 0, C.SWH_VERIFY_SYSTEM_CLOCK)
}

// VerifyAt is Verify with the clock reading now.
func (w *Webhook) VerifyAt(payload []byte, headers http.Header, now time.Time) error {
	return w.verify(payload, headers, now.Unix(), 0)
}

// VerifyIgnoringTimestamp checks the signature only; the timestamp must still
// be valid but may be any distance from the clock.
//
// WARNING: as in the Standard Webhooks library, prefer Verify: without the time
// check a captured webhook can be replayed.
func (w *Webhook) VerifyIgnoringTimestamp(payload []byte, headers http.Header) error {
	return w.verify(payload, headers, 0, C.SWH_VERIFY_IGNORE_TIMESTAMP)
}

func (w *Webhook) verify(payload []byte, headers http.Header, now int64, flags C.uint32_t) error {
	if err := w.usable(); err != nil {
		return err
	}
	id, _ := headerValue(headers, HeaderWebhookID, "Webhook-Id")
	ts, _ := headerValue(headers, HeaderWebhookTimestamp, "Webhook-Timestamp")
	sig, _ := headerValue(headers, HeaderWebhookSignature, "Webhook-Signature")
	body, bodyLen := bytesArg(payload)
	idPtr, idLen := stringArg(id)
	tsPtr, tsLen := stringArg(ts)
	sigPtr, sigLen := stringArg(sig)
	var detail [160]C.char
	st := C.swh_verifier_verify_detailed(w.ptr, body, bodyLen, idPtr, idLen, tsPtr, tsLen, sigPtr, sigLen,
		C.int64_t(now), flags, &detail[0], C.size_t(len(detail)))
	// The finalizer must not free the verifier while C still uses it.
	runtime.KeepAlive(w)
	if st == C.SWH_OK {
		return nil
	}
	return statusError(st, C.GoString(&detail[0]))
}

// Sign returns the webhook-signature value for a message: "v1,<base64>" with
// an HMAC key, "v1a,<base64>" with a whsk_ key. It fails with ErrInvalidSecret
// when the Webhook holds only whpk_ public keys, and ErrInvalidHeaders for a
// timestamp before 1970.
func (w *Webhook) Sign(msgId string, timestamp time.Time, payload []byte) (string, error) {
	if err := w.usable(); err != nil {
		return "", err
	}
	var out [MaxSignatureLen + 1]C.char
	var n C.size_t
	idPtr, idLen := stringArg(msgId)
	body, bodyLen := bytesArg(payload)
	st := C.swh_verifier_sign(w.ptr, idPtr, idLen, C.int64_t(timestamp.Unix()), body, bodyLen,
		&out[0], C.size_t(len(out)), &n)
	runtime.KeepAlive(w)
	if err := statusError(st, ""); err != nil {
		return "", err
	}
	return C.GoStringN(&out[0], C.int(n)), nil
}

// EndpointVerificationResponse returns the value of the webhook-challenge-response
// header for a webhook-challenge. It returns "" when the Webhook holds no HMAC
// key (the Standard Webhooks library has no other kind, hence no error result).
func (w *Webhook) EndpointVerificationResponse(challenge string) string {
	if w.usable() != nil {
		return ""
	}
	var out [MaxSignatureLen + 1]C.char
	var n C.size_t
	p, l := stringArg(challenge)
	st := C.swh_verifier_challenge_response(w.ptr, p, l, &out[0], C.size_t(len(out)), &n)
	runtime.KeepAlive(w)
	if st != C.SWH_OK {
		return ""
	}
	return C.GoStringN(&out[0], C.int(n))
}

// VerifyEndpointVerificationResponse checks, in constant time, a
// webhook-challenge-response header against the challenge that was sent.
// A mismatch matches ErrNoMatchingSignature.
func (w *Webhook) VerifyEndpointVerificationResponse(challenge string, header string) error {
	if err := w.usable(); err != nil {
		return err
	}
	cp, cl := stringArg(challenge)
	hp, hl := stringArg(header)
	st := C.swh_verifier_verify_challenge_response(w.ptr, cp, cl, hp, hl)
	runtime.KeepAlive(w)
	return statusError(st, "")
}

// usable refuses a Webhook that NewWebhook or NewWebhookRaw did not make (its
// zero value, or nil): it holds no key, which is an empty secret, not a fault
// inside the library.
func (w *Webhook) usable() error {
	if w == nil || w.ptr == nil {
		return &VerificationError{
			Kind:   "empty_secret",
			Detail: "this Webhook holds no key: make it with NewWebhook or NewWebhookRaw",
			err:    ErrEmptySecret,
		}
	}
	return nil
}
