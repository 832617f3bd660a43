/*
 * C tests of libstdwebhooks: every case of the contract's vector file (through
 * the fixture gen_vectors.py writes), NULL pointers, zero lengths, small buffers,
 * hostile inputs, threads sharing one verifier, and a forced panic.
 *
 * Built with -Wall -Wextra -Werror and run natively and under valgrind. Ends with
 * the line "N passed, N failed"; exits non-zero on any failure.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stdwebhooks.h"
#include "vectors.h"

#ifdef SWH_TEST_PANIC
/* Exported only by a library built with the cargo feature `test-panic`. */
extern swh_status swh_test_panic(void);
#endif

static unsigned passed, failed;
static int under_valgrind;

#define CHECK(cond, ...)                                         \
  do {                                                           \
    if (cond) {                                                  \
      passed++;                                                  \
    } else {                                                     \
      failed++;                                                  \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);       \
      fprintf(stderr, __VA_ARGS__);                              \
      fprintf(stderr, "\n");                                     \
    }                                                            \
  } while (0)

static const uint8_t *u8(const char *s) { return (const uint8_t *)s; }

#define CHECK_STATUS(got, want, ctx)                                             \
  CHECK((got) == (want), "%s: got %s, want %s", (ctx), swh_status_str((int)(got)), \
        swh_status_str((int)(want)))


/* The expected kind string of a vector case, as a status. */
static swh_status status_named(const char *name) {
  for (int s = 0; s <= SWH_INVALID_ARGUMENT; s++) {
    if (strcmp(swh_status_str(s), name) == 0) return (swh_status)s;
  }
  fprintf(stderr, "unknown expected outcome %s\n", name);
  abort();
}

static swh_verifier *must_new(const char *key) {
  swh_verifier *v = NULL;
  swh_status st = swh_verifier_new(key, &v);
  if (st != SWH_OK) {
    fprintf(stderr, "swh_verifier_new(%s): %s\n", key, swh_status_str(st));
    abort();
  }
  return v;
}

static int hex_equal(const uint8_t *got, size_t got_len, vec_bytes want) {
  return got_len == want.len && memcmp(got, want.data, got_len) == 0;
}

/* ---------------------------------------------------------------- vectors */

/* Test-side lookup for the explicit-values API: first header whose name matches. */
static const vec_bytes *find_header(const vec_verify *c, const char *name) {
  for (size_t i = 0; i < c->header_count; i++) {
    const vec_bytes *n = &c->headers[i].name;
    if (n->len == strlen(name) && strncasecmp(n->data, name, n->len) == 0) {
      return &c->headers[i].value;
    }
  }
  return NULL;
}

static void test_verify_vectors(void) {
  for (size_t i = 0; i < VERIFY_COUNT; i++) {
    const vec_verify *c = &VERIFY_CASES[i];
    swh_verifier *v = NULL;
    swh_status st = swh_verifier_new_len(c->keys[0].data, c->keys[0].len, &v);
    CHECK_STATUS(st, SWH_OK, c->name);
    if (st != SWH_OK) continue;
    for (size_t k = 1; k < c->key_count; k++) {
      CHECK_STATUS(swh_verifier_add_key(v, c->keys[k].data, c->keys[k].len), SWH_OK, c->name);
    }
    if (c->has_tolerance) CHECK_STATUS(swh_verifier_set_tolerance(v, c->tolerance), SWH_OK, c->name);
    swh_status want = status_named(c->expect);

    /* 1. raw header pairs */
    swh_header pairs[16];
    for (size_t h = 0; h < c->header_count && h < 16; h++) {
      pairs[h].name = c->headers[h].name.data;
      pairs[h].name_len = c->headers[h].name.len;
      pairs[h].value = c->headers[h].value.data;
      pairs[h].value_len = c->headers[h].value.len;
    }
    st = swh_verifier_verify_headers_at(v, c->payload.data, c->payload.len,
                                        c->header_count ? pairs : NULL, c->header_count, c->now);
    CHECK_STATUS(st, want, c->name);

    /* 2. explicit values, absent headers as (NULL, 0) */
    const vec_bytes *id = find_header(c, "webhook-id");
    const vec_bytes *ts = find_header(c, "webhook-timestamp");
    const vec_bytes *sig = find_header(c, "webhook-signature");
    char detail[256] = "untouched";
    st = swh_verifier_verify_detailed(
        v, c->payload.data, c->payload.len, id ? id->data : NULL, id ? id->len : 0,
        ts ? ts->data : NULL, ts ? ts->len : 0, sig ? sig->data : NULL, sig ? sig->len : 0,
        c->now, 0, detail, sizeof detail);
    CHECK_STATUS(st, want, c->name);
    if (want == SWH_OK) {
      CHECK(strcmp(detail, "untouched") == 0, "%s: detail written on success", c->name);
    } else {
      CHECK(strlen(detail) > 0 && strcmp(detail, "untouched") != 0, "%s: no detail", c->name);
    }
    st = swh_verifier_verify_at(v, c->payload.data, c->payload.len, id ? id->data : NULL,
                                id ? id->len : 0, ts ? ts->data : NULL, ts ? ts->len : 0,
                                sig ? sig->data : NULL, sig ? sig->len : 0, c->now);
    CHECK_STATUS(st, want, c->name);
    swh_verifier_free(v);
  }
}

