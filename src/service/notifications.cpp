#include "service/notifications.h"

#include "service/coordination_service.h"
#include "service/records.h"
#include "service/write.h"

namespace tallinn::service {
namespace {

// What a notice's reader is checked against, and what it may then show.
struct Subject {
  policy::Record record;
  std::string title;
};

template <typename T>
std::optional<Subject> subject_of(const Result<T>& record) {
  if (!record.is_ok()) return std::nullopt;
  return Subject{policy_record(*record), record->title};
}

// The current state of the record a notice names, as `reader` may see it;
// nullopt when it is gone or of a type this service does not know (so its
// notices stay hidden).
Result<std::optional<Subject>> load_subject(store::Transaction& transaction,
                                            const policy::Actor& reader,
                                            const Notification& notification) {
  const Id& id = notification.record_id;
  Status status = Status::ok();
  std::optional<Subject> subject;
  if (notification.record_type == "need") {
    Result<Need> need = transaction.need(id);
    status = need.status();
    subject = subject_of(need);
  } else if (notification.record_type == "assessment") {
    Result<Assessment> assessment = transaction.assessment(id);
    status = assessment.status();
    subject = subject_of(assessment);
  } else if (notification.record_type == "offer") {
    Result<Offer> offer = transaction.offer(id);
    status = offer.status();
    subject = subject_of(offer);
  } else if (notification.record_type == "allocation") {
    // An allocation has no title of its own: it is named by its need, as
    // far as this reader may see the need (NeedSummary::display_title).
    Result<Allocation> allocation = transaction.allocation(id);
    status = allocation.status();
    if (allocation.is_ok()) {
      TALLINN_ASSIGN_OR_RETURN(NeedSummary need,
                               need_summary(transaction, reader, allocation->need));
      subject = Subject{policy_record(*allocation), need.display_title()};
    }
  }
  if (!status.is_ok() && status.code() != ErrorCode::kNotFound) return status;
  return subject;
}

// The item the actor may see, or nullopt.
Result<std::optional<InboxItem>> render(store::Transaction& transaction, const policy::Actor& actor,
                                        const Notification& notification) {
  if (notification.user != actor.user) return std::optional<InboxItem>();
  TALLINN_ASSIGN_OR_RETURN(std::optional<Subject> subject,
                           load_subject(transaction, actor, notification));
  if (!subject ||
      policy::decide(actor, policy::Action::kRead, subject->record) != policy::Verdict::kAllow) {
    return std::optional<InboxItem>();
  }
  return std::optional<InboxItem>(InboxItem{notification, subject->title, subject->record.tlp});
}

Status notify_all(store::Transaction& transaction, Context& context, const std::optional<Id>& org,
                  const std::optional<Role>& role, const Notice& notice) {
  TALLINN_ASSIGN_OR_RETURN(std::vector<Id> users, transaction.active_users(org, role));
  for (const Id& user : users) {
    TALLINN_RETURN_IF_ERROR(notify_user(transaction, context, user, notice));
  }
  return Status::ok();
}

}  // namespace

Status notify_user(store::Transaction& transaction, Context& context, const Id& user,
                   const Notice& notice) {
  Notification notification;
  notification.id = new_id(context.random);
  notification.user = user;
  notification.kind = notice.kind;
  notification.record_type = notice.record_type;
  notification.record_id = notice.record_id;
  notification.created_at = context.clock.now_ms();
  return transaction.insert_notification(notification);
}

Status notify_organisation(store::Transaction& transaction, Context& context, const Id& org,
                           const Notice& notice) {
  return notify_all(transaction, context, org, std::nullopt, notice);
}

Status notify_role(store::Transaction& transaction, Context& context, Role role,
                   const Notice& notice) {
  return notify_all(transaction, context, std::nullopt, role, notice);
}

Result<store::Page<InboxItem>> NotificationService::list(const policy::Actor& actor,
                                                         const store::PageRequest& page) {
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  TALLINN_ASSIGN_OR_RETURN(store::Page<Notification> stored,
                           transaction->list_notifications(actor.user, page));
  store::Page<InboxItem> inbox;
  inbox.next = stored.next;
  for (const Notification& notification : stored.items) {
    TALLINN_ASSIGN_OR_RETURN(auto item, render(*transaction, actor, notification));
    if (item) inbox.items.push_back(std::move(*item));
  }
  return inbox;
}

Result<InboxItem> NotificationService::mark_read(const policy::Actor& actor, const Id& id) {
  AuditEvent event{.action = "notification.read", .record_type = "notification", .record_id = id};
  return run_write<InboxItem>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<InboxItem> {
        TALLINN_ASSIGN_OR_RETURN(Notification notification, transaction.notification(id));
        TALLINN_ASSIGN_OR_RETURN(auto item, render(transaction, actor, notification));
        if (!item) return not_found();
        if (!item->notification.read_at) {
          item->notification.read_at = context_.clock.now_ms();
          TALLINN_RETURN_IF_ERROR(
              transaction.mark_notification_read(id, *item->notification.read_at));
          event.changed_fields.push_back("read_at");
        }
        return std::move(*item);
      });
}

}  // namespace tallinn::service
