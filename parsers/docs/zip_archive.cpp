#include "parsers/docs/zip_archive.hpp"

#include <zip.h>

#include <cstdint>

#include "core/vocabulary.hpp"

namespace gdprd::parsers {
namespace {

// An OLE2 compound file: an old binary .doc often arrives named .docx.
bool looks_like_ole2(std::string_view b) { return b.substr(0, 4) == std::string_view("\xD0\xCF\x11\xE0", 4); }

}  // namespace

ZipArchive::ZipArchive(std::string_view bytes, const Limits& limits) : limits_(limits) {
  if (bytes.size() < 22) {  // smaller than an empty end-of-central-directory record
    warn(vocab::kUnreadableAttachment, "not a zip container (too short)");
    return;
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) {
    zip_error_fini(&error);
    warn(vocab::kUnreadableAttachment, "zip source could not be created");
    return;
  }
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (za == nullptr) {
    zip_source_free(src);
    warn(vocab::kUnreadableAttachment, looks_like_ole2(bytes)
                                           ? "binary Word/OLE2 document, not a zip container"
                                           : std::string("not a readable zip container: ") +
                                                 zip_error_strerror(&error));
    zip_error_fini(&error);
    return;
  }
  zip_error_fini(&error);
  const zip_int64_t n = zip_get_num_entries(za, 0);
  if (n < 0 || static_cast<uint64_t>(n) > limits_.max_zip_entries) {
    zip_discard(za);
    warn(vocab::kLimitExceeded, "zip container has more than max_zip_entries entries");
    return;
  }
  archive_ = za;
}

ZipArchive::~ZipArchive() {
  if (archive_ != nullptr) zip_discard(archive_);
}

void ZipArchive::warn(std::string_view code, std::string message) {
  warnings_.push_back(Warning{std::string(code), std::move(message)});
}

bool ZipArchive::has(std::string_view name) const {
  if (archive_ == nullptr) return false;
  const std::string n(name);
  return zip_name_locate(archive_, n.c_str(), 0) >= 0 || zip_name_locate(archive_, n.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<std::string> ZipArchive::read(std::string_view name) {
  if (archive_ == nullptr) return std::nullopt;
  const std::string n(name);
  zip_int64_t index = zip_name_locate(archive_, n.c_str(), 0);
  if (index < 0) index = zip_name_locate(archive_, n.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    warn(vocab::kUnreadableAttachment, "zip entry missing: " + n);
    return std::nullopt;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
      (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) != (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
    warn(vocab::kUnreadableAttachment, "zip entry unreadable: " + n);
    return std::nullopt;
  }
  // Guards on the declared sizes, before inflating anything.
  if (st.size > limits_.max_zip_entry_bytes) {
    warn(vocab::kLimitExceeded, "zip entry larger than max_zip_entry_bytes: " + n);
    return std::nullopt;
  }
  const uint64_t comp = st.comp_size;
  if (st.size > 0 && (comp == 0 || st.size / comp > limits_.max_zip_ratio)) {
    warn(vocab::kLimitExceeded, "zip entry compressed beyond max_zip_ratio: " + n);
    return std::nullopt;
  }
  zip_file_t* f = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (f == nullptr) {
    warn(vocab::kUnreadableAttachment, "zip entry cannot be opened (encrypted or unsupported): " + n);
    return std::nullopt;
  }
  // The header may lie: read at most the limit (and the ratio) whatever it says.
  const uint64_t cap = std::min<uint64_t>(limits_.max_zip_entry_bytes,
                                          comp > 0 ? comp * limits_.max_zip_ratio : 0);
  std::string out;
  out.reserve(static_cast<size_t>(std::min<uint64_t>(st.size, cap)));
  char buf[16384];
  bool failed = false, too_big = false;
  for (;;) {
    const zip_int64_t got = zip_fread(f, buf, sizeof buf);
    if (got < 0) {
      failed = true;
      break;
    }
    if (got == 0) break;
    if (out.size() + static_cast<uint64_t>(got) > cap) {
      too_big = true;
      break;
    }
    out.append(buf, static_cast<size_t>(got));
  }
  zip_fclose(f);
  if (too_big) {
    warn(vocab::kLimitExceeded, "zip entry inflates beyond its limit: " + n);
    return std::nullopt;
  }
  if (failed) {
    warn(vocab::kUnreadableAttachment, "zip entry corrupt or truncated: " + n);
    return std::nullopt;
  }
  return out;
}

}  // namespace gdprd::parsers
