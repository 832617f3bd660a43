package stdwebhooks

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	secret  = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
	msgID   = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk"
	tsText  = "1649367553"
	tsUnix  = int64(1649367553)
	body    = `{"email":"test@example.com","username":"test_user"}`
	goodSig = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="
	whsk    = "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg=="
	whpk    = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4="
)

var at = time.Unix(tsUnix, 0)

func headers(id, ts, sig string) http.Header {
	h := http.Header{}
	h.Set(HeaderWebhookID, id)
	h.Set(HeaderWebhookTimestamp, ts)
	h.Set(HeaderWebhookSignature, sig)
	return h
}

func mustWebhook(t testing.TB, s string, opts ...Option) *Webhook {
	t.Helper()
	wh, err := NewWebhook(s, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return wh
}

func TestErrorsIsMapping(t *testing.T) {
	wh := mustWebhook(t, secret)
	cases := []struct {
		name     string
		err      error
		sentinel error
		alias    error
		kind     string
	}{
		{"missing", wh.VerifyAt([]byte(body), http.Header{}, at), ErrRequiredHeaders, ErrMissingHeader, "missing_header"},
		{"bad timestamp", wh.VerifyAt([]byte(body), headers(msgID, "x", goodSig), at), ErrInvalidHeaders, ErrInvalidTimestamp, "invalid_timestamp"},
		{"too old", wh.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), at.Add(301*time.Second)), ErrMessageTooOld, ErrTimestampTooOld, "timestamp_too_old"},
		{"too new", wh.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), at.Add(-301*time.Second)), ErrMessageTooNew, ErrTimestampTooNew, "timestamp_too_new"},
		{"no match", wh.VerifyAt([]byte(body+" "), headers(msgID, tsText, goodSig), at), ErrNoMatchingSignature, ErrNoMatchingSignature, "no_matching_signature"},
	}
	_, emptyErr := NewWebhook("whsec_")
	_, emptyRaw := NewWebhookRaw(nil)
	_, invalidErr := NewWebhook("whsec_not*base64")
	cases = append(cases,
		struct {
			name     string
			err      error
			sentinel error
			alias    error
			kind     string
		}{"empty secret", emptyErr, ErrEmptySecret, ErrEmptySecret, "empty_secret"},
		struct {
			name     string
			err      error
			sentinel error
			alias    error
			kind     string
		}{"empty raw secret", emptyRaw, ErrEmptySecret, ErrEmptySecret, "empty_secret"},
		struct {
			name     string
			err      error
			sentinel error
			alias    error
			kind     string
		}{"invalid secret", invalidErr, ErrInvalidSecret, ErrInvalidSecret, "invalid_secret"},
	)
	all := []error{ErrRequiredHeaders, ErrInvalidHeaders, ErrMessageTooOld, ErrMessageTooNew,
		ErrNoMatchingSignature, ErrEmptySecret, ErrInvalidSecret, ErrInternal}
	for _, c := range cases {
		if !errors.Is(c.err, c.sentinel) || !errors.Is(c.err, c.alias) {
			t.Errorf("%s: %v is not %v", c.name, c.err, c.sentinel)
		}
		for _, other := range all {
			if other != c.sentinel && errors.Is(c.err, other) {
				t.Errorf("%s: %v also matches %v", c.name, c.err, other)
			}
		}
		var ve *VerificationError
		if !errors.As(c.err, &ve) || ve.Kind != c.kind {
			t.Errorf("%s: kind %v, want %s", c.name, c.err, c.kind)
		}
		if strings.Contains(c.err.Error(), "C2FVsBQIhrsc") {
			t.Errorf("%s: error text shows the key", c.name)
		}
	}
	var ve *VerificationError
	errors.As(cases[0].err, &ve)
	if !strings.Contains(ve.Detail, "webhook-id") {
		t.Errorf("missing header detail does not name the header: %q", ve.Detail)
	}
}

