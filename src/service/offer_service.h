// Use cases on donor offers: create, read, list, count and edit, each
// decided by policy::decide() and audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

struct OfferDraft {
  std::optional<Id> org;  // a donor may leave it out: its own organisation
  std::string title;
  std::string description;
  Cents budget = 0;
  std::string currency = "EUR";  // core/currency.h; fixed once the offer exists
  std::vector<Sector> sectors;   // empty: any
  std::vector<Region> regions;
  std::vector<Category> categories;
  Tlp tlp = Tlp::kAmber;
  Access access;
};

struct OfferPatch {
  int64_t version = 0;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<Cents> budget;
  std::optional<std::vector<Sector>> sectors;
  std::optional<std::vector<Region>> regions;
  std::optional<std::vector<Category>> categories;
  std::optional<OfferStatus> status;
  std::optional<Tlp> tlp;
  std::optional<Access> access;
  std::string reason;
};

class OfferService {
 public:
  explicit OfferService(Context& context) : context_(context) {}

  Result<Offer> create(const policy::Actor& actor, const OfferDraft& draft);
  Result<Offer> get(const policy::Actor& actor, const Id& id);
  Result<store::Page<Offer>> list(const policy::Actor& actor, const store::OfferFilter& filter,
                                  const store::PageRequest& page);
  Result<int64_t> count(const policy::Actor& actor, const store::OfferFilter& filter);
  Result<Offer> update(const policy::Actor& actor, const Id& id, const OfferPatch& patch);

 private:
  Context& context_;
};

}  // namespace tallinn::service
