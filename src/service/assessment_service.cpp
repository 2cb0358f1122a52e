#include "service/assessment_service.h"

#include "core/validation.h"
#include "service/beneficiary.h"
#include "service/notifications.h"
#include "service/records.h"
#include "service/write.h"

namespace tallinn::service {
namespace {

Need need_for_gap(const Assessment& assessment, const GapNeed& gap) {
  Need need;
  need.org = assessment.org;
  need.title = gap.title;
  need.description = gap.description;
  need.sector = assessment.sector;
  need.region = assessment.region;
  need.category = gap.category;
  need.amount = gap.amount;
  need.priority = gap.priority;
  // A gap need reveals the same weakness as the assessment it comes from.
  need.tlp = assessment.tlp;
  need.access = assessment.access;
  need.status = NeedStatus::kDraft;
  need.assessment = assessment.id;
  return need;
}

// Needs derived from `assessment`, whoever may see them.
Result<bool> has_derived_needs(store::Transaction& transaction, const Id& assessment) {
  store::NeedFilter derived;
  derived.assessment = assessment;
  TALLINN_ASSIGN_OR_RETURN(int64_t count,
                           transaction.count_needs(ReadScope::unrestricted(), derived));
  return count > 0;
}

}  // namespace

Result<Assessment> AssessmentService::create(const policy::Actor& actor,
                                             const AssessmentDraft& draft) {
  AuditEvent event{.action = "assessment.create", .record_type = "assessment"};
  return run_write<Assessment>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Assessment> {
        Assessment assessment;
        assessment.id = new_id(context_.random);
        event.record_id = assessment.id;
        assessment.org = draft.org.value_or(actor.role == Role::kBeneficiary ? actor.org : Id());
        if (assessment.org.empty()) return invalid("org", "is required");
        assessment.title = draft.title;
        assessment.sector = draft.sector;
        assessment.region = draft.region;
        assessment.criticality = draft.criticality;
        assessment.measures = draft.measures;
        assessment.tlp =
            draft.tlp.value_or(policy::default_marking(policy::RecordKind::kAssessment));
        assessment.access = draft.access;
        assessment.creator = actor.user;
        assessment.created_at = assessment.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(
            policy::check(actor, policy::Action::kCreateNeed, policy_record(assessment)));
        TALLINN_RETURN_IF_ERROR(validate_assessment(assessment));
        TALLINN_RETURN_IF_ERROR(
            policy::check_grants(assessment.tlp, assessment.org, assessment.access));
        TALLINN_RETURN_IF_ERROR(check_beneficiary(transaction, assessment.org));
        TALLINN_RETURN_IF_ERROR(transaction.insert_assessment(assessment));
        event.state = canonical_state(assessment);
        return assessment;
      });
}

Result<Assessment> AssessmentService::get(const policy::Actor& actor, const Id& id) {
  return read_visible<Assessment>(
      context_, actor, [&](store::Transaction& transaction) { return transaction.assessment(id); });
}

Result<store::Page<Assessment>> AssessmentService::list(const policy::Actor& actor,
                                                        const store::AssessmentFilter& filter,
                                                        const store::PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->list_assessments(policy::read_scope(actor), filter, page);
}

Result<std::vector<Need>> AssessmentService::create_needs(const policy::Actor& actor,
                                                          const Id& id) {
  AuditEvent event{
      .action = "assessment.create_needs", .record_type = "assessment", .record_id = id};
  return run_write<std::vector<Need>>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<std::vector<Need>> {
        TALLINN_ASSIGN_OR_RETURN(Assessment assessment, transaction.assessment(id));
        const policy::Record record = policy_record(assessment);
        TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kRead, record));
        TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kEditNeed, record));
        TALLINN_ASSIGN_OR_RETURN(bool derived, has_derived_needs(transaction, id));
        if (derived) return conflict("needs were already created for this assessment");
        std::vector<Need> needs;
        for (const GapNeed& gap : derive_gap_needs(assessment)) {
          Need need = need_for_gap(assessment, gap);
          need.id = new_id(context_.random);
          need.creator = actor.user;
          need.created_at = need.updated_at = context_.clock.now_ms();
          TALLINN_RETURN_IF_ERROR(
              policy::check(actor, policy::Action::kCreateNeed, policy_record(need)));
          TALLINN_RETURN_IF_ERROR(validate_need(need));
          TALLINN_RETURN_IF_ERROR(transaction.insert_need(need));
          AuditEvent created{.action = "need.create", .record_type = "need", .record_id = need.id};
          created.state = canonical_state(need);
          TALLINN_RETURN_IF_ERROR(append_audit(transaction, context_.clock, actor, created));
          needs.push_back(std::move(need));
        }
        TALLINN_RETURN_IF_ERROR(
            notify_organisation(transaction, context_, assessment.org,
                                {"assessment.needs_created", "assessment", assessment.id}));
        event.changed_fields.push_back("needs");
        event.state = canonical_state(assessment);
        return needs;
      });
}

}  // namespace tallinn::service
