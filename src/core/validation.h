// Field rules of the domain records. Each check returns kInvalid naming the
// offending field as the API spells it ("title", "access.orgs[2]").
#pragma once

#include <string_view>

#include "core/assessment.h"
#include "core/domain.h"
#include "core/status.h"

namespace tallinn {

Status validate_need(const Need& need);
Status validate_offer(const Offer& offer);
Status validate_assessment(const Assessment& assessment);
Status validate_organisation(const Organisation& organisation);
Status validate_email(const std::string& email);
Status validate_access(const Access& access);

// True when `text` is well-formed UTF-8: shortest form, no surrogates, at most
// U+10FFFF.
bool is_valid_utf8(std::string_view text);

// True when `text` is valid UTF-8 without control characters other than
// tab and newline.
bool is_clean_text(const std::string& text);

}  // namespace tallinn
