// Go: the stdwebhooks package (cgo over the C library) beside the Go reference
// library, in one `go test -bench` run. Benchmarks are named
// Verify/<size>/<headers>/<impl>, so with -count N ours and the reference
// alternate size by size, N times: a busy neighbour slows both alike.
//
// The fixtures come from $STDWEBHOOKS_BENCH_FIXTURES (written by the bench
// crate's `fixtures` binary).
package bench

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	reference "github.com/standard-webhooks/standard-webhooks/libraries/go"
	ours "github.com/stdwebhooks/stdwebhooks/bindings-c/go"
)

type fixtures struct {
	Secret         string      `json:"secret"`
	MsgID          string      `json:"msg_id"`
	Sizes          []int       `json:"sizes"`
	Labels         []string    `json:"labels"`
	GatewayHeaders [][2]string `json:"gateway_headers"`
	dir            string
}

func load(b *testing.B) fixtures {
	dir := os.Getenv("STDWEBHOOKS_BENCH_FIXTURES")
	if dir == "" {
		b.Fatal("STDWEBHOOKS_BENCH_FIXTURES is not set (run it through `make -C bench go`)")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "fixtures.json"))
	if err != nil {
		b.Fatal(err)
	}
	var fx fixtures
	if err := json.Unmarshal(raw, &fx); err != nil {
		b.Fatal(err)
	}
	fx.dir = dir
	return fx
}

// sign with the standard library: neutral ground for both implementations.
func sign(b *testing.B, secret, msgID string, ts int64, payload []byte) string {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		b.Fatal(err)
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.", msgID, ts)
	mac.Write(payload)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

type verifier interface {
	Verify(payload []byte, headers http.Header) error
}

func BenchmarkVerify(b *testing.B) {
	fx := load(b)
	oursHook, err := ours.NewWebhook(fx.Secret)
	if err != nil {
		b.Fatal(err)
	}
	refHook, err := reference.NewWebhook(fx.Secret)
	if err != nil {
		b.Fatal(err)
	}
	impls := []struct {
		name string
		v    verifier
	}{{"ours", oursHook}, {"reference", refHook}}

	for i, size := range fx.Sizes {
		payload, err := os.ReadFile(filepath.Join(fx.dir, fmt.Sprintf("payload-%d.json", size)))
		if err != nil {
			b.Fatal(err)
		}
		ts := time.Now().Unix()
		sig := sign(b, fx.Secret, fx.MsgID, ts, payload)
		three := http.Header{}
		three.Set("webhook-id", fx.MsgID)
		three.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
		three.Set("webhook-signature", sig)
		twenty := http.Header{}
		for _, kv := range fx.GatewayHeaders {
			twenty.Set(kv[0], kv[1])
		}
		for k, v := range three {
			twenty[k] = v
		}
		if len(twenty) != 20 {
			b.Fatalf("expected 20 headers, got %d", len(twenty))
		}
		forged := three.Clone()
		bad := []byte(sig)
		if bad[10] == 'A' {
			bad[10] = 'B'
		} else {
			bad[10] = 'A'
		}
		forged.Set("webhook-signature", string(bad))

		for _, h := range []struct {
			n       int
			headers http.Header
		}{{3, three}, {20, twenty}} {
			for _, impl := range impls {
				// Each must accept the webhook and refuse a flipped signature bit.
				if err := impl.v.Verify(payload, h.headers); err != nil {
					b.Fatalf("%s rejects a valid webhook: %v", impl.name, err)
				}
				if impl.v.Verify(payload, forged) == nil {
					b.Fatalf("%s accepts a forged signature", impl.name)
				}
				v, headers := impl.v, h.headers
				name := fmt.Sprintf("%s/%dheaders/%s", strings.ReplaceAll(fx.Labels[i], " ", ""), h.n, impl.name)
				b.Run(name, func(b *testing.B) {
					b.SetBytes(int64(len(payload)))
					b.ReportAllocs()
					for n := 0; n < b.N; n++ {
						if err := v.Verify(payload, headers); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}
