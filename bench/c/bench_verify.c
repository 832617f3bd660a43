/*
 * C: stdwebhooks' C API beside a minimal verifier on OpenSSL's EVP_MAC, which
 * is what a C service would write without us. Both read the clock, check the
 * tolerance, compute HMAC-SHA256 over `id.ts.payload` with the key prepared
 * once, and compare the signature header's `v1` entry in constant time.
 *
 * Rows are timed in alternating short batches (interleaved), so a busy
 * neighbour slows every row alike. Prints JSON lines:
 *   {"lang":"c","row":"ours","headers":3,"size":256,"median_ns":...}
 *
 * Usage: bench_verify <fixtures-dir> [max-rounds] [batch-us] [budget-ms]
 * Short batches (default 200 us) keep most of them free of a preemption by a
 * neighbour; each size gets about budget-ms (default 1500) of rounds, at least 21.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "stdwebhooks.h"

#define MAX_HEADERS 32

static void die(const char *what) {
    fprintf(stderr, "bench_verify: %s\n", what);
    exit(1);
}

static char *read_file(const char *dir, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_verify: cannot open %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) die("read failed");
    buf[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ---- The OpenSSL verifier a C programmer would write ---------------------- */

typedef struct {
    EVP_MAC_CTX *keyed; /* HMAC-SHA256 with the key set once */
    int64_t tolerance;
} ossl_verifier;

static int ossl_verifier_init(ossl_verifier *v, const char *secret) {
    const char *b64 = strncmp(secret, "whsec_", 6) == 0 ? secret + 6 : secret;
    unsigned char key[128];
    int n = EVP_DecodeBlock(key, (const unsigned char *)b64, (int)strlen(b64));
    if (n < 0) return 0;
    n -= (int)(strlen(b64) >= 2 && b64[strlen(b64) - 1] == '=') +
         (int)(strlen(b64) >= 2 && b64[strlen(b64) - 2] == '=');
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (!mac) return 0;
    v->keyed = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0),
        OSSL_PARAM_construct_end(),
    };
    v->tolerance = 300;
    return v->keyed && EVP_MAC_init(v->keyed, key, (size_t)n, params);
}

/* 0 when the webhook verifies. */
static int ossl_verify(const ossl_verifier *v, const unsigned char *payload, size_t payload_len,
                       const char *id, const char *ts, const char *sig) {
    char *end;
    long long t = strtoll(ts, &end, 10);
    if (*ts == 0 || *end != 0) return 1;
    long long diff = (long long)time(NULL) - t;
    if (diff > v->tolerance || -diff > v->tolerance) return 2;

    /* A copy of the keyed context: the key's inner and outer states are not hashed again. */
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_dup(v->keyed);
    if (!ctx) return 3;
    unsigned char tag[32];
    size_t tag_len = 0;
    int ok = EVP_MAC_update(ctx, (const unsigned char *)id, strlen(id)) &&
             EVP_MAC_update(ctx, (const unsigned char *)".", 1) &&
             EVP_MAC_update(ctx, (const unsigned char *)ts, strlen(ts)) &&
             EVP_MAC_update(ctx, (const unsigned char *)".", 1) &&
             EVP_MAC_update(ctx, payload, payload_len) &&
             EVP_MAC_final(ctx, tag, &tag_len, sizeof tag);
    EVP_MAC_CTX_free(ctx);
    if (!ok || tag_len != 32) return 3;

    /* Space-separated `v1,<base64>` entries; any match passes. */
    for (const char *p = sig; *p;) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 47 && strncmp(p, "v1,", 3) == 0) {
            unsigned char given[36];
            if (EVP_DecodeBlock(given, (const unsigned char *)p + 3, 44) == 33 &&
                CRYPTO_memcmp(given, tag, 32) == 0)
                return 0;
        }
        p += n + (e != NULL);
    }
    return 4;
}

/* ---- Timing ---------------------------------------------------------------- */

typedef struct {
    const char *row;
    int headers;
    int (*run)(void *);
    double iters;
    double *samples;
} row_t;

typedef struct {
    swh_verifier *ours;
    ossl_verifier *ossl;
    const unsigned char *payload;
    size_t payload_len;
    const char *id, *ts, *sig;
    swh_header headers[MAX_HEADERS];
    size_t header_count;
} ctx_t;

static ctx_t C;

