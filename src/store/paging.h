// Page assembly shared by the backends. Lists fetch one row more than the
// page holds; that extra row is how a page knows it is not the last.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/cursor.h"
#include "store/store.h"

namespace tallinn::store {

// The first `limit` of `items` (newest first) as a page whose cursor names
// the last item kept when more followed.
template <typename T>
Page<T> time_page(std::vector<T> items, int limit) {
  Page<T> page;
  if (items.size() > static_cast<size_t>(limit)) {
    items.resize(static_cast<size_t>(limit));
    if (!items.empty()) page.next = encode_time_cursor({items.back().created_at, items.back().id});
  }
  page.items = std::move(items);
  return page;
}

// As time_page() for audit entries, keyed by sequence.
Page<AuditEntry> audit_page(std::vector<AuditEntry> items, int limit);
// The sequence an audit page starts below: its cursor's, or past the end.
Result<int64_t> audit_page_start(const PageRequest& page);

// `text` with every occurrence of `name` replaced by `value`: how SQL
// templates get their table names and placeholders.
std::string replace_all(std::string text, std::string_view name, std::string_view value);

}  // namespace tallinn::store
