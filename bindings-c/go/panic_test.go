//go:build swh_testpanic

package stdwebhooks

import (
	"errors"
	"testing"
)

// A panic inside the Rust library comes back as an error, and the process goes on.
func TestPanicBecomesInternalError(t *testing.T) {
	err := forcePanic()
	if !errors.Is(err, ErrInternal) {
		t.Fatalf("got %v, want ErrInternal", err)
	}
	var ve *VerificationError
	if !errors.As(err, &ve) || ve.Kind != "internal" {
		t.Fatalf("kind: %v", err)
	}
	wh := mustWebhook(t, secret)
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), at); err != nil {
		t.Fatalf("after a caught panic: %v", err)
	}
}
