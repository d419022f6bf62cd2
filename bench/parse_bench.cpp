// gdprd_parse_bench: how fast the pure parser reads report mails.
//
// Usage: gdprd_parse_bench DIR [--repeat K] [--json FILE] [--records FILE] [--sandboxed [--worker PATH]]
//
// Reads every *.eml file of DIR into memory first (so that disk and page cache do not enter
// the figures), then calls gdprd::parsers::read_report() on each mail in file-name order, K
// times over (default 1), on one thread. Prints messages/s and MB/s overall and per kind of
// mail, per-mail latency percentiles, how many records need a human (a sanity figure: a
// generated report that the parser cannot read is a parser problem, not a fast path), and the
// peak resident set size. Rates are given twice: by wall time, and by the thread's CPU time,
// which is what the parser would get from one core of its own on a machine shared with other
// work (as the development machines are). The kind is taken from the file name as bench/gen_mails.py writes it
// (NNNNNN_<kind>.eml); other names count as kind "other".
//
// --records FILE writes, for the first pass, one line per mail: its file name, needs_human and
// the record's JSON. Two builds of the parser must write the same file (a speed change that
// changes a record is a regression); `diff` shows which mail and which field moved.
//
// --sandboxed reads each mail as the daemon does, through the parse worker
// (daemon/parse_sandbox.hpp: a confined child of gdprincident-parse per mail); CPU time then
// is this thread's plus each child's (as the worker reports it; the worker's own few ms at its
// start, and its fork per mail, are not counted). --worker names the worker program (default: where the daemon looks,
// daemon/parse_sandbox.hpp). The difference to a run without it is the sandbox's cost per mail.
//
// Exit status: 0 after a run, 2 on bad usage, 1 when DIR holds no .eml file or cannot be read.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/record_json.hpp"
#include "daemon/parse_sandbox.hpp"
#include "parsers/report_reader.hpp"

namespace {

struct Mail {
  std::string name;
  std::string kind;
  std::string bytes;
};

struct KindStats {
  size_t messages = 0;
  size_t bytes = 0;
  double seconds = 0;      // wall
  double cpu_seconds = 0;  // this thread's CPU time
  size_t needs_human = 0;
  std::vector<double> latencies;  // seconds, one per parse
};

// "000123_docx.eml" -> "docx". Only the generator's names carry a kind.
std::string kind_of(const std::string& filename) {
  auto stem = filename.substr(0, filename.size() - 4);  // without ".eml"
  auto us = stem.rfind('_');
  if (us == std::string::npos || us + 1 == stem.size()) return "other";
  return stem.substr(us + 1);
}

// Peak resident set size of this process so far, in MiB (Linux reports ru_maxrss in KiB).
double peak_rss_mib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double rate(double amount, double seconds) { return seconds > 0 ? amount / seconds : 0; }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto idx = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(idx, v.size() - 1)];
}

bool load(const std::filesystem::path& dir, std::vector<Mail>& mails) {
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".eml") paths.push_back(it->path());
  }
  if (ec) {
    std::cerr << "parse_bench: cannot read " << dir << ": " << ec.message() << "\n";
    return false;
  }
  std::sort(paths.begin(), paths.end());
  mails.reserve(paths.size());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in) {
      std::cerr << "parse_bench: cannot read " << p << "\n";
      return false;
    }
    mails.push_back({p.filename().string(), kind_of(p.filename().string()), std::move(buf).str()});
  }
  return true;
}

void print_row(const std::string& name, const KindStats& s) {
  auto msgs = static_cast<double>(s.messages);
  auto mb = static_cast<double>(s.bytes) / 1e6;
  std::printf("  %-8s %7zu %9.1f %9.1f %8.2f %9.2f %9.2f %9.2f %6zu\n", name.c_str(), s.messages,
              rate(msgs, s.seconds), rate(msgs, s.cpu_seconds), rate(mb, s.seconds),
              percentile(s.latencies, 0.50) * 1e3, percentile(s.latencies, 0.99) * 1e3,
              percentile(s.latencies, 1.0) * 1e3, s.needs_human);
}

void write_json(const std::string& file, const std::map<std::string, KindStats>& kinds,
                const KindStats& all, size_t repeat, double rss_loaded, double rss_peak) {
  std::ofstream out(file);
  auto obj = [&](const KindStats& s) {
    std::ostringstream o;
    auto msgs = static_cast<double>(s.messages);
    auto mb = static_cast<double>(s.bytes) / 1e6;
    o << "{\"messages\": " << s.messages << ", \"bytes\": " << s.bytes << ", \"seconds\": " << s.seconds
      << ", \"cpu_seconds\": " << s.cpu_seconds << ", \"messages_per_s\": " << rate(msgs, s.seconds)
      << ", \"messages_per_cpu_s\": " << rate(msgs, s.cpu_seconds) << ", \"mb_per_s\": " << rate(mb, s.seconds)
      << ", \"mb_per_cpu_s\": " << rate(mb, s.cpu_seconds)
      << ", \"p50_ms\": " << percentile(s.latencies, 0.5) * 1e3
      << ", \"p99_ms\": " << percentile(s.latencies, 0.99) * 1e3
      << ", \"max_ms\": " << percentile(s.latencies, 1.0) * 1e3 << ", \"needs_human\": " << s.needs_human
      << "}";
    return o.str();
  };
  out << "{\n  \"repeat\": " << repeat << ",\n  \"all\": " << obj(all) << ",\n  \"kinds\": {";
  bool first = true;
  for (const auto& [name, s] : kinds) {
    out << (first ? "\n" : ",\n") << "    \"" << name << "\": " << obj(s);
    first = false;
  }
  out << "\n  },\n  \"rss_after_load_mib\": " << rss_loaded << ",\n  \"peak_rss_mib\": " << rss_peak << "\n}\n";
}

