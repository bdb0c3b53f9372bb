/*
 * Kyso test PKCS#11 shim: a module that forwards to a real PKCS#11 library (SoftHSM2) and adds
 * what SoftHSM2 cannot simulate (PKCS11.md): a persisted PIN retry counter giving
 * COUNT_LOW -> FINAL_TRY -> LOCKED and CKR_PIN_LOCKED, unlock by the SO's C_InitPIN, a
 * to-be-changed flag cleared by C_SetPIN, and removal/re-insertion that closes open sessions.
 *
 * Driven by plain files in STATE_DIR (compiled in with -DSTATE_DIR="..."):
 *   max_tries      number of wrong PINs that lock the token (default 3)
 *   failures       wrong PINs since the last success (written by the shim)
 *   to_be_changed  exists: CKF_USER_PIN_TO_BE_CHANGED until a successful C_SetPIN
 *   removed        exists: the token is "pulled out"
 * The real library is -DUNDERLYING="...", loaded with RTLD_DEEPBIND so its own symbols never
 * bind to this shim's exports.
 *
 * Built by vn.kyso.testkit.Pkcs11Shim with gcc at test time. Test code only.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <p11-kit/pkcs11.h>

#ifndef STATE_DIR
#error "STATE_DIR must be defined"
#endif
#ifndef UNDERLYING
#error "UNDERLYING must be defined"
#endif

#define PIN_FLAGS (CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED | CKF_USER_PIN_TO_BE_CHANGED)

static CK_FUNCTION_LIST_PTR real = NULL;
static CK_FUNCTION_LIST shim;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int was_removed = 0;

static void path_of(char *buf, size_t n, const char *name) {
  snprintf(buf, n, "%s/%s", STATE_DIR, name);
}

static int exists(const char *name) {
  char p[4096];
  path_of(p, sizeof p, name);
  return access(p, F_OK) == 0;
}

static long read_long(const char *name, long dflt) {
  char p[4096];
  path_of(p, sizeof p, name);
  FILE *f = fopen(p, "r");
  if (!f) return dflt;
  long v = dflt;
  if (fscanf(f, "%ld", &v) != 1) v = dflt;
  fclose(f);
  return v;
}

static void write_long(const char *name, long v) {
  char p[4096], tmp[4200];
  path_of(p, sizeof p, name);
  snprintf(tmp, sizeof tmp, "%s.tmp", p);
  FILE *f = fopen(tmp, "w");
  if (!f) return;
  fprintf(f, "%ld\n", v);
  fclose(f);
  rename(tmp, p);
}

static void remove_file(const char *name) {
  char p[4096];
  path_of(p, sizeof p, name);
  unlink(p);
}

static long failures(void) { return read_long("failures", 0); }
static long max_tries(void) { return read_long("max_tries", 3); }
static int locked(void) { return failures() >= max_tries(); }

/* On the first call that sees the token pulled, close every session as a real token does. */
static int removed(void) {
  int r = exists("removed");
  pthread_mutex_lock(&lock);
  if (r && !was_removed) {
    CK_ULONG n = 0;
    if (real->C_GetSlotList(CK_FALSE, NULL, &n) == CKR_OK && n > 0) {
      CK_SLOT_ID *ids = calloc(n, sizeof(CK_SLOT_ID));
      if (ids && real->C_GetSlotList(CK_FALSE, ids, &n) == CKR_OK) {
        for (CK_ULONG i = 0; i < n; i++) real->C_CloseAllSessions(ids[i]);
      }
      free(ids);
    }
  }
  was_removed = r;
  pthread_mutex_unlock(&lock);
  return r;
}

static CK_RV s_GetSlotList(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
  if (present && removed()) {
    *count = 0;
    return CKR_OK;
  }
  return real->C_GetSlotList(present, list, count);
}

static CK_RV s_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
  CK_RV rv = real->C_GetSlotInfo(slot, info);
  if (rv == CKR_OK) {
    info->flags |= CKF_REMOVABLE_DEVICE;
    if (removed()) info->flags &= ~CKF_TOKEN_PRESENT;
  }
  return rv;
}

