/* The README's minimal program: verify one webhook, print the outcome. */
#include <stdio.h>
#include <string.h>

#include <stdwebhooks.h>

int main(void) {
  const char *body = "{\"email\":\"test@example.com\",\"username\":\"test_user\"}";
  const char *id = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
  const char *ts = "1649367553";
  const char *sig = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";

  swh_verifier *v = NULL;
  swh_status st = swh_verifier_new("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", &v);
  if (st != SWH_OK) {
    fprintf(stderr, "bad secret: %s\n", swh_status_str(st));
    return 1;
  }
  /* A server passes 0 and uses swh_verifier_verify (system clock); this example
     replays a webhook from 2022, so it fixes the clock at its timestamp. */
  st = swh_verifier_verify_at(v, body, strlen(body), id, strlen(id), ts, strlen(ts), sig,
                              strlen(sig), 1649367553);
  printf("%s\n", swh_status_str(st)); /* "ok", or e.g. "no_matching_signature" */
  swh_verifier_free(v);
  return st == SWH_OK ? 0 : 1;
}