static void test_sign_vectors(void) {
  for (size_t i = 0; i < SIGN_COUNT; i++) {
    const vec_sign *c = &SIGN_CASES[i];
    swh_verifier *v = NULL;
    swh_status st = swh_verifier_new_len(c->key.data, c->key.len, &v);
    CHECK_STATUS(st, SWH_OK, c->name);
    if (st != SWH_OK) continue;
    char out[SWH_MAX_SIGNATURE_LEN + 1];
    size_t out_len = 0;
    st = swh_verifier_sign(v, c->msg_id.data, c->msg_id.len, c->timestamp, c->payload.data,
                           c->payload.len, out, sizeof out, &out_len);
    CHECK_STATUS(st, SWH_OK, c->name);
    CHECK(out_len == c->signature.len && memcmp(out, c->signature.data, out_len) == 0 &&
              out[out_len] == '\0',
          "%s: signed %s", c->name, out);
    /* The signature verifies at its own timestamp. */
    char ts[32];
    int ts_len = snprintf(ts, sizeof ts, "%" PRId64, c->timestamp);
    st = swh_verifier_verify_at(v, c->payload.data, c->payload.len, c->msg_id.data,
                                c->msg_id.len, ts, (size_t)ts_len, out, out_len, c->timestamp);
    CHECK_STATUS(st, SWH_OK, c->name);
    swh_verifier_free(v);
  }
}

static const char *kind_name(swh_key_kind k) {
  switch (k) {
    case SWH_KEY_HMAC: return "hmac";
    case SWH_KEY_ED25519_PUBLIC: return "ed25519_public";
    case SWH_KEY_ED25519_SECRET: return "ed25519_secret";
  }
  return "?";
}

static void test_key_vectors(void) {
  for (size_t i = 0; i < KEY_COUNT; i++) {
    const vec_key *c = &KEY_CASES[i];
    swh_status want = status_named(c->expect);
    swh_verifier *v = NULL;
    CHECK_STATUS(swh_verifier_new_len(c->input.data, c->input.len, &v), want, c->name);
    CHECK((want == SWH_OK) == (v != NULL), "%s: out written on error or not on success", c->name);
    swh_verifier_free(v);
    if (memchr(c->input.data, 0, c->input.len) == NULL) {
      v = NULL;
      CHECK_STATUS(swh_verifier_new(c->input.data, &v), want, c->name);
      swh_verifier_free(v);
    }
    swh_key_kind kind = SWH_KEY_HMAC;
    uint8_t bytes[128];
    size_t len = 0;
    swh_status st = swh_key_decode(c->input.data, c->input.len, &kind, bytes, sizeof bytes, &len);
    CHECK_STATUS(st, want, c->name);
    if (want == SWH_OK && st == SWH_OK) {
      CHECK(strcmp(kind_name(kind), c->kind) == 0, "%s: kind %s, want %s", c->name, kind_name(kind),
            c->kind);
      CHECK(hex_equal(bytes, len, c->key_bytes), "%s: key bytes differ", c->name);
    }
  }
}

static void test_endpoint_vectors(void) {
  for (size_t i = 0; i < ENDPOINT_COUNT; i++) {
    const vec_endpoint *c = &ENDPOINT_CASES[i];
    swh_verifier *v = NULL;
    swh_status st = swh_verifier_new_len(c->key.data, c->key.len, &v);
    CHECK_STATUS(st, SWH_OK, c->name);
    if (st != SWH_OK) continue;
    char out[SWH_MAX_SIGNATURE_LEN + 1];
    size_t out_len = 0;
    st = swh_verifier_challenge_response(v, c->challenge.data, c->challenge.len, out, sizeof out,
                                         &out_len);
    CHECK_STATUS(st, SWH_OK, c->name);
    CHECK(out_len == c->response.len && memcmp(out, c->response.data, out_len) == 0,
          "%s: response %s", c->name, out);
    CHECK_STATUS(swh_verifier_verify_challenge_response(v, c->challenge.data, c->challenge.len,
                                                        c->response.data, c->response.len),
                 SWH_OK, c->name);
    /* A response for another challenge fails. */
    CHECK_STATUS(swh_verifier_verify_challenge_response(v, "other", 5, c->response.data,
                                                        c->response.len),
                 SWH_NO_MATCHING_SIGNATURE, c->name);
    swh_verifier_free(v);
  }
}

/* ------------------------------------------------------------ API basics */

#define SECRET "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
#define MSG_ID "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk"
#define TS "1649367553"
#define NOW INT64_C(1649367553)
#define BODY "{\"email\":\"test@example.com\",\"username\":\"test_user\"}"
#define SIG "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="

static swh_status verify_at(const swh_verifier *v, const void *body, size_t body_len, const void *id,
                            size_t id_len, const void *ts, size_t ts_len, const void *sig,
                            size_t sig_len, int64_t now) {
  return swh_verifier_verify_at(v, body, body_len, id, id_len, ts, ts_len, sig, sig_len, now);
}

static swh_status verify_known(const swh_verifier *v, int64_t now) {
  return verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, strlen(TS), SIG, strlen(SIG),
                   now);
}

