#include "matchio/result_writer.h"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>

#include "match/vocabulary.h"
#include "matchio/money.h"

namespace tallinn::matchio {
namespace {

void append_json_string(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out->append(escaped);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

void append_double(double value, std::string* out) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out->append(buffer, end);
}

const char* reason_name(match::UncoveredReason reason) {
  switch (reason) {
    case match::UncoveredReason::kNoEligibleOffer:
      return "no_eligible_offer";
    case match::UncoveredReason::kOutbid:
      return "outbid";
    case match::UncoveredReason::kIndivisibleNoRoom:
      return "indivisible_no_room";
  }
  return "outbid";
}

void append_explanation(const match::Instance& instance, const match::Explanation& explanation,
                        std::string* out) {
  out->append(",\"explanation\":{\"offers\":[");
  for (size_t k = 0; k < explanation.offers.size(); ++k) {
    if (k > 0) out->push_back(',');
    out->append("\n{\"offer\":");
    append_json_string(instance.offers[explanation.offers[k].offer].id, out);
    out->append(",\"shadow_price\":");
    append_double(explanation.offers[k].shadow_price, out);
    out->push_back('}');
  }
  out->append("],\"needs\":[");
  for (size_t k = 0; k < explanation.needs.size(); ++k) {
    const match::UncoveredNeed& need = explanation.needs[k];
    if (k > 0) out->push_back(',');
    out->append("\n{\"need\":");
    append_json_string(instance.needs[need.need].id, out);
    out->append(",\"reason\":\"");
    out->append(reason_name(need.reason));
    out->push_back('"');
    if (need.reason == match::UncoveredReason::kOutbid) {
      out->append(",\"offers\":[");
      for (size_t o = 0; o < need.binding_offers.size(); ++o) {
        if (o > 0) out->push_back(',');
        append_json_string(instance.offers[need.binding_offers[o]].id, out);
      }
      out->append("],\"binding_offer_count\":");
      out->append(std::to_string(need.binding_offer_count));
    }
    out->push_back('}');
  }
  out->append("]}");
}

// The codes set in `mask` as a JSON list of names; every code set means
// "any", written as an empty list.
void append_mask(uint32_t mask, std::span<const std::string_view> names, std::string* out) {
  out->push_back('[');
  const uint32_t all = names.size() >= 32 ? ~0u : (1u << names.size()) - 1;
  if ((mask & all) != all) {
    bool first = true;
    for (size_t code = 0; code < names.size(); ++code) {
      if (!(mask >> code & 1u)) continue;
      if (!first) out->push_back(',');
      first = false;
      append_json_string(names[code], out);
    }
  }
  out->push_back(']');
}

}  // namespace

std::string format_instance(const match::Instance& instance) {
  std::string out = "{\"currency\":\"EUR\",\"needs\":[";
  for (size_t k = 0; k < instance.needs.size(); ++k) {
    const match::Need& need = instance.needs[k];
    if (k > 0) out.push_back(',');
    out.append("\n{\"id\":");
    append_json_string(need.id, &out);
    out.append(",\"amount\":");
    append_cents(need.amount_cents, &out);
    out.append(",\"priority\":");
    out.append(std::to_string(need.priority));
    out.append(",\"sector\":");
    append_json_string(match::sector_names()[match::sector_of_class(need.class_id)], &out);
    out.append(",\"region\":");
    append_json_string(match::region_names()[match::region_of_class(need.class_id)], &out);
    out.append(",\"category\":");
    append_json_string(match::category_names()[match::category_of_class(need.class_id)], &out);
    out.append(need.divisible ? ",\"divisible\":true}" : ",\"divisible\":false}");
  }
  out.append("],\"offers\":[");
  for (size_t k = 0; k < instance.offers.size(); ++k) {
    const match::Offer& offer = instance.offers[k];
    if (k > 0) out.push_back(',');
    out.append("\n{\"id\":");
    append_json_string(offer.id, &out);
    out.append(",\"donor\":");
    append_json_string(offer.donor, &out);
    out.append(",\"budget\":");
    append_cents(offer.budget_cents, &out);
    out.append(",\"sectors\":");
    append_mask(offer.sector_mask, match::sector_names(), &out);
    out.append(",\"regions\":");
    append_mask(offer.region_mask, match::region_names(), &out);
    out.append(",\"categories\":");
    append_mask(offer.category_mask, match::category_names(), &out);
    out.push_back('}');
  }
  out.append("]}\n");
  return out;
}

namespace {}  // namespace

std::string format_result(const match::Instance& instance, const match::Solution& solution) {
  std::string out;
  out.reserve(64 + solution.allocations.size() * 64);
  out.append("{\"status\":\"");
  out.append(solution.status == match::SolveStatus::kOptimal ? "optimal" : "feasible");
  out.append("\",\"objective\":");
  append_double(solution.objective, &out);
  out.append(",\"bound\":");
  append_double(solution.bound, &out);
  out.append(",\"allocations\":[");
  for (size_t k = 0; k < solution.allocations.size(); ++k) {
    const match::Allocation& allocation = solution.allocations[k];
    if (k > 0) out.push_back(',');
    out.append("\n{\"need\":");
    append_json_string(instance.needs[allocation.need].id, &out);
    out.append(",\"offer\":");
    append_json_string(instance.offers[allocation.offer].id, &out);
    out.append(",\"amount\":");
    append_cents(allocation.amount_cents, &out);
    out.push_back('}');
  }
  out.append("\n]");
  if (solution.has_explanation) append_explanation(instance, solution.explanation, &out);
  out.append("}\n");
  return out;
}

Status write_file_atomically(const std::string& path, const std::string& content) {
  const std::filesystem::path target(path);
  std::filesystem::path temporary = target;
  temporary += ".tmp." + std::to_string(::getpid());
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return Status(ErrorCode::kUnavailable, "cannot write " + temporary.string());
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const bool closed = std::fclose(file) == 0;
  std::error_code error;
  if (!written || !closed) {
    std::filesystem::remove(temporary, error);
    return Status(ErrorCode::kUnavailable, "cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, target, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return Status(ErrorCode::kUnavailable, "cannot rename onto " + path);
  }
  return Status::ok();
}

}  // namespace tallinn::matchio
