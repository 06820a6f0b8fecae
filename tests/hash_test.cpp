#include <gtest/gtest.h>

#include <string>

#include "linter/sha256.hpp"
#include "validator/snapshot.hpp"

namespace miglint {
namespace {

// SHA-256 of the empty string and of "abc" (FIPS 180-2 vectors) and of text with a NUL byte
// (computed with Python's hashlib): fingerprints in reports and atlas.sum lines
// must stay what every other SHA-256 tool computes.
TEST(Hash, Sha256MatchesTheStandardVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string("a\0b", 3)), "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
}

// The validator compares this with PostgreSQL's md5() over the same text (schema_fingerprint):
// keys and definitions joined by a tab, entries by a newline, in key order.
TEST(Hash, SnapshotFingerprintIsTheMd5OfItsJoinedText) {
  const validate::Snapshot snapshot{{"table public.b", "columns x text"}, {"table public.a", "columns id int"}};
  EXPECT_EQ(validate::fingerprint_of(snapshot), "e9681c2fa44f686d3d24c4b0adb6b2c6");
  EXPECT_EQ(validate::fingerprint_of({}), "d41d8cd98f00b204e9800998ecf8427e");
}

}  // namespace
}  // namespace miglint
