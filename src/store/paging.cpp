#include "store/paging.h"

#include <cstdint>

namespace tallinn::store {

Page<AuditEntry> audit_page(std::vector<AuditEntry> items, int limit) {
  Page<AuditEntry> page;
  if (items.size() > static_cast<size_t>(limit) && limit > 0) {
    items.resize(static_cast<size_t>(limit));
    page.next = encode_sequence_cursor(items.back().sequence);
  }
  page.items = std::move(items);
  return page;
}

Result<int64_t> audit_page_start(const PageRequest& page) {
  if (page.cursor.empty()) return INT64_MAX;
  return decode_sequence_cursor(page.cursor);
}

std::string replace_all(std::string text, std::string_view name, std::string_view value) {
  for (size_t at = text.find(name); at != std::string::npos;
       at = text.find(name, at + value.size())) {
    text.replace(at, name.size(), value);
  }
  return text;
}

}  // namespace tallinn::store
