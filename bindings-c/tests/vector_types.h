/* Shapes of the fixtures gen_vectors.py writes from the contract's vector file. */
#ifndef SWH_VECTOR_TYPES_H
#define SWH_VECTOR_TYPES_H
#include <stddef.h>
#include <stdint.h>

typedef struct { const char *data; size_t len; } vec_bytes;
typedef struct { vec_bytes name; vec_bytes value; } vec_header;

typedef struct {
  const char *name;
  const vec_bytes *keys;
  size_t key_count;
  const vec_header *headers;
  size_t header_count;
  vec_bytes payload;
  int64_t now;
  int has_tolerance;
  uint64_t tolerance;
  const char *expect;
} vec_verify;

typedef struct {
  const char *name;
  vec_bytes key;
  vec_bytes msg_id;
  int64_t timestamp;
  vec_bytes payload;
  vec_bytes signature;
} vec_sign;

typedef struct {
  const char *name;
  vec_bytes input;
  const char *expect;
  const char *kind;
  vec_bytes key_bytes;
} vec_key;

typedef struct {
  const char *name;
  vec_bytes key;
  vec_bytes challenge;
  vec_bytes response;
} vec_endpoint;

#endif
