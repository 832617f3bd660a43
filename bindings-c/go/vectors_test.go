package stdwebhooks

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The contract's vector file: every case of every list runs here.
type vectorFile struct {
	Verify []struct {
		Name       string            `json:"name"`
		Keys       []string          `json:"keys"`
		Headers    map[string]string `json:"headers"`
		Payload    *string           `json:"payload"`
		PayloadB64 *string           `json:"payload_b64"`
		Now        int64             `json:"now"`
		Tolerance  *int64            `json:"tolerance"`
		Expect     string            `json:"expect"`
	} `json:"verify"`
	Sign []struct {
		Name       string  `json:"name"`
		Key        string  `json:"key"`
		MsgID      string  `json:"msg_id"`
		Timestamp  int64   `json:"timestamp"`
		Payload    *string `json:"payload"`
		PayloadB64 *string `json:"payload_b64"`
		Signature  string  `json:"signature"`
	} `json:"sign"`
	Keys []struct {
		Name   string `json:"name"`
		Input  string `json:"input"`
		Expect string `json:"expect"`
	} `json:"keys"`
	EndpointVerification []struct {
		Name      string `json:"name"`
		Key       string `json:"key"`
		Challenge string `json:"challenge"`
		Response  string `json:"response"`
	} `json:"endpoint_verification"`
}

func loadVectors(t *testing.T) *vectorFile {
	t.Helper()
	path := os.Getenv("STDWEBHOOKS_VECTORS")
	if path == "" {
		path = filepath.Join("..", "..", "tests", "vectors", "standard-webhooks.json")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("vector file missing: %v (set STDWEBHOOKS_VECTORS)", err)
	}
	var v vectorFile
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("vector file %s: %v", path, err)
	}
	if len(v.Verify) == 0 || len(v.Sign) == 0 || len(v.Keys) == 0 || len(v.EndpointVerification) == 0 {
		t.Fatalf("vector file %s lacks a list", path)
	}
	return &v
}

func payloadOf(t *testing.T, text, b64 *string) []byte {
	t.Helper()
	if text != nil {
		return []byte(*text)
	}
	if b64 == nil {
		t.Fatal("case has neither payload nor payload_b64")
	}
	b, err := base64.StdEncoding.DecodeString(*b64)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// kindOf is the contract kind of an error from this package, or "ok".
func kindOf(err error) string {
	if err == nil {
		return "ok"
	}
	var ve *VerificationError
	if errors.As(err, &ve) {
		return ve.Kind
	}
	return "not a *VerificationError: " + err.Error()
}

func TestVectorsVerify(t *testing.T) {
	for _, c := range loadVectors(t).Verify {
		c := c
		t.Run(c.Name, func(t *testing.T) {
			var opts []Option
			if len(c.Keys) > 1 {
				opts = append(opts, WithKeys(c.Keys[1:]...))
			}
			if c.Tolerance != nil {
				opts = append(opts, WithTolerance(time.Duration(*c.Tolerance)*time.Second))
			}
			wh, err := NewWebhook(c.Keys[0], opts...)
			if err != nil {
				t.Fatal(err)
			}
			payload := payloadOf(t, c.Payload, c.PayloadB64)
			// Headers exactly as the vector names them, as a hand-built map...
			raw := http.Header{}
			// ...and as net/http would canonicalise them.
			canonical := http.Header{}
			for k, v := range c.Headers {
				raw[k] = []string{v}
				canonical.Add(k, v)
			}
			now := time.Unix(c.Now, 0)
			for name, h := range map[string]http.Header{"as given": raw, "canonical": canonical} {
				if got := kindOf(wh.VerifyAt(payload, h, now)); got != c.Expect {
					t.Errorf("VerifyAt (%s headers): got %s, want %s", name, got, c.Expect)
				}
			}
			clocked, err := NewWebhook(c.Keys[0], append(opts, WithClock(func() time.Time { return now }))...)
			if err != nil {
				t.Fatal(err)
			}
			if got := kindOf(clocked.Verify(payload, raw)); got != c.Expect {
				t.Errorf("Verify with WithClock: got %s, want %s", got, c.Expect)
			}
		})
	}
}

func TestVectorsSign(t *testing.T) {
	for _, c := range loadVectors(t).Sign {
		c := c
		t.Run(c.Name, func(t *testing.T) {
			wh, err := NewWebhook(c.Key)
			if err != nil {
				t.Fatal(err)
			}
			payload := payloadOf(t, c.Payload, c.PayloadB64)
			sig, err := wh.Sign(c.MsgID, time.Unix(c.Timestamp, 0), payload)
			if err != nil {
				t.Fatal(err)
			}
			if sig != c.Signature {
				t.Errorf("got %s, want %s", sig, c.Signature)
			}
		})
	}
}

func TestVectorsKeys(t *testing.T) {
	for _, c := range loadVectors(t).Keys {
		c := c
		t.Run(c.Name, func(t *testing.T) {
			_, err := NewWebhook(c.Input)
			if got := kindOf(err); got != c.Expect {
				t.Errorf("got %s, want %s", got, c.Expect)
			}
		})
	}
}

// The key table's bytes: a key parsed from text signs like the raw bytes.
func TestVectorsKeyBytes(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("..", "..", "tests", "vectors", "standard-webhooks.json"))
	if env := os.Getenv("STDWEBHOOKS_VECTORS"); env != "" {
		data, _ = os.ReadFile(env)
	}
	var doc struct {
		Keys []struct {
			Name, Input, Expect, Kind string
			KeyHex                    string `json:"key_hex"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range doc.Keys {
		if c.Expect != "ok" || c.Kind != "hmac" {
			continue // ed25519 bytes are checked by the C tests through swh_key_decode
		}
		raw, _ := hex.DecodeString(c.KeyHex)
		a, err := NewWebhook(c.Input)
		if err != nil {
			t.Fatal(c.Name, err)
		}
		b, err := NewWebhookRaw(raw)
		if err != nil {
			t.Fatal(c.Name, err)
		}
		sa, _ := a.Sign("m", time.Unix(1, 0), []byte("p"))
		sb, _ := b.Sign("m", time.Unix(1, 0), []byte("p"))
		if sa != sb {
			t.Errorf("%s: text key and its bytes sign differently", c.Name)
		}
	}
}

func TestVectorsEndpointVerification(t *testing.T) {
	for _, c := range loadVectors(t).EndpointVerification {
		c := c
		t.Run(c.Name, func(t *testing.T) {
			wh, err := NewWebhook(c.Key)
			if err != nil {
				t.Fatal(err)
			}
			if got := wh.EndpointVerificationResponse(c.Challenge); got != c.Response {
				t.Errorf("got %s, want %s", got, c.Response)
			}
			if err := wh.VerifyEndpointVerificationResponse(c.Challenge, c.Response); err != nil {
				t.Error(err)
			}
			if err := wh.VerifyEndpointVerificationResponse(c.Challenge+"x", c.Response); !errors.Is(err, ErrNoMatchingSignature) {
				t.Errorf("other challenge: %v", err)
			}
		})
	}
}
