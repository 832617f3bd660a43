package stdwebhooks_test

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	stdwebhooks "github.com/stdwebhooks/stdwebhooks/bindings-c/go"
)

func Example() {
	wh, err := stdwebhooks.NewWebhook("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")
	if err != nil {
		panic(err)
	}
	payload := []byte(`{"email":"test@example.com","username":"test_user"}`)
	sent := time.Unix(1649367553, 0)
	sig, _ := wh.Sign("msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", sent, payload)

	h := http.Header{}
	h.Set(stdwebhooks.HeaderWebhookID, "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk")
	h.Set(stdwebhooks.HeaderWebhookTimestamp, "1649367553")
	h.Set(stdwebhooks.HeaderWebhookSignature, sig)

	fmt.Println(sig)
	fmt.Println(wh.VerifyAt(payload, h, sent))
	err = wh.VerifyAt(payload, h, sent.Add(time.Hour))
	fmt.Println(errors.Is(err, stdwebhooks.ErrMessageTooOld))
	// Output:
	// v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=
	// <nil>
	// true
}
