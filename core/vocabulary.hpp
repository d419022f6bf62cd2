// The closed vocabularies of the spec (enum values in the spec's order) and
// the warning codes. Lists are in the order the spec gives, which is also the
// order lists in a record are written in.
#pragma once

#include <array>
#include <string_view>

namespace gdprd::vocab {

inline constexpr std::array<std::string_view, 6> kIncidentTypes = {
    "misdirected_message", "disclosure_other", "unauthorized_access", "loss", "destruction", "alteration"};
inline constexpr std::array<std::string_view, 5> kDetectedBy = {"automated", "routine", "employee", "processor",
                                                                "external"};
inline constexpr std::array<std::string_view, 7> kCauses = {
    "human_error", "organisational", "technical", "internal_malicious", "external_attack", "unknown", "other"};
inline constexpr std::array<std::string_view, 3> kSectors = {"public", "private", "other"};
inline constexpr std::array<std::string_view, 16> kAreas = {
    "healthcare", "social_services",  "school",           "university",      "other_higher_education",
    "research",   "finance_insurance", "credit_reporting", "debt_collection", "business_other",
    "police",     "justice_other",     "non_profit",       "municipality",    "government_agency",
    "other"};
inline constexpr std::array<std::string_view, 14> kSubjectGroups = {
    "employees", "users",    "customers", "subscribers", "members", "military",
    "patients",  "children", "pupils",    "students",    "vulnerable",
    "other_especially_affected", "unknown", "other"};
inline constexpr std::array<std::string_view, 19> kDataCategories = {
    "ethnic_origin", "political_opinions", "religious_beliefs", "trade_union", "genetic",
    "biometric", "health", "sex_life", "criminal_offences", "personal_identity_number",
    "financial", "official_documents", "location", "communication_logs", "communication_metadata",
    "identifying", "contact", "unknown", "other"};
inline constexpr std::array<std::string_view, 4> kEncrypted = {"all", "partial", "no", "unknown"};
inline constexpr std::array<std::string_view, 10> kConsequences = {
    "loss_of_control", "limitation_of_rights", "discrimination", "identity_theft_or_fraud",
    "financial_loss", "reversal_of_pseudonymisation", "damage_to_reputation",
    "loss_of_confidentiality_professional_secrecy", "other_disadvantage", "other"};
inline constexpr std::array<std::string_view, 3> kWillInform = {"yes", "no", "undecided"};
inline constexpr std::array<std::string_view, 4> kNotInformReasons = {"not_high_risk", "protected",
                                                                      "already_mitigated", "public_notice"};
inline constexpr std::array<std::string_view, 9> kRanges = {
    "1-10", "11-100", "101-1000", "1001-10000", "10001-100000", "100001-500000", "500001-1000000",
    "over_1000000", "unknown"};

// Warning codes.
inline constexpr std::string_view kMissingMandatoryField = "missing_mandatory_field";
inline constexpr std::string_view kPersonalIdentityNumber = "personal_identity_number_in_report";
inline constexpr std::string_view kUnreadableAttachment = "unreadable_attachment";
inline constexpr std::string_view kTruncatedMessage = "truncated_message";
inline constexpr std::string_view kLimitExceeded = "limit_exceeded";

// Position of value in list, or list.size() when absent: used to keep enum
// lists in the spec's order.
template <size_t N>
constexpr size_t index_of(const std::array<std::string_view, N>& list, std::string_view value) {
  for (size_t i = 0; i < N; ++i)
    if (list[i] == value) return i;
  return N;
}

}  // namespace gdprd::vocab
