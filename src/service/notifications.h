// Notifications: how a write tells users about a record, and how each user
// reads their inbox.
//
// Emitting. Inside the body of a run_write (so the notice commits or rolls
// back with the write it announces), call one of
//
//   notify_user(transaction, context, user_id, notice);
//   notify_organisation(transaction, context, org_id, notice);  // its active users
//   notify_role(transaction, context, Role::kBackOffice, notice);  // every such user
//
// with Notice{.kind = "allocation.approved", .record_type = "allocation",
// .record_id = id}. A notice stores only (kind, record type, record id,
// time), never a title or an amount. A new record type must also be
// taught to load_subject() in notifications.cpp (its policy::Record and its
// title), or its notices stay hidden.
//
// Reading. Every notice is filtered through policy::decide(reader, kRead,
// record) against the record's CURRENT state each time it is read, so a
// marking raised after the notice was sent hides it; the title is rendered
// from the current record, only while visible.
#pragma once

#include <string>

#include "core/domain.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

struct Notice {
  std::string kind;         // "<record_type>.<event>", e.g. "need.submitted"
  std::string record_type;  // "need", "assessment", "offer", ...
  Id record_id;
};

Status notify_user(store::Transaction& transaction, Context& context, const Id& user,
                   const Notice& notice);
// Every active user of `org`.
Status notify_organisation(store::Transaction& transaction, Context& context, const Id& org,
                           const Notice& notice);
// Every active user holding `role`, whatever their organisation.
Status notify_role(store::Transaction& transaction, Context& context, Role role,
                   const Notice& notice);

// A notification as its reader sees it: the title and TLP marking of the
// record as it is now (the marking so that an inbox can label each notice
// without reading every record again).
struct InboxItem {
  Notification notification;
  std::string title;
  Tlp tlp = Tlp::kAmber;
};

class NotificationService {
 public:
  explicit NotificationService(Context& context) : context_(context) {}

  // The actor's notifications, newest first, without those whose record the
  // actor may not (or no longer) see; a page may so hold fewer than
  // page.limit items while `next` still leads on.
  Result<store::Page<InboxItem>> list(const policy::Actor& actor, const store::PageRequest& page);
  // kNotFound when the notification is absent, another user's, or about a
  // record the actor may no longer see.
  Result<InboxItem> mark_read(const policy::Actor& actor, const Id& id);

 private:
  Context& context_;
};

}  // namespace tallinn::service