func TestVerifyShapes(t *testing.T) {
	wh := mustWebhook(t, secret)
	// Hand-built lower-case map: http.Header.Get would not find these keys.
	lower := http.Header{"webhook-id": {msgID}, "webhook-timestamp": {tsText}, "webhook-signature": {goodSig}}
	if err := wh.VerifyAt([]byte(body), lower, at); err != nil {
		t.Errorf("lower-case map: %v", err)
	}
	upper := http.Header{"WEBHOOK-ID": {msgID}, "WEBHOOK-TIMESTAMP": {tsText}, "WEBHOOK-SIGNATURE": {goodSig}}
	if err := wh.VerifyAt([]byte(body), upper, at); err != nil {
		t.Errorf("upper-case map: %v", err)
	}
	// A Kelvin sign is not a K: no Unicode case folding in header names.
	kelvin := http.Header{"webhoo\u212a-id": {msgID}, "webhook-timestamp": {tsText}, "webhook-signature": {goodSig}}
	if err := wh.VerifyAt([]byte(body), kelvin, at); !errors.Is(err, ErrRequiredHeaders) {
		t.Errorf("Kelvin sign matched webhook-id: %v", err)
	}
	// Header names that are not UTF-8 or hold NUL bytes are other headers, not an error.
	odd := http.Header{"webhook-id\xff": {msgID}, "webhook-id\x00": {msgID}, "webhook-timestamp": {tsText}, "webhook-signature": {goodSig}}
	if err := wh.VerifyAt([]byte(body), odd, at); !errors.Is(err, ErrRequiredHeaders) {
		t.Errorf("odd header names: %v", err)
	}
	odd["Webhook-Id"] = []string{msgID}
	if err := wh.VerifyAt([]byte(body), odd, at); err != nil {
		t.Errorf("odd header names beside the real one: %v", err)
	}
	// Present with no values, or an empty value: missing.
	noValues := headers(msgID, tsText, goodSig)
	noValues["Webhook-Signature"] = nil
	if err := wh.VerifyAt([]byte(body), noValues, at); !errors.Is(err, ErrRequiredHeaders) {
		t.Errorf("header without values: %v", err)
	}
	if err := wh.VerifyAt([]byte(body), nil, at); !errors.Is(err, ErrRequiredHeaders) {
		t.Errorf("nil header map: %v", err)
	}
	// The system clock: 2022 is long past.
	if err := wh.Verify([]byte(body), headers(msgID, tsText, goodSig)); !errors.Is(err, ErrMessageTooOld) {
		t.Errorf("system clock: %v", err)
	}
	if err := wh.VerifyIgnoringTimestamp([]byte(body), headers(msgID, tsText, goodSig)); err != nil {
		t.Errorf("ignoring timestamp: %v", err)
	}
	if err := wh.VerifyIgnoringTimestamp([]byte(body), headers(msgID, "soon", goodSig)); !errors.Is(err, ErrInvalidHeaders) {
		t.Errorf("ignoring timestamp, invalid one: %v", err)
	}
	// Signing now and verifying now with the system clock round-trips.
	now := time.Now()
	sig, err := wh.Sign("msg_now", now, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := wh.Verify([]byte(body), headers("msg_now", fmt.Sprint(now.Unix()), sig)); err != nil {
		t.Errorf("sign then verify now: %v", err)
	}
}

func TestEmptyPayloads(t *testing.T) {
	wh := mustWebhook(t, secret)
	first := ""
	for name, p := range map[string][]byte{"nil": nil, "empty": {}, "zero-cap slice of array": make([]byte, 8)[:0:0]} {
		sig, err := wh.Sign(msgID, at, p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if first == "" {
			first = sig
		} else if sig != first {
			t.Errorf("%s: empty payloads sign differently: %s, %s", name, sig, first)
		}
		for name2, q := range map[string][]byte{"nil": nil, "empty": {}} {
			if err := wh.VerifyAt(q, headers(msgID, tsText, sig), at); err != nil {
				t.Errorf("signed %s, verified %s: %v", name, name2, err)
			}
		}
		if err := wh.VerifyAt([]byte{0}, headers(msgID, tsText, sig), at); !errors.Is(err, ErrNoMatchingSignature) {
			t.Errorf("%s: one NUL byte verified as empty", name)
		}
	}
	if _, err := wh.Sign("", at, nil); err != nil {
		t.Errorf("empty id: %v", err)
	}
}

func TestOptionsAndKeys(t *testing.T) {
	old := "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
	oldWh := mustWebhook(t, old)
	oldSig, _ := oldWh.Sign(msgID, at, []byte(body))
	rotated := mustWebhook(t, secret, WithKeys(old))
	if err := rotated.VerifyAt([]byte(body), headers(msgID, tsText, oldSig), at); err != nil {
		t.Errorf("second key: %v", err)
	}
	if err := rotated.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), at); err != nil {
		t.Errorf("first key: %v", err)
	}
	if s, _ := rotated.Sign(msgID, at, []byte(body)); s != goodSig {
		t.Errorf("rotated signs with %s, not the first key", s)
	}
	if _, err := NewWebhook(secret, WithKeys("whsec_")); !errors.Is(err, ErrEmptySecret) {
		t.Errorf("bad extra key: %v", err)
	}
	raw := mustWebhook(t, secret, WithRawKeys([]byte{1, 2, 3, 4}))
	rawOnly, _ := NewWebhookRaw([]byte{1, 2, 3, 4})
	rawSig, _ := rawOnly.Sign(msgID, at, []byte(body))
	if err := raw.VerifyAt([]byte(body), headers(msgID, tsText, rawSig), at); err != nil {
		t.Errorf("raw extra key: %v", err)
	}
	// ed25519: whsk_ signs v1a, whpk_ verifies it and cannot sign.
	signer := mustWebhook(t, whsk)
	sig, err := signer.Sign(msgID, at, []byte(body))
	if err != nil || !strings.HasPrefix(sig, "v1a,") {
		t.Fatalf("whsk_ sign: %q %v", sig, err)
	}
	verifier := mustWebhook(t, whpk)
	if err := verifier.VerifyAt([]byte(body), headers(msgID, tsText, sig), at); err != nil {
		t.Errorf("whpk_ verify: %v", err)
	}
	if _, err := verifier.Sign(msgID, at, nil); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("whpk_ sign: %v", err)
	}
	if got := verifier.EndpointVerificationResponse("c"); got != "" {
		t.Errorf("challenge without HMAC key: %q", got)
	}
	both := mustWebhook(t, secret, WithKeys(whpk))
	if err := both.VerifyAt([]byte(body), headers(msgID, tsText, "v1,AAAA "+sig), at); err != nil {
		t.Errorf("HMAC beside ed25519: %v", err)
	}
	// Tolerance
	strict := mustWebhook(t, secret, WithTolerance(0))
	if err := strict.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), at); err != nil {
		t.Errorf("tolerance 0, same second: %v", err)
	}
	if err := strict.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), at.Add(time.Second)); !errors.Is(err, ErrMessageTooOld) {
		t.Errorf("tolerance 0, a second later: %v", err)
	}
	if _, err := NewWebhook(secret, WithTolerance(-time.Second)); err == nil {
		t.Error("negative tolerance accepted")
	}
	years := mustWebhook(t, secret, WithTolerance(100*365*24*time.Hour))
	if err := years.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), time.Unix(0, 0)); err != nil {
		t.Errorf("100 years, now 0: %v", err)
	}
	if _, err := mustWebhook(t, secret).Sign(msgID, time.Unix(-1, 0), nil); !errors.Is(err, ErrInvalidHeaders) {
		t.Errorf("sign before 1970: %v", err)
	}
}