static int run_ours(void *_) {
    (void)_;
    return swh_verifier_verify(C.ours, C.payload, C.payload_len, C.id, strlen(C.id), C.ts,
                               strlen(C.ts), C.sig, strlen(C.sig));
}
static int run_ours_headers(void *_) {
    (void)_;
    return swh_verifier_verify_headers(C.ours, C.payload, C.payload_len, C.headers,
                                       C.header_count);
}
static int run_openssl(void *_) {
    (void)_;
    return ossl_verify(C.ossl, C.payload, C.payload_len, C.id, C.ts, C.sig);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double batch(row_t *r, double iters) {
    double start = now_ns();
    for (double i = 0; i < iters; i++) {
        if (r->run(NULL) != 0) die("a verify failed inside the timed loop");
    }
    return (now_ns() - start) / iters;
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage: bench_verify <fixtures-dir> [rounds] [batch-us]");
    const char *dir = argv[1];
    int max_rounds = argc > 2 ? atoi(argv[2]) : 1001;
    double batch_ns = (argc > 3 ? atof(argv[3]) : 200.0) * 1e3;
    double budget_ns = (argc > 4 ? atof(argv[4]) : 1500.0) * 1e6;

    size_t n;
    char *secret = read_file(dir, "secret.txt", &n);
    char *id = read_file(dir, "msg_id.txt", &n);
    char *sizes = read_file(dir, "sizes.txt", &n);
    char *gateway = read_file(dir, "gateway_headers.txt", &n);

    if (swh_verifier_new(secret, &C.ours) != SWH_OK) die("swh_verifier_new");
    ossl_verifier ossl;
    if (!ossl_verifier_init(&ossl, secret)) die("OpenSSL HMAC init");
    C.ossl = &ossl;
    C.id = id;

    /* The gateway headers, then the three webhook headers (filled per size). */
    for (char *line = strtok(gateway, "\n"); line && C.header_count < MAX_HEADERS - 3;
         line = strtok(NULL, "\n")) {
        char *colon = strstr(line, ": ");
        if (!colon) die("bad gateway_headers.txt line");
        *colon = 0;
        C.headers[C.header_count++] =
            (swh_header){line, strlen(line), colon + 2, strlen(colon + 2)};
    }
    size_t gateway_count = C.header_count;

    row_t rows[] = {
        {"openssl_evp_mac", 3, run_openssl, 0, NULL},
        {"ours", 3, run_ours, 0, NULL},
        {"ours_headers", (int)gateway_count + 3, run_ours_headers, 0, NULL},
    };
    const int nrows = (int)(sizeof rows / sizeof rows[0]);

    char *save = NULL;
    for (char *s = strtok_r(sizes, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
        long size = atol(s);
        char name[64];
        snprintf(name, sizeof name, "payload-%ld.json", size);
        size_t len;
        unsigned char *payload = (unsigned char *)read_file(dir, name, &len);
        C.payload = payload;
        C.payload_len = len;

        char ts[24], sig[SWH_MAX_SIGNATURE_LEN + 1];
        int64_t t = (int64_t)time(NULL);
        snprintf(ts, sizeof ts, "%lld", (long long)t);
        if (swh_verifier_sign(C.ours, id, strlen(id), t, payload, len, sig, sizeof sig, NULL) !=
            SWH_OK)
            die("swh_verifier_sign");
        C.ts = ts;
        C.sig = sig;
        C.header_count = gateway_count;
        C.headers[C.header_count++] = (swh_header){"webhook-id", 10, id, strlen(id)};
        C.headers[C.header_count++] = (swh_header){"webhook-timestamp", 17, ts, strlen(ts)};
        C.headers[C.header_count++] = (swh_header){"webhook-signature", 17, sig, strlen(sig)};

        /* Both must accept the webhook and both must refuse a flipped signature bit. */
        for (int r = 0; r < nrows; r++)
            if (rows[r].run(NULL) != 0) die("a row rejects a valid webhook");
        char good = sig[10];
        sig[10] = good == 'A' ? 'B' : 'A';
        if (run_ours(NULL) != SWH_NO_MATCHING_SIGNATURE || run_openssl(NULL) == 0)
            die("a row accepts a forged signature");
        sig[10] = good;

        for (int r = 0; r < nrows; r++) {
            double iters = 1;
            for (;;) {
                double t0 = now_ns();
                batch(&rows[r], iters);
                double spent = now_ns() - t0;
                if (spent >= batch_ns / 4 || iters >= 1e9) {
                    rows[r].iters = iters * batch_ns / (spent > 1 ? spent : 1);
                    if (rows[r].iters < 1) rows[r].iters = 1;
                    break;
                }
                iters *= 4;
            }
        }
        double round_ns = 0;
        for (int r = 0; r < nrows; r++) round_ns += batch(&rows[r], rows[r].iters) * rows[r].iters;
        int rounds = (int)(budget_ns / round_ns);
        if (rounds > max_rounds) rounds = max_rounds;
        if (rounds < 21 && max_rounds >= 21) rounds = 21;
        if (rounds < 1) rounds = 1;
        for (int r = 0; r < nrows; r++) rows[r].samples = calloc((size_t)rounds, sizeof(double));
        for (int k = 0; k < rounds; k++)
            for (int r = 0; r < nrows; r++) rows[r].samples[k] = batch(&rows[r], rows[r].iters);
        for (int r = 0; r < nrows; r++) {
            qsort(rows[r].samples, (size_t)rounds, sizeof(double), cmp_double);
            printf("{\"lang\":\"c\",\"row\":\"%s\",\"headers\":%d,\"size\":%ld,\"median_ns\":%.1f}\n",
                   rows[r].row, rows[r].headers, size, rows[r].samples[rounds / 2]);
            free(rows[r].samples);
        }
        fflush(stdout);
        free(payload);
    }
    swh_verifier_free(C.ours);
    EVP_MAC_CTX_free(ossl.keyed);
    free(secret);
    free(id);
    free(sizes);
    free(gateway);
    return 0;
}
