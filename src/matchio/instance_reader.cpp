#include "matchio/instance_reader.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <functional>

#include "matchio/money.h"

namespace tallinn::matchio {
namespace {

namespace od = simdjson::ondemand;
using match::Instance;
using match::Need;
using match::Offer;

std::string element(const char* array, size_t index) {
  return std::string(array) + "[" + std::to_string(index) + "]";
}

// Names an input element, e.g. needs[17].priority or offers[2].regions[1].
// Built into a string only for an error message: a million needs must not
// cost a million string allocations.
struct FieldPath {
  const char* array;
  size_t index;
  std::string_view key = {};
  int64_t item = -1;  // position inside a list field, when >= 0

  FieldPath with_key(std::string_view field_key) const { return {array, index, field_key}; }
  FieldPath with_item(size_t position) const {
    return {array, index, key, static_cast<int64_t>(position)};
  }
  std::string str() const {
    std::string text = element(array, index);
    if (!key.empty()) text.append(".").append(key);
    if (item >= 0) text.append("[").append(std::to_string(item)).append("]");
    return text;
  }
};

Status syntax_error(const std::string& where, simdjson::error_code error) {
  return malformed(std::string("invalid JSON: ") + simdjson::error_message(error), where);
}
Status syntax_error(const FieldPath& where, simdjson::error_code error) {
  return syntax_error(where.str(), error);
}
Status invalid_at(const FieldPath& where, std::string message) {
  return tallinn::invalid(where.str(), std::move(message));
}

// A field value that must be a non-empty string.
Result<std::string_view> read_string(od::value& value, const FieldPath& field) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS)
    return invalid_at(field, "must be a string");
  if (text.empty()) return invalid_at(field, "must not be empty");
  return text;
}

Result<int64_t> read_cents(od::value& value, const FieldPath& field) {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS || type != od::json_type::number) {
    return invalid_at(field, "must be a number (euros)");
  }
  Result<int64_t> cents = parse_cents(value.raw_json_token(), match::kMaxCents, {});
  if (!cents) return invalid_at(field, cents.status().message());
  return cents;
}

template <typename CodeOf>
Result<int> read_code(od::value& value, const FieldPath& field, CodeOf code_of,
                      const char* vocabulary) {
  TALLINN_ASSIGN_OR_RETURN(std::string_view name, read_string(value, field));
  const std::optional<int> code = code_of(name);
  if (!code)
    return invalid_at(field,
                      std::string("unknown ") + vocabulary + " \"" + std::string(name) + "\"");
  return *code;
}

// A list of vocabulary names as a bit mask; absent, null or empty = `any`.
template <typename CodeOf>
Result<uint32_t> read_mask(od::value& value, const FieldPath& field, CodeOf code_of,
                           const char* vocabulary, uint32_t any) {
  // Through get(): converting is_null()'s result to bool throws on a bare
  // word such as `nt` (found by fuzz/match_instance_fuzzer).
  bool is_null = false;
  if (auto error = value.is_null().get(is_null); error != simdjson::SUCCESS) {
    return syntax_error(field, error);
  }
  if (is_null) return any;
  od::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) {
    return invalid_at(field, "must be a list of strings");
  }
  uint32_t mask = 0;
  size_t index = 0;
  for (auto item : array) {
    const FieldPath item_field = field.with_item(index++);
    od::value item_value;
    if (item.get(item_value) != simdjson::SUCCESS) return syntax_error(item_field, item.error());
    TALLINN_ASSIGN_OR_RETURN(int code, read_code(item_value, item_field, code_of, vocabulary));
    mask |= 1u << code;
  }
  return mask == 0 ? any : mask;
}

// Calls visit(key, value, path) for each field of the object `value`;
// stops at the first error.
template <typename Visit>
Status for_each_field(od::value& value, const FieldPath& where, Visit visit) {
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    return invalid_at(where, "must be an object");
  }
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) {
      return syntax_error(where, field.error());
    }
    od::value field_value;
    if (field.value().get(field_value) != simdjson::SUCCESS) {
      return syntax_error(where, field.error());
    }
    TALLINN_RETURN_IF_ERROR(visit(key, field_value, where.with_key(key)));
  }
  return Status::ok();
}

