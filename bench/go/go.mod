module github.com/stdwebhooks/stdwebhooks/bench/go

go 1.21.0

require (
	github.com/standard-webhooks/standard-webhooks/libraries v1.3.0
	github.com/stdwebhooks/stdwebhooks/bindings-c/go v0.0.0
)

// `make -C bench go` points this at a copy linked with a release build of the C library.
replace github.com/stdwebhooks/stdwebhooks/bindings-c/go => ../../bindings-c/go
