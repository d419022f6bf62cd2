// Reads single entries of a zip container (docx, odt) held in memory, with
// the zip-bomb guards of core/limits.hpp applied before anything is inflated.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"
#include "core/record.hpp"

struct zip;

namespace gdprd::parsers {

class ZipArchive {
 public:
  // Opens `bytes` (not copied: they must outlive the archive). On failure
  // `ok()` is false and `warnings()` says why: `unreadable_attachment` for
  // something that is not a readable zip, `limit_exceeded` for too many entries.
  ZipArchive(std::string_view bytes, const Limits& limits);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool ok() const { return archive_ != nullptr; }
  // True when an entry of that name (exact, then case-insensitive) exists.
  bool has(std::string_view name) const;
  // The inflated entry, or nullopt (with a warning) when it is absent, larger
  // than max_zip_entry_bytes, compressed more than max_zip_ratio, or corrupt.
  // Size and ratio are checked from the header first and again while reading,
  // so a header that lies about the size still stops at the limit.
  std::optional<std::string> read(std::string_view name);
  const std::vector<Warning>& warnings() const { return warnings_; }

 private:
  void warn(std::string_view code, std::string message);

  const Limits& limits_;
  zip* archive_ = nullptr;
  std::vector<Warning> warnings_;
};

}  // namespace gdprd::parsers
