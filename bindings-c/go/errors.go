package stdwebhooks

// #include "stdwebhooks.h"
import "C"

import "errors"

// Sentinel errors, named as in the Standard Webhooks Go library so that
// errors.Is checks keep working after switching the import path.
var (
	// ErrRequiredHeaders: webhook-id, webhook-timestamp or webhook-signature is absent or empty.
	ErrRequiredHeaders = errors.New("missing required headers")
	// ErrInvalidHeaders: webhook-timestamp is not a valid Unix timestamp.
	ErrInvalidHeaders = errors.New("invalid signature headers")
	// ErrNoMatchingSignature: no signature entry verifies under any key.
	ErrNoMatchingSignature = errors.New("no matching signature found")
	// ErrMessageTooOld: the timestamp is older than the tolerance allows.
	ErrMessageTooOld = errors.New("message timestamp too old")
	// ErrMessageTooNew: the timestamp is further in the future than the tolerance allows.
	ErrMessageTooNew = errors.New("message timestamp too new")
	// ErrEmptySecret: the secret is empty.
	ErrEmptySecret = errors.New("webhook secret may not be empty")
	// ErrInvalidSecret: the secret is not valid base64 of a usable key, or the
	// key cannot do what was asked (a whpk_ key cannot sign).
	ErrInvalidSecret = errors.New("invalid webhook secret")
	// ErrInternal: the library caught a panic (a bug; please report it).
	ErrInternal = errors.New("internal error in stdwebhooks")
)

// The same sentinels under the contract's names.
var (
	ErrMissingHeader    = ErrRequiredHeaders
	ErrInvalidTimestamp = ErrInvalidHeaders
	ErrTimestampTooOld  = ErrMessageTooOld
	ErrTimestampTooNew  = ErrMessageTooNew
)

// VerificationError is every error this package returns for a webhook or a key.
// Kind is the contract's name for it ("missing_header", "invalid_timestamp",
// "timestamp_too_old", "timestamp_too_new", "no_matching_signature",
// "empty_secret", "invalid_secret", or "internal"); errors.Is matches it
// against the sentinel of its kind. Detail explains it and never holds key material.
type VerificationError struct {
	Kind   string
	Detail string
	err    error
}

func (e *VerificationError) Error() string {
	if e.Detail != "" && e.Detail != e.Kind {
		return "stdwebhooks: " + e.err.Error() + ": " + e.Detail
	}
	return "stdwebhooks: " + e.err.Error()
}

// Unwrap returns the sentinel of the error's kind, for errors.Is.
func (e *VerificationError) Unwrap() error { return e.err }

func sentinel(st C.enum_swh_status) error {
	switch st {
	case C.SWH_MISSING_HEADER:
		return ErrRequiredHeaders
	case C.SWH_INVALID_TIMESTAMP:
		return ErrInvalidHeaders
	case C.SWH_TIMESTAMP_TOO_OLD:
		return ErrMessageTooOld
	case C.SWH_TIMESTAMP_TOO_NEW:
		return ErrMessageTooNew
	case C.SWH_NO_MATCHING_SIGNATURE:
		return ErrNoMatchingSignature
	case C.SWH_EMPTY_SECRET:
		return ErrEmptySecret
	case C.SWH_INVALID_SECRET:
		return ErrInvalidSecret
	default:
		// SWH_NULL_PARAMETER, SWH_BUFFER_TOO_SMALL and SWH_INVALID_UTF8 cannot come
		// from this package's calls; seeing one is a bug here, like a panic.
		return ErrInternal
	}
}

// statusError turns a C status into nil or a *VerificationError.
func statusError(st C.enum_swh_status, detail string) error {
	if st == C.SWH_OK {
		return nil
	}
	return &VerificationError{Kind: statusName(st), Detail: detail, err: sentinel(st)}
}