static void test_status_and_version(void) {
  const char *kinds[] = {"missing_header", "invalid_timestamp", "timestamp_too_old",
                         "timestamp_too_new", "no_matching_signature", "empty_secret",
                         "invalid_secret"};
  for (int i = 0; i < 7; i++) {
    CHECK(strcmp(swh_status_str(i + 1), kinds[i]) == 0, "status %d is %s", i + 1,
          swh_status_str(i + 1));
  }
  CHECK(strcmp(swh_status_str(SWH_OK), "ok") == 0, "ok");
  CHECK(strcmp(swh_status_str(SWH_INTERNAL_ERROR), "internal") == 0, "internal");
  CHECK(strcmp(swh_status_str(SWH_INVALID_ARGUMENT), "invalid_argument") == 0, "invalid_argument");
  CHECK(strcmp(swh_status_str(999), "unknown_status") == 0, "unknown");
  CHECK(strcmp(swh_status_str(-1), "unknown_status") == 0, "negative");
  char want[64];
  snprintf(want, sizeof want, "%d.%d.%d", SWH_VERSION_MAJOR, SWH_VERSION_MINOR, SWH_VERSION_PATCH);
  CHECK(strncmp(swh_version(), want, strlen(want)) == 0, "library %s, header %s", swh_version(), want);
}

