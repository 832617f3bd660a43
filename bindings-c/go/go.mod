module github.com/stdwebhooks/stdwebhooks/bindings-c/go

go 1.21