static CK_RV s_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  if (removed()) return CKR_TOKEN_NOT_PRESENT;
  CK_RV rv = real->C_GetTokenInfo(slot, info);
  if (rv != CKR_OK) return rv;
  long f = failures(), max = max_tries();
  info->flags &= ~PIN_FLAGS;
  if (f > 0 && f < max) info->flags |= CKF_USER_PIN_COUNT_LOW;
  if (f == max - 1) info->flags |= CKF_USER_PIN_FINAL_TRY;
  if (f >= max) info->flags |= CKF_USER_PIN_LOCKED;
  if (exists("to_be_changed")) info->flags |= CKF_USER_PIN_TO_BE_CHANGED;
  return CKR_OK;
}

static CK_RV s_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify, CK_SESSION_HANDLE_PTR h) {
  if (removed()) return CKR_TOKEN_NOT_PRESENT;
  return real->C_OpenSession(slot, flags, app, notify, h);
}

static CK_RV s_Login(CK_SESSION_HANDLE h, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
  if (removed()) return CKR_DEVICE_REMOVED;
  if (user == CKU_USER && locked()) return CKR_PIN_LOCKED;
  CK_RV rv = real->C_Login(h, user, pin, len);
  if (user == CKU_USER || user == CKU_CONTEXT_SPECIFIC) {
    if (rv == CKR_PIN_INCORRECT) write_long("failures", failures() + 1);
    else if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) write_long("failures", 0);
  }
  return rv;
}

static CK_RV s_InitPIN(CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
  if (removed()) return CKR_DEVICE_REMOVED;
  CK_RV rv = real->C_InitPIN(h, pin, len);
  if (rv == CKR_OK) write_long("failures", 0);
  return rv;
}

static CK_RV s_SetPIN(CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR o, CK_ULONG ol, CK_UTF8CHAR_PTR n, CK_ULONG nl) {
  if (removed()) return CKR_DEVICE_REMOVED;
  if (locked()) return CKR_PIN_LOCKED;
  CK_RV rv = real->C_SetPIN(h, o, ol, n, nl);
  if (rv == CKR_PIN_INCORRECT) write_long("failures", failures() + 1);
  if (rv == CKR_OK) {
    write_long("failures", 0);
    remove_file("to_be_changed");
  }
  return rv;
}

static CK_RV s_SignInit(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k) {
  if (removed()) return CKR_DEVICE_REMOVED;
  return real->C_SignInit(h, m, k);
}

static CK_RV s_Sign(CK_SESSION_HANDLE h, CK_BYTE_PTR d, CK_ULONG dl, CK_BYTE_PTR s, CK_ULONG_PTR sl) {
  if (removed()) return CKR_DEVICE_REMOVED;
  return real->C_Sign(h, d, dl, s, sl);
}

static CK_RV s_FindObjectsInit(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  if (removed()) return CKR_DEVICE_REMOVED;
  return real->C_FindObjectsInit(h, t, n);
}

static CK_RV s_GetAttributeValue(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  if (removed()) return CKR_DEVICE_REMOVED;
  return real->C_GetAttributeValue(h, o, t, n);
}

static int load(void) {
  if (real) return 1;
  void *lib = dlopen(UNDERLYING, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
  if (!lib) return 0;
  CK_RV (*get)(CK_FUNCTION_LIST_PTR_PTR) = (CK_RV (*)(CK_FUNCTION_LIST_PTR_PTR)) dlsym(lib, "C_GetFunctionList");
  if (!get || get(&real) != CKR_OK) return 0;
  memcpy(&shim, real, sizeof shim);
  shim.C_GetSlotList = s_GetSlotList;
  shim.C_GetSlotInfo = s_GetSlotInfo;
  shim.C_GetTokenInfo = s_GetTokenInfo;
  shim.C_OpenSession = s_OpenSession;
  shim.C_Login = s_Login;
  shim.C_InitPIN = s_InitPIN;
  shim.C_SetPIN = s_SetPIN;
  shim.C_SignInit = s_SignInit;
  shim.C_Sign = s_Sign;
  shim.C_FindObjectsInit = s_FindObjectsInit;
  shim.C_GetAttributeValue = s_GetAttributeValue;
  return 1;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
  if (!list) return CKR_ARGUMENTS_BAD;
  if (!load()) return CKR_GENERAL_ERROR;
  *list = &shim;
  return CKR_OK;
}