int usage() {
  std::cerr << "usage: gdprd_parse_bench DIR [--repeat K] [--json FILE] [--records FILE] [--sandboxed [--worker PATH]]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::filesystem::path dir = argv[1];
  size_t repeat = 1;
  std::string json_file;
  std::string records_file;
  bool sandboxed = false;
  gdprd::daemon::SandboxSettings sandbox_settings;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::strtoul(argv[++i], nullptr, 10);
      if (repeat == 0) return usage();
    } else if (a == "--json" && i + 1 < argc) {
      json_file = argv[++i];
    } else if (a == "--records" && i + 1 < argc) {
      records_file = argv[++i];
    } else if (a == "--sandboxed") {
      sandboxed = true;
    } else if (a == "--worker" && i + 1 < argc) {
      sandbox_settings.worker_path = argv[++i];
    } else {
      return usage();
    }
  }

  std::vector<Mail> mails;
  if (!load(dir, mails)) return 1;
  if (mails.empty()) {
    std::cerr << "parse_bench: no .eml file in " << dir << "\n";
    return 1;
  }
  double rss_loaded = peak_rss_mib();

  // Something read from every result, so that no parse can be optimised away.
  size_t sink = 0;
  std::map<std::string, KindStats> kinds;
  KindStats all;
  const gdprd::Limits limits;
  using Clock = std::chrono::steady_clock;
  std::ofstream records;
  if (!records_file.empty()) {
    records.open(records_file);
    if (!records) {
      std::cerr << "parse_bench: cannot write " << records_file << "\n";
      return 1;
    }
  }
  gdprd::daemon::ParseSandbox sandbox(sandbox_settings);  // its worker starts on the first mail
  for (size_t r = 0; r < repeat; ++r) {
    for (const auto& m : mails) {
      auto t0 = Clock::now();
      double c0 = thread_cpu_seconds();
      gdprd::parsers::ReadResult result;
      double child_cpu = 0;
      if (sandboxed) {
        auto boxed = sandbox.read(m.bytes, limits);
        result = std::move(boxed.result);
        child_cpu = std::chrono::duration<double>(boxed.child_cpu).count();
      } else {
        result = gdprd::parsers::read_report(m.bytes, limits);
      }
      double c1 = thread_cpu_seconds() + child_cpu;
      auto t1 = Clock::now();
      double s = std::chrono::duration<double>(t1 - t0).count();
      sink += result.record.description ? result.record.description->size() : 0;
      sink += result.record.warnings.size();
      // Outside the timed span: serialising is not parsing.
      if (r == 0 && records.is_open())
        records << m.name << " needs_human=" << result.needs_human << " " << gdprd::to_json(result.record).dump() << "\n";
      for (KindStats* k : {&kinds[m.kind], &all}) {
        k->messages++;
        k->bytes += m.bytes.size();
        k->seconds += s;
        k->cpu_seconds += c1 - c0;
        k->needs_human += result.needs_human ? 1 : 0;
        k->latencies.push_back(s);
      }
    }
  }
  double rss_peak = peak_rss_mib();

  std::printf("gdprd_parse_bench: %zu mails (%.1f MB) x %zu, single thread%s\n", mails.size(),
              static_cast<double>(all.bytes) / 1e6 / static_cast<double>(repeat), repeat,
              sandboxed ? ", each in a parse worker process" : "");
  std::printf("  %-8s %7s %9s %9s %8s %9s %9s %9s %6s\n", "kind", "msgs", "msgs/s", "/cpu-s", "MB/s",
              "p50 ms", "p99 ms", "max ms", "human");
  for (const auto& [name, s] : kinds) print_row(name, s);
  print_row("all", all);
  auto msgs = static_cast<double>(all.messages);
  auto mb = static_cast<double>(all.bytes) / 1e6;
  std::printf("messages/s: %.1f (wall), %.1f per CPU second\n", rate(msgs, all.seconds), rate(msgs, all.cpu_seconds));
  std::printf("MB/s: %.2f (wall), %.2f per CPU second\n", rate(mb, all.seconds), rate(mb, all.cpu_seconds));
  std::printf("peak RSS: %.1f MiB (%.1f MiB after loading the mails)\n", rss_peak, rss_loaded);
  std::printf("(checksum %zu)\n", sink);
  if (!json_file.empty()) write_json(json_file, kinds, all, repeat, rss_loaded, rss_peak);
  return 0;
}
