#include "service/offer_service.h"

#include "core/currency.h"
#include "core/validation.h"
#include "service/marking.h"
#include "service/patch.h"
#include "service/write.h"

namespace tallinn::service {
namespace {

Status check_donor(store::Transaction& transaction, const Id& org) {
  Result<Organisation> owner = transaction.organisation(org);
  if (!owner.is_ok() && owner.status().code() != ErrorCode::kNotFound) return owner.status();
  if (!owner.is_ok() || owner->kind != Role::kDonor) {
    return invalid("org", "must be the id of a donor organisation");
  }
  return Status::ok();
}

bool has_content_change(const OfferPatch& patch) {
  return patch.title || patch.description || patch.budget || patch.sectors || patch.regions ||
         patch.categories || patch.status;
}

}  // namespace

Result<Offer> OfferService::create(const policy::Actor& actor, const OfferDraft& draft) {
  AuditEvent event{.action = "offer.create", .record_type = "offer"};
  return run_write<Offer>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Offer> {
        Offer offer;
        offer.id = new_id(context_.random);
        event.record_id = offer.id;
        offer.org = draft.org.value_or(actor.role == Role::kDonor ? actor.org : Id());
        if (offer.org.empty()) return invalid("org", "is required");
        offer.title = draft.title;
        offer.description = draft.description;
        offer.budget = draft.budget;
        offer.currency = draft.currency;
        if (!rate_micros_of(offer.currency)) {
          return invalid("currency", "must be one of EUR, USD, GBP, CAD, DKK, SEK, PLN");
        }
        offer.sectors = draft.sectors;
        offer.regions = draft.regions;
        offer.categories = draft.categories;
        offer.tlp = draft.tlp;
        offer.access = draft.access;
        offer.creator = actor.user;
        offer.created_at = offer.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(
            policy::check(actor, policy::Action::kCreateOffer, policy_record(offer)));
        TALLINN_RETURN_IF_ERROR(validate_offer(offer));
        TALLINN_RETURN_IF_ERROR(policy::check_grants(offer.tlp, offer.org, offer.access));
        TALLINN_RETURN_IF_ERROR(check_donor(transaction, offer.org));
        TALLINN_RETURN_IF_ERROR(transaction.insert_offer(offer));
        event.state = canonical_state(offer);
        return offer;
      });
}

Result<Offer> OfferService::get(const policy::Actor& actor, const Id& id) {
  return read_visible<Offer>(
      context_, actor, [&](store::Transaction& transaction) { return transaction.offer(id); });
}

Result<store::Page<Offer>> OfferService::list(const policy::Actor& actor,
                                              const store::OfferFilter& filter,
                                              const store::PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->list_offers(policy::read_scope(actor), filter, page);
}

Result<int64_t> OfferService::count(const policy::Actor& actor, const store::OfferFilter& filter) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->count_offers(policy::read_scope(actor), filter);
}

Result<Offer> OfferService::update(const policy::Actor& actor, const Id& id,
                                   const OfferPatch& patch) {
  AuditEvent event{.action = "offer.update", .record_type = "offer", .record_id = id};
  return run_write<Offer>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Offer> {
        TALLINN_ASSIGN_OR_RETURN(Offer offer, transaction.offer(id));
        const policy::Record before = policy_record(offer);
        TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kRead, before));
        if (patch.version != offer.version)
          return conflict("the offer was changed by someone else");
        std::vector<std::string>& changed = event.changed_fields;
        if (has_content_change(patch)) {
          TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kEditOffer, before));
        }
        patch_field(patch.title, offer.title, "title", changed);
        patch_field(patch.description, offer.description, "description", changed);
        patch_field(patch.budget, offer.budget, "budget", changed);
        patch_field(patch.sectors, offer.sectors, "sectors", changed);
        patch_field(patch.regions, offer.regions, "regions", changed);
        patch_field(patch.categories, offer.categories, "categories", changed);
        patch_field(patch.status, offer.status, "status", changed);
        MarkingChange marking{patch.tlp, patch.access, patch.reason};
        TALLINN_RETURN_IF_ERROR(
            apply_marking_change(actor, before, marking, offer.tlp, offer.access, changed));
        TALLINN_RETURN_IF_ERROR(validate_offer(offer));
        if (changed.empty()) return offer;
        offer.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(transaction.update_offer(offer, patch.version));
        offer.version = patch.version + 1;
        event.state = canonical_state(offer);
        return offer;
      });
}

}  // namespace tallinn::service