static void test_null_and_empty(void) {
  swh_verifier *v = NULL;
  char out[SWH_MAX_SIGNATURE_LEN + 1];
  size_t out_len = 0;
  CHECK_STATUS(swh_verifier_new(NULL, &v), SWH_NULL_PARAMETER, "new NULL key");
  CHECK_STATUS(swh_verifier_new(SECRET, NULL), SWH_NULL_PARAMETER, "new NULL out");
  CHECK_STATUS(swh_verifier_new_len(NULL, 5, &v), SWH_NULL_PARAMETER, "new_len NULL with length");
  CHECK_STATUS(swh_verifier_new_len(NULL, 0, &v), SWH_EMPTY_SECRET, "new_len (NULL, 0)");
  CHECK_STATUS(swh_verifier_new_len("", 0, &v), SWH_EMPTY_SECRET, "new_len empty");
  CHECK_STATUS(swh_verifier_new(" \n", &v), SWH_EMPTY_SECRET, "whitespace only");
  CHECK_STATUS(swh_verifier_new_raw(NULL, 0, &v), SWH_EMPTY_SECRET, "raw (NULL, 0)");
  CHECK_STATUS(swh_verifier_new_raw(NULL, 3, &v), SWH_NULL_PARAMETER, "raw NULL with length");
  CHECK_STATUS(swh_verifier_new_raw(u8("k"), 1, NULL), SWH_NULL_PARAMETER, "raw NULL out");
  CHECK(v == NULL, "out written on error");
  CHECK_STATUS(swh_verifier_add_key(NULL, SECRET, strlen(SECRET)), SWH_NULL_PARAMETER, "add NULL");
  CHECK_STATUS(swh_verifier_add_key_raw(NULL, u8("k"), 1), SWH_NULL_PARAMETER, "add raw NULL");
  CHECK_STATUS(swh_verifier_set_tolerance(NULL, 5), SWH_NULL_PARAMETER, "tolerance NULL");
  swh_verifier_free(NULL);
  CHECK_STATUS(verify_known(NULL, NOW), SWH_NULL_PARAMETER, "verify NULL verifier");
  CHECK_STATUS(swh_verifier_verify_headers_at(NULL, NULL, 0, NULL, 0, NOW), SWH_NULL_PARAMETER,
               "headers NULL verifier");
  CHECK_STATUS(swh_verifier_sign(NULL, "a", 1, 1, NULL, 0, out, sizeof out, &out_len),
               SWH_NULL_PARAMETER, "sign NULL verifier");
  CHECK_STATUS(swh_verifier_challenge_response(NULL, NULL, 0, out, sizeof out, NULL),
               SWH_NULL_PARAMETER, "challenge NULL verifier");
  CHECK_STATUS(swh_verifier_verify_challenge_response(NULL, NULL, 0, NULL, 0), SWH_NULL_PARAMETER,
               "check challenge NULL verifier");
  swh_key_kind kind;
  uint8_t kb[64];
  CHECK_STATUS(swh_key_decode(SECRET, strlen(SECRET), NULL, kb, sizeof kb, &out_len),
               SWH_NULL_PARAMETER, "decode NULL kind");
  CHECK_STATUS(swh_key_decode(SECRET, strlen(SECRET), &kind, NULL, 0, &out_len),
               SWH_NULL_PARAMETER, "decode NULL out");

  v = must_new(SECRET);
  CHECK_STATUS(verify_known(v, NOW), SWH_OK, "known good");
  /* NULL with a length, for each input */
  CHECK_STATUS(verify_at(v, NULL, 4, MSG_ID, strlen(MSG_ID), TS, 10, SIG, strlen(SIG), NOW),
               SWH_NULL_PARAMETER, "NULL payload with length");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), NULL, 3, TS, 10, SIG, strlen(SIG), NOW),
               SWH_NULL_PARAMETER, "NULL id with length");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), NULL, 10, SIG, strlen(SIG), NOW),
               SWH_NULL_PARAMETER, "NULL timestamp with length");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, NULL, 1, NOW),
               SWH_NULL_PARAMETER, "NULL signature with length");
  /* absent (NULL, 0) and empty headers */
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), NULL, 0, TS, 10, SIG, strlen(SIG), NOW),
               SWH_MISSING_HEADER, "absent id");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), "", 0, SIG, strlen(SIG), NOW),
               SWH_MISSING_HEADER, "empty timestamp");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, " \t ", 3, NOW),
               SWH_MISSING_HEADER, "blank signature");
  char detail[8];
  CHECK_STATUS(swh_verifier_verify_detailed(v, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NOW, 0, detail,
                                            sizeof detail),
               SWH_MISSING_HEADER, "nothing at all");
  CHECK(strlen(detail) == sizeof detail - 1, "detail cut to fit: %s", detail);
  char big_detail[128];
  CHECK_STATUS(swh_verifier_verify_detailed(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10,
                                            NULL, 0, NOW, 0, big_detail, sizeof big_detail),
               SWH_MISSING_HEADER, "no signature");
  CHECK(strstr(big_detail, "webhook-signature") != NULL, "detail names the header: %s", big_detail);
  CHECK_STATUS(swh_verifier_verify_detailed(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10,
                                            SIG, strlen(SIG), NOW, 0, NULL, 64),
               SWH_OK, "NULL detail is fine");
  CHECK_STATUS(swh_verifier_verify_headers_at(v, NULL, 0, NULL, 0, NOW), SWH_MISSING_HEADER,
               "no header pairs");
  /* Unknown flag bits are refused, even beside known ones: never silently ignored. */
  CHECK_STATUS(swh_verifier_verify_detailed(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10,
                                            SIG, strlen(SIG), 0, 0xFFFFFFFFu, big_detail,
                                            sizeof big_detail),
               SWH_INVALID_ARGUMENT, "all flag bits");
  CHECK(strstr(big_detail, "flag") != NULL, "detail names the flags: %s", big_detail);
  CHECK_STATUS(swh_verifier_verify_detailed(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10,
                                            SIG, strlen(SIG), NOW, 4, NULL, 0),
               SWH_INVALID_ARGUMENT, "one unknown flag bit");
  CHECK_STATUS(swh_verifier_verify_headers_at(v, NULL, 0, NULL, 2, NOW), SWH_NULL_PARAMETER,
               "NULL pairs with count");
  swh_header bad = {NULL, 4, "x", 1};
  CHECK_STATUS(swh_verifier_verify_headers_at(v, NULL, 0, &bad, 1, NOW), SWH_NULL_PARAMETER,
               "pair with NULL name and length");
  swh_header empties[3] = {{NULL, 0, NULL, 0}, {"webhook-id", 10, NULL, 0}, {NULL, 0, "v", 1}};
  CHECK_STATUS(swh_verifier_verify_headers_at(v, NULL, 0, empties, 3, NOW), SWH_MISSING_HEADER,
               "(NULL, 0) names and values");

  /* Empty payload: sign and verify with (NULL, 0) and with a non-NULL empty buffer. */
  CHECK_STATUS(swh_verifier_sign(v, "msg", 3, NOW, NULL, 0, out, sizeof out, &out_len), SWH_OK,
               "sign empty payload");
  CHECK_STATUS(verify_at(v, NULL, 0, "msg", 3, TS, 10, out, out_len, NOW), SWH_OK,
               "verify (NULL, 0) payload");
  CHECK_STATUS(verify_at(v, "", 0, "msg", 3, TS, 10, out, out_len, NOW), SWH_OK,
               "verify empty payload");
  CHECK_STATUS(swh_verifier_sign(v, NULL, 0, NOW, NULL, 0, out, sizeof out, NULL), SWH_OK,
               "sign with empty id, NULL out_len");
  CHECK_STATUS(swh_verifier_sign(v, "m", 1, NOW, NULL, 0, NULL, 100, &out_len),
               SWH_NULL_PARAMETER, "sign NULL out");
  CHECK_STATUS(swh_verifier_sign(v, "m", 1, -1, NULL, 0, out, sizeof out, &out_len),
               SWH_INVALID_TIMESTAMP, "sign negative timestamp");
  CHECK_STATUS(swh_verifier_challenge_response(v, NULL, 0, out, sizeof out, &out_len), SWH_OK,
               "empty challenge");
  CHECK_STATUS(swh_verifier_verify_challenge_response(v, NULL, 0, out, out_len), SWH_OK,
               "empty challenge verifies");
  CHECK_STATUS(swh_verifier_verify_challenge_response(v, NULL, 0, NULL, 0), SWH_NO_MATCHING_SIGNATURE,
               "empty response");
  /* Ignoring the timestamp: far in the past passes, a bad timestamp still fails. */
  CHECK_STATUS(swh_verifier_verify_ignoring_timestamp(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID),
                                                      TS, 10, SIG, strlen(SIG)),
               SWH_OK, "ignoring timestamp");
  CHECK_STATUS(swh_verifier_verify_ignoring_timestamp(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID),
                                                      "x", 1, SIG, strlen(SIG)),
               SWH_INVALID_TIMESTAMP, "ignoring timestamp, bad timestamp");
  /* With the system clock, 2022's webhook is too old. */
  CHECK_STATUS(swh_verifier_verify(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10,
                                   SIG, strlen(SIG)),
               SWH_TIMESTAMP_TOO_OLD, "system clock");
  swh_header hs[3] = {{"WEBHOOK-ID", 10, MSG_ID, strlen(MSG_ID)},
                      {"webhook-timestamp", 17, TS, 10},
                      {"Webhook-Signature", 17, SIG, strlen(SIG)}};
  CHECK_STATUS(swh_verifier_verify_headers(v, BODY, strlen(BODY), hs, 3), SWH_TIMESTAMP_TOO_OLD,
               "pairs, system clock");
  swh_verifier_free(v);
}