func TestHostileInputs(t *testing.T) {
	wh := mustWebhook(t, secret)
	mib := 1 << 20
	// 1 MiB header values
	bigID := strings.Repeat("a", mib)
	sig, err := wh.Sign(bigID, at, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := wh.VerifyAt([]byte(body), headers(bigID, tsText, sig), at); err != nil {
		t.Errorf("1 MiB id: %v", err)
	}
	if err := wh.VerifyAt([]byte(body), headers(msgID, strings.Repeat("9", mib), goodSig), at); !errors.Is(err, ErrInvalidHeaders) {
		t.Errorf("1 MiB timestamp: %v", err)
	}
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText, strings.Repeat("v", mib)), at); !errors.Is(err, ErrNoMatchingSignature) {
		t.Errorf("1 MiB signature: %v", err)
	}
	// 100,000 signature entries
	many := strings.Repeat("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ", 100000)
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText, many), at); !errors.Is(err, ErrNoMatchingSignature) {
		t.Errorf("100,000 wrong entries: %v", err)
	}
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText, many+goodSig), at); err != nil {
		t.Errorf("right entry after 100,000 wrong: %v", err)
	}
	// NUL bytes and invalid UTF-8, in values and in the key
	odd := "msg\x00\xff\xfe"
	sig, _ = wh.Sign(odd, at, []byte{0, 0xff})
	if err := wh.VerifyAt([]byte{0, 0xff}, headers(odd, tsText, sig), at); err != nil {
		t.Errorf("NUL and invalid UTF-8 in id: %v", err)
	}
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText+"\x00", goodSig), at); !errors.Is(err, ErrInvalidHeaders) {
		t.Errorf("NUL in timestamp: %v", err)
	}
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText, goodSig[:10]+"\x00"+goodSig[11:]), at); !errors.Is(err, ErrNoMatchingSignature) {
		t.Errorf("NUL in signature: %v", err)
	}
	if _, err := NewWebhook("whsec_C2FVsBQI\x00hrscChlQIMV+b5sSYspob7oD"); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("NUL in key: %v", err)
	}
	if _, err := NewWebhook("whsec_\xff\xfe"); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("invalid UTF-8 key: %v", err)
	}
	// 64 MiB payload
	huge := bytes.Repeat([]byte("0123456789abcdef"), 4*mib)
	sig, _ = wh.Sign(msgID, at, huge)
	if err := wh.VerifyAt(huge, headers(msgID, tsText, sig), at); err != nil {
		t.Errorf("64 MiB: %v", err)
	}
	huge[len(huge)-1] ^= 1
	if err := wh.VerifyAt(huge, headers(msgID, tsText, sig), at); !errors.Is(err, ErrNoMatchingSignature) {
		t.Errorf("64 MiB, last bit flipped: %v", err)
	}
	// now at 0 and at the 64-bit limits
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), time.Unix(0, 0)); !errors.Is(err, ErrMessageTooNew) {
		t.Errorf("now 0: %v", err)
	}
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), time.Unix(math.MaxInt64, 0)); !errors.Is(err, ErrMessageTooOld) {
		t.Errorf("now MaxInt64: %v", err)
	}
	if err := wh.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), time.Unix(math.MinInt64, 0)); !errors.Is(err, ErrMessageTooNew) {
		t.Errorf("now MinInt64: %v", err)
	}
	// The largest Duration is about 292 years: now 0 is inside it, MaxInt64 far outside.
	lenient := mustWebhook(t, secret, WithTolerance(time.Duration(math.MaxInt64)))
	if err := lenient.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), time.Unix(0, 0)); err != nil {
		t.Errorf("tolerance of 292 years, now 0: %v", err)
	}
	if err := lenient.VerifyAt([]byte(body), headers(msgID, tsText, goodSig), time.Unix(math.MaxInt64, 0)); !errors.Is(err, ErrMessageTooOld) {
		t.Errorf("tolerance of 292 years, now MaxInt64: %v", err)
	}
	// secrets of 1 byte and 1 MiB
	one, err := NewWebhookRaw([]byte{1})
	if err != nil {
		t.Fatal(err)
	}
	oneText := mustWebhook(t, "whsec_AQ==")
	s1, _ := one.Sign(msgID, at, nil)
	s2, _ := oneText.Sign(msgID, at, nil)
	if s1 != s2 {
		t.Error("1-byte raw and text secrets differ")
	}
	bigKey, err := NewWebhookRaw(bytes.Repeat([]byte{0x5a}, mib))
	if err != nil {
		t.Fatal(err)
	}
	sig, _ = bigKey.Sign(msgID, at, []byte(body))
	if err := bigKey.VerifyAt([]byte(body), headers(msgID, tsText, sig), at); err != nil {
		t.Errorf("1 MiB secret: %v", err)
	}
	bigText := mustWebhook(t, "whsec_"+strings.Repeat("Wlpa", mib/3+1))
	if err := bigText.VerifyAt([]byte(body), headers(msgID, tsText, sig), at); !errors.Is(err, ErrNoMatchingSignature) {
		t.Errorf("1 MiB+ text secret must differ from the 1 MiB raw one: %v", err)
	}
}