Status read_need(od::value& value, const FieldPath& where, Need* need) {
  int sector = -1, region = -1, category = -1;
  bool has_id = false, has_amount = false, has_priority = false;
  auto visit = [&](std::string_view key, od::value& field_value, const FieldPath& name) -> Status {
    if (key == "id") {
      TALLINN_ASSIGN_OR_RETURN(std::string_view id, read_string(field_value, name));
      need->id = id;
      has_id = true;
    } else if (key == "amount") {
      TALLINN_ASSIGN_OR_RETURN(need->amount_cents, read_cents(field_value, name));
      if (need->amount_cents == 0) return invalid_at(name, "must be > 0");
      has_amount = true;
    } else if (key == "priority") {
      int64_t priority = 0;
      if (field_value.get_int64().get(priority) != simdjson::SUCCESS || priority < 1 ||
          priority > 5) {
        return invalid_at(name, "must be an integer 1..5");
      }
      need->priority = static_cast<int>(priority);
      has_priority = true;
    } else if (key == "sector") {
      TALLINN_ASSIGN_OR_RETURN(sector, read_code(field_value, name, match::sector_code, "sector"));
    } else if (key == "region") {
      TALLINN_ASSIGN_OR_RETURN(region, read_code(field_value, name, match::region_code, "region"));
    } else if (key == "category") {
      TALLINN_ASSIGN_OR_RETURN(category,
                               read_code(field_value, name, match::category_code, "category"));
    } else if (key == "divisible") {
      if (field_value.get_bool().get(need->divisible) != simdjson::SUCCESS) {
        return invalid_at(name, "must be true or false");
      }
    }
    return Status::ok();
  };
  TALLINN_RETURN_IF_ERROR(for_each_field(value, where, visit));
  if (!has_id) return invalid_at(where.with_key("id"), "missing");
  if (!has_amount) return invalid_at(where.with_key("amount"), "missing");
  if (!has_priority) return invalid_at(where.with_key("priority"), "missing");
  if (sector < 0) return invalid_at(where.with_key("sector"), "missing");
  if (region < 0) return invalid_at(where.with_key("region"), "missing");
  if (category < 0) return invalid_at(where.with_key("category"), "missing");
  need->class_id = match::class_of(sector, region, category);
  return Status::ok();
}

Status read_offer(od::value& value, const FieldPath& where, Offer* offer) {
  offer->sector_mask = match::kAnySector;
  offer->region_mask = match::kAnyRegion;
  offer->category_mask = match::kAnyCategory;
  bool has_id = false, has_budget = false;
  auto visit = [&](std::string_view key, od::value& field_value, const FieldPath& name) -> Status {
    if (key == "id") {
      TALLINN_ASSIGN_OR_RETURN(std::string_view id, read_string(field_value, name));
      offer->id = id;
      has_id = true;
    } else if (key == "donor") {
      TALLINN_ASSIGN_OR_RETURN(std::string_view donor, read_string(field_value, name));
      offer->donor = donor;
    } else if (key == "budget") {
      TALLINN_ASSIGN_OR_RETURN(offer->budget_cents, read_cents(field_value, name));
      has_budget = true;
    } else if (key == "sectors") {
      TALLINN_ASSIGN_OR_RETURN(offer->sector_mask, read_mask(field_value, name, match::sector_code,
                                                             "sector", match::kAnySector));
    } else if (key == "regions") {
      TALLINN_ASSIGN_OR_RETURN(offer->region_mask, read_mask(field_value, name, match::region_code,
                                                             "region", match::kAnyRegion));
    } else if (key == "categories") {
      TALLINN_ASSIGN_OR_RETURN(
          offer->category_mask,
          read_mask(field_value, name, match::category_code, "category", match::kAnyCategory));
    }
    return Status::ok();
  };
  TALLINN_RETURN_IF_ERROR(for_each_field(value, where, visit));
  if (!has_id) return invalid_at(where.with_key("id"), "missing");
  if (!has_budget) return invalid_at(where.with_key("budget"), "missing");
  return Status::ok();
}

// Reads the array `name` with `read_item` for each element into `items`.
template <typename Item, typename ReadItem>
Status read_array(od::value& value, const char* name, ReadItem read_item,
                  std::vector<Item>* items) {
  od::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) return invalid(name, "must be a list");
  size_t index = 0;
  for (auto item : array) {
    const FieldPath where{name, index++};
    od::value item_value;
    if (item.get(item_value) != simdjson::SUCCESS) return syntax_error(where, item.error());
    items->emplace_back();
    TALLINN_RETURN_IF_ERROR(read_item(item_value, where, &items->back()));
  }
  return Status::ok();
}