static void test_buffers(void) {
  swh_verifier *v = must_new(SECRET);
  char out[SWH_MAX_SIGNATURE_LEN + 1];
  size_t out_len = 12345;
  size_t sig_len = strlen(SIG);
  memset(out, 'X', sizeof out);
  /* Exactly the text length leaves no room for the NUL. */
  CHECK_STATUS(swh_verifier_sign(v, MSG_ID, strlen(MSG_ID), NOW, BODY, strlen(BODY), out,
                                 sig_len, &out_len),
               SWH_BUFFER_TOO_SMALL, "sign buffer one short");
  CHECK(out[0] == 'X' && out_len == 12345, "nothing written on BUFFER_TOO_SMALL");
  CHECK_STATUS(swh_verifier_sign(v, MSG_ID, strlen(MSG_ID), NOW, BODY, strlen(BODY), out, 0,
                                 &out_len),
               SWH_BUFFER_TOO_SMALL, "sign buffer zero");
  CHECK_STATUS(swh_verifier_sign(v, MSG_ID, strlen(MSG_ID), NOW, BODY, strlen(BODY), out,
                                 sig_len + 1, &out_len),
               SWH_OK, "sign exact buffer");
  CHECK(out_len == sig_len && strcmp(out, SIG) == 0, "exact buffer signature %s", out);
  CHECK_STATUS(swh_verifier_challenge_response(v, "c", 1, out, 10, &out_len),
               SWH_BUFFER_TOO_SMALL, "challenge buffer");
  swh_key_kind kind;
  uint8_t kb[64];
  CHECK_STATUS(swh_key_decode(SECRET, strlen(SECRET), &kind, kb, 23, &out_len),
               SWH_BUFFER_TOO_SMALL, "decode buffer");
  CHECK_STATUS(swh_key_decode(SECRET, strlen(SECRET), &kind, kb, 24, &out_len), SWH_OK,
               "decode exact buffer");
  /* An ed25519 signature is the longest text: it must fit SWH_MAX_SIGNATURE_LEN + 1. */
  swh_verifier *ed = must_new(
      "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==");
  CHECK_STATUS(swh_verifier_sign(ed, "m", 1, NOW, NULL, 0, out, sizeof out, &out_len), SWH_OK,
               "v1a fits");
  CHECK(out_len <= SWH_MAX_SIGNATURE_LEN && strncmp(out, "v1a,", 4) == 0, "v1a length %zu", out_len);
  CHECK_STATUS(swh_verifier_challenge_response(ed, "c", 1, out, sizeof out, &out_len),
               SWH_INVALID_SECRET, "challenge needs an HMAC key");
  swh_verifier_free(ed);
  swh_verifier *pk = must_new("whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=");
  CHECK_STATUS(swh_verifier_sign(pk, "m", 1, NOW, NULL, 0, out, sizeof out, &out_len),
               SWH_INVALID_SECRET, "public key cannot sign");
  swh_verifier_free(pk);
  swh_verifier_free(v);
}

/* --------------------------------------------------------- hostile input */

#define MIB (1024u * 1024u)