func TestManyGoroutinesOneWebhook(t *testing.T) {
	wh := mustWebhook(t, secret, WithKeys(whpk))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				id := fmt.Sprintf("msg_%d_%d", g, i)
				payload := []byte(fmt.Sprintf(`{"g":%d,"i":%d}`, g, i))
				sig, err := wh.Sign(id, at, payload)
				if err != nil {
					errs <- err
					return
				}
				if err := wh.VerifyAt(payload, headers(id, tsText, sig), at); err != nil {
					errs <- fmt.Errorf("goroutine %d: %w", g, err)
					return
				}
				if err := wh.VerifyAt(payload[1:], headers(id, tsText, sig), at); !errors.Is(err, ErrNoMatchingSignature) {
					errs <- fmt.Errorf("goroutine %d tampered: %v", g, err)
					return
				}
				if err := wh.VerifyAt(payload, headers(id, tsText, sig), at.Add(time.Hour)); !errors.Is(err, ErrMessageTooOld) {
					errs <- fmt.Errorf("goroutine %d old: %v", g, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A net/http handler over loopback: 204 for a good webhook, 401 otherwise.
func TestHTTPHandler(t *testing.T) {
	wh := mustWebhook(t, secret)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		payload, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read", http.StatusBadRequest)
			return
		}
		if err := wh.VerifyAt(payload, r.Header, at); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/webhook"
	client := &http.Client{Timeout: 10 * time.Second}

	send := func(payload string, h http.Header) int {
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(payload))
		for k, v := range h {
			req.Header[k] = v
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := send(body, headers(msgID, tsText, goodSig)); got != http.StatusNoContent {
		t.Errorf("good webhook: %d", got)
	}
	if got := send(body+" ", headers(msgID, tsText, goodSig)); got != http.StatusUnauthorized {
		t.Errorf("tampered body: %d", got)
	}
	if got := send(body, http.Header{}); got != http.StatusUnauthorized {
		t.Errorf("no headers: %d", got)
	}
	// Raw request with lower-case header names on the wire.
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /webhook HTTP/1.1\r\nhost: x\r\nwebhook-id: %s\r\nwebhook-timestamp: %s\r\nwebhook-signature: %s\r\ncontent-length: %d\r\nconnection: close\r\n\r\n%s",
		msgID, tsText, goodSig, len(body), body)
	status, _ := bufio.NewReader(conn).ReadString('\n')
	if !strings.Contains(status, "204") {
		t.Errorf("lower-case wire headers: %q", status)
	}
}

func rssKiB(t *testing.T) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status on this OS")
	}
	for _, line := range strings.Split(string(data), "\n") {
		var kib int64
		if n, _ := fmt.Sscanf(line, "VmRSS: %d kB", &kib); n == 1 {
			return kib
		}
	}
	t.Fatal("VmRSS not found")
	return 0
}