// Open addressing over item indices: no allocation per id.
template <typename Item>
Status check_unique_ids(const std::vector<Item>& items, const char* name) {
  constexpr uint32_t kEmpty = UINT32_MAX;
  size_t capacity = 16;
  while (capacity < 2 * items.size()) capacity <<= 1;
  std::vector<uint32_t> slots(capacity, kEmpty);
  const std::hash<std::string_view> hash;
  for (uint32_t i = 0; i < items.size(); ++i) {
    size_t slot = hash(items[i].id) & (capacity - 1);
    for (; slots[slot] != kEmpty; slot = (slot + 1) & (capacity - 1)) {
      if (items[slots[slot]].id == items[i].id) {
        return invalid(element(name, i) + ".id", "duplicate id \"" + items[i].id + "\"");
      }
    }
    slots[slot] = i;
  }
  return Status::ok();
}

Status read_root(od::document& document, Instance* instance) {
  od::object root;
  if (document.get_object().get(root) != simdjson::SUCCESS) {
    return malformed("the instance must be a JSON object");
  }
  bool has_needs = false, has_offers = false;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS)
      return syntax_error("instance", field.error());
    od::value value;
    if (field.value().get(value) != simdjson::SUCCESS)
      return syntax_error("instance", field.error());
    if (key == "needs") {
      if (has_needs) return invalid("needs", "appears twice");
      has_needs = true;
      TALLINN_RETURN_IF_ERROR(read_array(value, "needs", read_need, &instance->needs));
    } else if (key == "offers") {
      if (has_offers) return invalid("offers", "appears twice");
      has_offers = true;
      TALLINN_RETURN_IF_ERROR(read_array(value, "offers", read_offer, &instance->offers));
    } else if (key == "currency") {
      std::string_view currency;
      if (value.get_string().get(currency) != simdjson::SUCCESS || currency != "EUR") {
        return invalid("currency", "must be \"EUR\"");
      }
    }
  }
  const char* trailing = nullptr;
  if (document.current_location().get(trailing) == simdjson::SUCCESS)
    return malformed("invalid JSON: content after the instance object");
  if (!has_needs) return invalid("needs", "missing");
  if (!has_offers) return invalid("offers", "missing");
  if (instance->needs.size() >= (size_t{1} << 32) || instance->offers.size() >= (size_t{1} << 31)) {
    return Status(ErrorCode::kTooLarge, "too many needs or offers");
  }
  // Sums over all needs or all offers must stay far inside int64.
  int64_t total_cents = 0;
  for (const Need& need : instance->needs) total_cents += need.amount_cents;
  for (const Offer& offer : instance->offers) total_cents += offer.budget_cents;
  if (total_cents > (int64_t{1} << 61))
    return Status(ErrorCode::kTooLarge, "amounts sum too large");
  TALLINN_RETURN_IF_ERROR(check_unique_ids(instance->needs, "needs"));
  return check_unique_ids(instance->offers, "offers");
}

Result<Instance> parse_padded(simdjson::padded_string_view json) {
  od::parser parser;
  od::document document;
  const auto error = parser.iterate(json).get(document);
  if (error != simdjson::SUCCESS) return syntax_error("instance", error);
  Instance instance;
  TALLINN_RETURN_IF_ERROR(read_root(document, &instance));
  return instance;
}

// A read-only mapping of a whole file; empty when the file cannot be mapped.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat info;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
      const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
      size_ = static_cast<size_t>(info.st_size);
      capacity_ = (size_ + page - 1) / page * page;
      void* address = ::mmap(nullptr, capacity_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      data_ = address == MAP_FAILED ? nullptr : static_cast<const char*>(address);
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), capacity_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // The kernel zero-fills the last page past the end of the file; when that
  // tail is as long as simdjson's padding, the mapping can be parsed in place.
  bool has_padding() const {
    return data_ != nullptr && capacity_ - size_ >= simdjson::SIMDJSON_PADDING;
  }
  simdjson::padded_string_view view() const {
    return simdjson::padded_string_view(data_, size_, capacity_);
  }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace

Result<Instance> parse_instance(std::string_view json) {
  const simdjson::padded_string padded(json);
  return parse_padded(padded);
}

Result<Instance> read_instance_file(const std::string& path) {
  {
    // Parsing the page cache in place saves copying the file (120 MB at a
    // million needs) and faulting in a buffer for it.
    const MappedFile mapped(path);
    if (mapped.has_padding()) return parse_padded(mapped.view());
  }
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path).get(json) != simdjson::SUCCESS) {
    return invalid(path, "cannot read the file");
  }
  return parse_padded(json);
}

}  // namespace tallinn::matchio