static void test_hostile(void) {
  swh_verifier *v = must_new(SECRET);
  char sig[SWH_MAX_SIGNATURE_LEN + 1];
  size_t sig_len = 0;

  /* 1 MiB header values */
  char *big = malloc(MIB);
  memset(big, 'a', MIB);
  CHECK_STATUS(swh_verifier_sign(v, big, MIB, NOW, BODY, strlen(BODY), sig, sizeof sig, &sig_len),
               SWH_OK, "sign 1 MiB id");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), big, MIB, TS, 10, sig, sig_len, NOW), SWH_OK,
               "1 MiB id verifies");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), big, MIB, SIG, strlen(SIG), NOW),
               SWH_INVALID_TIMESTAMP, "1 MiB timestamp of letters");
  memset(big, '7', MIB);
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), big, MIB, SIG, strlen(SIG), NOW),
               SWH_INVALID_TIMESTAMP, "1 MiB timestamp of digits");
  memset(big, ' ', MIB);
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, big, MIB, NOW),
               SWH_MISSING_HEADER, "1 MiB of spaces as signature");
  memset(big, 'v', MIB);
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, big, MIB, NOW),
               SWH_NO_MATCHING_SIGNATURE, "1 MiB garbage signature");

  /* 100,000 signature entries: all wrong, then the right one last. */
  const char *wrong = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ";
  size_t wl = strlen(wrong), n = 100000;
  char *many = malloc(wl * n + strlen(SIG) + 1);
  for (size_t i = 0; i < n; i++) memcpy(many + i * wl, wrong, wl);
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, many, wl * n, NOW),
               SWH_NO_MATCHING_SIGNATURE, "100,000 wrong v1 entries");
  memcpy(many + wl * n, SIG, strlen(SIG));
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, many,
                         wl * n + strlen(SIG), NOW),
               SWH_OK, "right entry after 100,000 wrong ones");
  const char *wrong_a =
      "v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== ";
  size_t al = strlen(wrong_a);
  char *many_a = malloc(al * n);
  for (size_t i = 0; i < n; i++) memcpy(many_a + i * al, wrong_a, al);
  swh_verifier *pk = must_new("whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=");
  CHECK_STATUS(verify_at(pk, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, many_a, al * n, NOW),
               SWH_NO_MATCHING_SIGNATURE, "100,000 wrong v1a entries (capped work)");
  swh_verifier_free(pk);
  free(many_a);
  free(many);

  /* NUL bytes and invalid UTF-8 inside values */
  const char id_nul[] = "msg\0with\0nuls\xff\xfe";
  size_t id_nul_len = sizeof id_nul - 1;
  CHECK_STATUS(swh_verifier_sign(v, id_nul, id_nul_len, NOW, "\0\xff", 2, sig, sizeof sig,
                                 &sig_len),
               SWH_OK, "sign id with NUL bytes");
  CHECK_STATUS(verify_at(v, "\0\xff", 2, id_nul, id_nul_len, TS, 10, sig, sig_len, NOW), SWH_OK,
               "id with NUL bytes verifies whole");
  CHECK_STATUS(verify_at(v, "\0\xff", 2, id_nul, 3, TS, 10, sig, sig_len, NOW), SWH_NO_MATCHING_SIGNATURE,
               "id cut at its first NUL does not verify");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), "1649367553\0", 11, SIG,
                         strlen(SIG), NOW),
               SWH_INVALID_TIMESTAMP, "NUL after the timestamp");
  char sig_nul[64];
  memcpy(sig_nul, SIG, strlen(SIG));
  sig_nul[10] = '\0';
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, sig_nul, strlen(SIG), NOW),
               SWH_NO_MATCHING_SIGNATURE, "NUL inside the signature");
  CHECK_STATUS(verify_at(v, BODY, strlen(BODY), MSG_ID, strlen(MSG_ID), TS, 10, "v1,\xff\xfe", 5, NOW),
               SWH_NO_MATCHING_SIGNATURE, "invalid UTF-8 signature");
  swh_verifier *tmp = NULL;
  const char key_nul[] = "whsec_C2FVsBQIhrsc\0ChlQIMV+b5sSYspob7oD";
  CHECK_STATUS(swh_verifier_new_len(key_nul, sizeof key_nul - 1, &tmp), SWH_INVALID_SECRET,
               "NUL inside key text");
  CHECK_STATUS(swh_verifier_new_len("whsec_\xff\xfe", 8, &tmp), SWH_INVALID_SECRET,
               "invalid UTF-8 key text");
  swh_header nul_name = {"webhook-id\0", 11, MSG_ID, strlen(MSG_ID)};
  CHECK_STATUS(swh_verifier_verify_headers_at(v, NULL, 0, &nul_name, 1, NOW), SWH_MISSING_HEADER,
               "header name with a trailing NUL is another header");

  /* 64 MiB payload */
  size_t huge_len = 64u * MIB;
  char *huge = malloc(huge_len);
  for (size_t i = 0; i < huge_len; i++) huge[i] = (char)(i * 31u);
  CHECK_STATUS(swh_verifier_sign(v, MSG_ID, strlen(MSG_ID), NOW, huge, huge_len, sig, sizeof sig,
                                 &sig_len),
               SWH_OK, "sign 64 MiB");
  CHECK_STATUS(verify_at(v, huge, huge_len, MSG_ID, strlen(MSG_ID), TS, 10, sig, sig_len, NOW), SWH_OK,
               "verify 64 MiB");
  huge[huge_len - 1] ^= 1;
  CHECK_STATUS(verify_at(v, huge, huge_len, MSG_ID, strlen(MSG_ID), TS, 10, sig, sig_len, NOW),
               SWH_NO_MATCHING_SIGNATURE, "64 MiB with its last bit flipped");
  free(huge);

  /* Tolerance 0 and of many years; now at 0 and at the 64-bit limits. */
  CHECK_STATUS(swh_verifier_set_tolerance(v, 0), SWH_OK, "tolerance 0");
  CHECK_STATUS(verify_known(v, NOW), SWH_OK, "tolerance 0, same second");
  CHECK_STATUS(verify_known(v, NOW + 1), SWH_TIMESTAMP_TOO_OLD, "tolerance 0, one second later");
  CHECK_STATUS(verify_known(v, NOW - 1), SWH_TIMESTAMP_TOO_NEW, "tolerance 0, one second earlier");
  CHECK_STATUS(swh_verifier_set_tolerance(v, UINT64_C(100) * 365 * 86400), SWH_OK, "tolerance 100 years");
  CHECK_STATUS(verify_known(v, 0), SWH_OK, "100 years, now 0");
  CHECK_STATUS(verify_known(v, INT64_MAX), SWH_TIMESTAMP_TOO_OLD, "100 years, now INT64_MAX");
  CHECK_STATUS(swh_verifier_set_tolerance(v, UINT64_MAX), SWH_OK, "tolerance UINT64_MAX");
  CHECK_STATUS(verify_known(v, INT64_MAX), SWH_OK, "UINT64_MAX, now INT64_MAX");
  CHECK_STATUS(verify_known(v, INT64_MIN), SWH_OK, "UINT64_MAX, now INT64_MIN");
  CHECK_STATUS(swh_verifier_set_tolerance(v, 300), SWH_OK, "tolerance back to 300");
  CHECK_STATUS(verify_known(v, 0), SWH_TIMESTAMP_TOO_NEW, "now 0");
  CHECK_STATUS(verify_known(v, INT64_MAX), SWH_TIMESTAMP_TOO_OLD, "now INT64_MAX");
  CHECK_STATUS(verify_known(v, INT64_MIN), SWH_TIMESTAMP_TOO_NEW, "now INT64_MIN");
  /* The largest timestamp signs and verifies at the largest now. */
  CHECK_STATUS(swh_verifier_sign(v, "m", 1, INT64_MAX, NULL, 0, sig, sizeof sig, &sig_len), SWH_OK,
               "sign at INT64_MAX");
  CHECK_STATUS(verify_at(v, NULL, 0, "m", 1, "9223372036854775807", 19, sig, sig_len, INT64_MAX), SWH_OK,
               "verify at INT64_MAX");
  CHECK_STATUS(verify_at(v, NULL, 0, "m", 1, "9223372036854775808", 19, sig, sig_len, INT64_MAX),
               SWH_INVALID_TIMESTAMP, "2^63 overflows");
  swh_verifier_free(v);

  /* Secrets of 1 byte and of 1 MiB, raw and as text. */
  swh_verifier *one = NULL;
  CHECK_STATUS(swh_verifier_new_raw(u8("\x01"), 1, &one), SWH_OK, "1-byte raw secret");
  CHECK_STATUS(swh_verifier_sign(one, "m", 1, NOW, BODY, strlen(BODY), sig, sizeof sig, &sig_len),
               SWH_OK, "sign with 1-byte secret");
  CHECK_STATUS(verify_at(one, BODY, strlen(BODY), "m", 1, TS, 10, sig, sig_len, NOW), SWH_OK,
               "verify with 1-byte secret");
  swh_verifier *one_text = must_new("whsec_AQ==");
  CHECK_STATUS(verify_at(one_text, BODY, strlen(BODY), "m", 1, TS, 10, sig, sig_len, NOW), SWH_OK,
               "whsec_AQ== is the same 1-byte key");
  swh_verifier_free(one_text);
  swh_verifier_free(one);
  memset(big, 0x5a, MIB);
  swh_verifier *mib = NULL;
  CHECK_STATUS(swh_verifier_new_raw(u8(big), MIB, &mib), SWH_OK, "1 MiB raw secret");
  CHECK_STATUS(swh_verifier_sign(mib, "m", 1, NOW, BODY, strlen(BODY), sig, sizeof sig, &sig_len),
               SWH_OK, "sign with 1 MiB secret");
  CHECK_STATUS(verify_at(mib, BODY, strlen(BODY), "m", 1, TS, 10, sig, sig_len, NOW), SWH_OK,
               "verify with 1 MiB secret");
  swh_verifier_free(mib);
  /* 1 MiB of base64 text ("WlpaWl..." decodes to 0x5a bytes): the same key. */
  size_t text_len = 6 + (MIB / 3 + 1) * 4;
  char *text = malloc(text_len + 1);
  memcpy(text, "whsec_", 6);
  for (size_t i = 6; i < text_len; i += 4) memcpy(text + i, "Wlpa", 4);
  text[text_len] = '\0';
  swh_verifier *mib_text = NULL;
  CHECK_STATUS(swh_verifier_new(text, &mib_text), SWH_OK, "1 MiB base64 secret");
  swh_verifier *mib_raw = NULL;
  CHECK_STATUS(swh_verifier_new_raw(u8(big), MIB, &mib_raw), SWH_OK, "1 MiB raw again");
  size_t decoded = (text_len - 6) / 4 * 3;
  char *dec = malloc(decoded);
  memset(dec, 0x5a, decoded);
  swh_verifier_free(mib_raw);
  mib_raw = NULL;
  CHECK_STATUS(swh_verifier_new_raw(u8(dec), decoded, &mib_raw), SWH_OK, "decoded length raw");
  char sig2[SWH_MAX_SIGNATURE_LEN + 1];
  size_t sig2_len = 0;
  CHECK_STATUS(swh_verifier_sign(mib_text, "m", 1, NOW, NULL, 0, sig, sizeof sig, &sig_len), SWH_OK,
               "sign 1 MiB text");
  CHECK_STATUS(swh_verifier_sign(mib_raw, "m", 1, NOW, NULL, 0, sig2, sizeof sig2, &sig2_len), SWH_OK,
               "sign 1 MiB raw");
  CHECK(sig_len == sig2_len && memcmp(sig, sig2, sig_len) == 0, "text and raw 1 MiB keys agree");
  text[text_len / 2] = ' ';
  swh_verifier *bad_text = NULL;
  CHECK_STATUS(swh_verifier_new(text, &bad_text), SWH_INVALID_SECRET, "space inside 1 MiB secret");
  swh_verifier_free(mib_text);
  swh_verifier_free(mib_raw);
  free(dec);
  free(text);
  free(big);
}

