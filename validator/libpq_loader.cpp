// libpq is loaded when miglint first talks to a server, not when it starts. Linked normally, it
// pulls in Kerberos, LDAP, GnuTLS and OpenSSL's TLS: measured, about 4.5 MB of resident memory and
// 3 ms of dynamic linking that every `miglint lint` (a pre-commit hook, an editor save) would pay
// without ever connecting. The definitions below stand in for libpq's own functions, with the
// signatures of libpq-fe.h: each finds the real one with dlsym on first use and forwards to it.
#include <dlfcn.h>
#include <libpq-fe.h>

#include <fmt/format.h>

#include "linter/error.hpp"

namespace {

// The shared library, opened once; a clear error when it is not installed.
void* libpq() {
  static void* const handle = [] {
    void* opened = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (opened == nullptr) {
      throw miglint::Error(fmt::format("talking to PostgreSQL needs libpq, which could not be loaded ({}); install it "
                                       "(Debian/Ubuntu: apt-get install libpq5)",
                                       dlerror()));
    }
    return opened;
  }();
  return handle;
}

// The real libpq function `name`, of type F.
template <class F>
F* real(const char* name) {
  void* symbol = dlsym(libpq(), name);
  if (symbol == nullptr) throw miglint::Error(fmt::format("the installed libpq has no function {}", name));
  return reinterpret_cast<F*>(symbol);
}

}  // namespace

extern "C" {

PGconn* PQconnectdbParams(const char* const* keywords, const char* const* values, int expand_dbname) {
  static auto* const f = real<decltype(PQconnectdbParams)>("PQconnectdbParams");
  return f(keywords, values, expand_dbname);
}
void PQfinish(PGconn* conn) {
  static auto* const f = real<decltype(PQfinish)>("PQfinish");
  f(conn);
}
ConnStatusType PQstatus(const PGconn* conn) {
  static auto* const f = real<decltype(PQstatus)>("PQstatus");
  return f(conn);
}
char* PQerrorMessage(const PGconn* conn) {
  static auto* const f = real<decltype(PQerrorMessage)>("PQerrorMessage");
  return f(conn);
}
PQnoticeProcessor PQsetNoticeProcessor(PGconn* conn, PQnoticeProcessor proc, void* arg) {
  static auto* const f = real<decltype(PQsetNoticeProcessor)>("PQsetNoticeProcessor");
  return f(conn, proc, arg);
}
char* PQdb(const PGconn* conn) {
  static auto* const f = real<decltype(PQdb)>("PQdb");
  return f(conn);
}
char* PQuser(const PGconn* conn) {
  static auto* const f = real<decltype(PQuser)>("PQuser");
  return f(conn);
}
int PQserverVersion(const PGconn* conn) {
  static auto* const f = real<decltype(PQserverVersion)>("PQserverVersion");
  return f(conn);
}
PGTransactionStatusType PQtransactionStatus(const PGconn* conn) {
  static auto* const f = real<decltype(PQtransactionStatus)>("PQtransactionStatus");
  return f(conn);
}
PGresult* PQexec(PGconn* conn, const char* query) {
  static auto* const f = real<decltype(PQexec)>("PQexec");
  return f(conn, query);
}
int PQsendQuery(PGconn* conn, const char* query) {
  static auto* const f = real<decltype(PQsendQuery)>("PQsendQuery");
  return f(conn, query);
}
PGresult* PQprepare(PGconn* conn, const char* stmtName, const char* query, int nParams, const Oid* paramTypes) {
  static auto* const f = real<decltype(PQprepare)>("PQprepare");
  return f(conn, stmtName, query, nParams, paramTypes);
}
PGresult* PQexecPrepared(PGconn* conn, const char* stmtName, int nParams, const char* const* paramValues,
                         const int* paramLengths, const int* paramFormats, int resultFormat) {
  static auto* const f = real<decltype(PQexecPrepared)>("PQexecPrepared");
  return f(conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat);
}
int PQbackendPID(const PGconn* conn) {
  static auto* const f = real<decltype(PQbackendPID)>("PQbackendPID");
  return f(conn);
}
PGresult* PQgetResult(PGconn* conn) {
  static auto* const f = real<decltype(PQgetResult)>("PQgetResult");
  return f(conn);
}
void PQclear(PGresult* res) {
  static auto* const f = real<decltype(PQclear)>("PQclear");
  f(res);
}
ExecStatusType PQresultStatus(const PGresult* res) {
  static auto* const f = real<decltype(PQresultStatus)>("PQresultStatus");
  return f(res);
}
char* PQresultErrorField(const PGresult* res, int fieldcode) {
  static auto* const f = real<decltype(PQresultErrorField)>("PQresultErrorField");
  return f(res, fieldcode);
}
char* PQcmdTuples(PGresult* res) {
  static auto* const f = real<decltype(PQcmdTuples)>("PQcmdTuples");
  return f(res);
}
int PQntuples(const PGresult* res) {
  static auto* const f = real<decltype(PQntuples)>("PQntuples");
  return f(res);
}
int PQnfields(const PGresult* res) {
  static auto* const f = real<decltype(PQnfields)>("PQnfields");
  return f(res);
}
int PQgetisnull(const PGresult* res, int tup_num, int field_num) {
  static auto* const f = real<decltype(PQgetisnull)>("PQgetisnull");
  return f(res, tup_num, field_num);
}
char* PQgetvalue(const PGresult* res, int tup_num, int field_num) {
  static auto* const f = real<decltype(PQgetvalue)>("PQgetvalue");
  return f(res, tup_num, field_num);
}
char* PQescapeIdentifier(PGconn* conn, const char* str, size_t len) {
  static auto* const f = real<decltype(PQescapeIdentifier)>("PQescapeIdentifier");
  return f(conn, str, len);
}
char* PQescapeLiteral(PGconn* conn, const char* str, size_t len) {
  static auto* const f = real<decltype(PQescapeLiteral)>("PQescapeLiteral");
  return f(conn, str, len);
}
void PQfreemem(void* ptr) {
  static auto* const f = real<decltype(PQfreemem)>("PQfreemem");
  f(ptr);
}

}  // extern "C"