// Many 1 MiB verifications, and many Webhooks created and collected: resident
// memory stays within a small bound, so neither side leaks per call or per handle.
func TestMemoryStaysBounded(t *testing.T) {
	wh := mustWebhook(t, secret)
	payload := bytes.Repeat([]byte{'p'}, 1<<20)
	sig, _ := wh.Sign(msgID, at, payload)
	h := headers(msgID, tsText, sig)
	round := func(n int) {
		for i := 0; i < n; i++ {
			if err := wh.VerifyAt(payload, h, at); err != nil {
				t.Fatal(err)
			}
			tmp := mustWebhook(t, secret)
			_ = tmp.EndpointVerificationResponse("c")
		}
		runtime.GC()
		runtime.GC()
	}
	round(100)
	before := rssKiB(t)
	round(1000)
	after := rssKiB(t)
	if after-before > 16*1024 {
		t.Errorf("resident memory grew from %d KiB to %d KiB over 1000 rounds", before, after)
	}
	t.Logf("RSS %d KiB -> %d KiB over 1000 rounds of a 1 MiB verify plus a Webhook created and collected", before, after)
}

func TestZeroValueAndNilWebhookHoldNoKey(t *testing.T) {
	var zero Webhook
	var nilWebhook *Webhook
	for name, w := range map[string]*Webhook{"zero value": &zero, "nil": nilWebhook} {
		h := headers(msgID, tsText, goodSig)
		for op, err := range map[string]error{
			"Verify":                             w.Verify([]byte(body), h),
			"VerifyAt":                           w.VerifyAt([]byte(body), h, at),
			"VerifyIgnoringTimestamp":            w.VerifyIgnoringTimestamp([]byte(body), h),
			"VerifyEndpointVerificationResponse": w.VerifyEndpointVerificationResponse("c", "v1,x"),
		} {
			var ve *VerificationError
			if !errors.Is(err, ErrEmptySecret) || errors.Is(err, ErrInternal) || !errors.As(err, &ve) || ve.Kind != "empty_secret" {
				t.Errorf("%s.%s: got %v, want an empty_secret VerificationError", name, op, err)
			}
		}
		if _, err := w.Sign(msgID, at, []byte(body)); !errors.Is(err, ErrEmptySecret) {
			t.Errorf("%s.Sign: got %v, want ErrEmptySecret", name, err)
		}
		if got := w.EndpointVerificationResponse("c"); got != "" {
			t.Errorf("%s.EndpointVerificationResponse: got %q, want \"\"", name, got)
		}
	}
}