/* ------------------------------------------------------------- threads */

#define THREADS 8

typedef struct {
  swh_verifier *v;
  int iterations;
  int wrong;
} thread_arg;

static void *verify_thread(void *p) {
  thread_arg *a = p;
  char sig[SWH_MAX_SIGNATURE_LEN + 1];
  size_t sig_len;
  for (int i = 0; i < a->iterations; i++) {
    if (verify_known(a->v, NOW) != SWH_OK) a->wrong++;
    if (verify_at(a->v, BODY, strlen(BODY) - 1, MSG_ID, strlen(MSG_ID), TS, 10, SIG, strlen(SIG), NOW) !=
        SWH_NO_MATCHING_SIGNATURE)
      a->wrong++;
    if (verify_known(a->v, NOW + 301) != SWH_TIMESTAMP_TOO_OLD) a->wrong++;
    if (swh_verifier_sign(a->v, MSG_ID, strlen(MSG_ID), NOW, BODY, strlen(BODY), sig, sizeof sig,
                          &sig_len) != SWH_OK ||
        sig_len != strlen(SIG) || memcmp(sig, SIG, sig_len) != 0)
      a->wrong++;
  }
  return NULL;
}

static void *mutate_thread(void *p) {
  thread_arg *a = p;
  for (int i = 0; i < a->iterations; i++) {
    /* Same tolerance, and keys that never sign first: results above stay fixed. */
    if (swh_verifier_set_tolerance(a->v, 300) != SWH_OK) a->wrong++;
    if (i < 8 && swh_verifier_add_key(a->v, "whsec_AQIDBA==", 14) != SWH_OK) a->wrong++;
  }
  return NULL;
}

