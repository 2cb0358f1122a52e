// The records of the platform core. Plain values: no I/O, no JSON. Times are
// Unix milliseconds (UTC); money is cents. Every marked record carries its
// TLP marking and its grants (`access`), which only policy/ interprets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/id.h"
#include "core/money.h"
#include "core/vocabulary.h"

namespace tallinn {

// Grants on a marked record (api.md): organisations granted an AMBER record
// and users named on a RED one.
struct Access {
  std::vector<Id> orgs;
  std::vector<Id> users;
  bool operator==(const Access&) const = default;
};

struct Organisation {
  Id id;
  std::string name;
  Role kind = Role::kBeneficiary;
  std::string country;  // ISO 3166-1 alpha-2, may be empty
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct User {
  Id id;
  Id org;
  std::string email;
  Role role = Role::kBeneficiary;  // fixed by the organisation's kind
  bool disabled = false;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Need {
  Id id;
  Id org;  // the beneficiary that owns the need
  std::string title;
  std::string description;
  Sector sector = Sector::kEnergy;
  Region region = 0;
  Category category = Category::kEquipment;
  Cents amount = 0;
  int priority = 3;                      // 1..5, 5 = critical
  std::optional<int> national_priority;  // 1..5, set by the UA authority
  bool divisible = true;
  Tlp tlp = Tlp::kAmber;
  NeedStatus status = NeedStatus::kDraft;
  std::optional<Id> duplicate_of;
  std::optional<Id> assessment;  // the assessment whose gap produced the need
  Access access;
  Id creator;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Offer {
  Id id;
  Id org;  // the donor that owns the offer
  std::string title;
  std::string description;
  Cents budget = 0;              // in cents of `currency`
  std::string currency = "EUR";  // ISO 4217, one of core/currency.h
  // Empty means "any" (matching.md).
  std::vector<Sector> sectors;
  std::vector<Region> regions;
  std::vector<Category> categories;
  Tlp tlp = Tlp::kAmber;
  OfferStatus status = OfferStatus::kOpen;
  Access access;
  Id creator;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Field limits shared by validation, the API document and the UI.
inline constexpr size_t kMaxTitleBytes = 200;
inline constexpr size_t kMaxDescriptionBytes = 10'000;
inline constexpr size_t kMaxNameBytes = 200;
inline constexpr size_t kMaxEmailBytes = 254;
inline constexpr size_t kMaxGrants = 100;

}  // namespace tallinn

namespace tallinn {

// An event in one user's inbox. It names a record and never copies its
// content: what the reader sees is rendered from the record's current state,
// and only while the reader may see it.
struct Notification {
  Id id;
  Id user;                  // the reader
  std::string kind;         // "need.submitted", "need.released", ...
  std::string record_type;  // "need", "assessment", ...
  Id record_id;
  int64_t created_at = 0;
  std::optional<int64_t> read_at;
};

// A signed-in session. Only a hash of the bearer token is ever stored.
struct Session {
  std::string token_hash;  // hex SHA-256 of the token
  Id user;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  int64_t last_seen_at = 0;  // last request served (idle timeout)
};

// A user's second factor. Secrets are base32 text; empty means none.
struct SecondFactor {
  std::string totp_secret;   // the confirmed authenticator
  std::string totp_pending;  // handed out by enrolment, not yet proven
  int64_t totp_last_step = 0;
};

}  // namespace tallinn