static void test_threads(void) {
  swh_verifier *v = must_new(SECRET);
  pthread_t t[THREADS + 1];
  thread_arg args[THREADS + 1];
  int iterations = under_valgrind ? 50 : 2000;
  for (int i = 0; i <= THREADS; i++) {
    args[i] = (thread_arg){v, iterations, 0};
    pthread_create(&t[i], NULL, i == THREADS ? mutate_thread : verify_thread, &args[i]);
  }
  int wrong = 0;
  for (int i = 0; i <= THREADS; i++) {
    pthread_join(t[i], NULL);
    wrong += args[i].wrong;
  }
  CHECK(wrong == 0, "%d wrong results across %d threads sharing one verifier", wrong, THREADS);
  swh_verifier_free(v);
}

/* --------------------------------------------------------------- memory */

static long rss_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kib = -1;
  while (fgets(line, sizeof line, f)) {
    if (sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
  }
  fclose(f);
  return kib;
}

static void test_memory(void) {
  swh_verifier *v = must_new(SECRET);
  char *body = malloc(MIB);
  memset(body, 'p', MIB);
  char sig[SWH_MAX_SIGNATURE_LEN + 1];
  size_t sig_len;
  swh_verifier_sign(v, MSG_ID, strlen(MSG_ID), NOW, body, MIB, sig, sizeof sig, &sig_len);
  int rounds = under_valgrind ? 20 : 500;
  long before = 0;
  int bad = 0;
  for (int i = 0; i < rounds; i++) {
    if (i == rounds / 5) before = rss_kib();
    if (verify_at(v, body, MIB, MSG_ID, strlen(MSG_ID), TS, 10, sig, sig_len, NOW) != SWH_OK) bad++;
    swh_verifier *tmp = must_new(SECRET);
    swh_verifier_free(tmp);
  }
  long after = rss_kib();
  CHECK(bad == 0, "%d of %d 1 MiB verifications failed", bad, rounds);
  if (!under_valgrind) {
    /* Valgrind's own bookkeeping makes RSS meaningless there; its leak check covers that run. */
    CHECK(before > 0 && after - before < 4096, "RSS grew from %ld KiB to %ld KiB over %d rounds", before,
          after, rounds);
  }
  free(body);
  swh_verifier_free(v);
}

/* ---------------------------------------------------------------- panic */

static void test_panic(void) {
#ifdef SWH_TEST_PANIC
  CHECK_STATUS(swh_test_panic(), SWH_INTERNAL_ERROR, "a panic inside the library");
  /* And the library still works after it. */
  swh_verifier *v = must_new(SECRET);
  CHECK_STATUS(verify_known(v, NOW), SWH_OK, "verify after a caught panic");
  swh_verifier_free(v);
#else
  fprintf(stderr, "FAIL: built without SWH_TEST_PANIC; the panic boundary was not tested\n");
  failed++;
#endif
}

int main(void) {
  under_valgrind = getenv("SWH_UNDER_VALGRIND") != NULL;
  fprintf(stderr, "vectors: %s (%u verify, %u sign, %u keys, %u endpoint_verification)\n", VECTORS_PATH,
          VERIFY_COUNT, SIGN_COUNT, KEY_COUNT, ENDPOINT_COUNT);
  test_status_and_version();
  test_verify_vectors();
  test_sign_vectors();
  test_key_vectors();
  test_endpoint_vectors();
  test_null_and_empty();
  test_buffers();
  test_hostile();
  test_threads();
  test_memory();
  test_panic();
  printf("%u passed, %u failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
