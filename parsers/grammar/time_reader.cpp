#include "parsers/grammar/time_reader.hpp"

#include <array>
#include <chrono>

#include "core/stockholm_time.hpp"
#include "parsers/grammar/match_text.hpp"

namespace gdprd::parsers {
namespace {

namespace st = gdprd::stockholm;

using Tok = Token;

struct Ymd {
  int y = 0, m = 0, d = 0;
};

Ymd add_days(Ymd v, int n) {
  using namespace std::chrono;
  sys_days sd = sys_days{year{v.y} / month{static_cast<unsigned>(v.m)} / day{static_cast<unsigned>(v.d)}} + days{n};
  year_month_day r{sd};
  return Ymd{static_cast<int>(r.year()), static_cast<int>(unsigned(r.month())), static_cast<int>(unsigned(r.day()))};
}

bool valid_date(int y, int m, int d) {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= st::days_in_month(y, m);
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (v > 100000) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

int month_of(std::string_view w) {
  static const std::array<std::pair<std::string_view, int>, 34> kMonths = {{
      {"januari", 1}, {"january", 1}, {"jan", 1}, {"februari", 2}, {"february", 2}, {"feb", 2},
      {"mars", 3}, {"march", 3}, {"mar", 3}, {"april", 4}, {"apr", 4}, {"maj", 5}, {"may", 5},
      {"juni", 6}, {"june", 6}, {"jun", 6}, {"juli", 7}, {"july", 7}, {"jul", 7}, {"augusti", 8},
      {"august", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9}, {"oktober", 10},
      {"october", 10}, {"okt", 10}, {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12},
      {"dec", 12}, {"mars", 3}}};
  for (auto& [name, m] : kMonths)
    if (w == name) return m;
  return 0;
}

// 0 = Monday. Swedish "i onsdags" form has the trailing s; "onsdagen" the article.
int weekday_of(std::string_view w, bool& swedish_past) {
  static const std::array<std::pair<std::string_view, int>, 14> kDays = {{
      {"mandag", 0}, {"tisdag", 1}, {"onsdag", 2}, {"torsdag", 3}, {"fredag", 4}, {"lordag", 5}, {"sondag", 6},
      {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4}, {"saturday", 5},
      {"sunday", 6}}};
  swedish_past = false;
  for (auto& [name, d] : kDays) {
    if (w == name) return d;
    if (w.size() > name.size() && w.substr(0, name.size()) == name) {
      std::string_view rest = w.substr(name.size());
      if (rest == "s") {
        swedish_past = true;
        return d;
      }
      if (rest == "en" || rest == "ens") return d;
    }
  }
  return -1;
}

bool is_daypart(std::string_view w) {
  static const std::array<std::string_view, 24> k = {
      "morse", "morgon", "morgonen", "formiddag", "formiddagen", "formiddags", "eftermiddag", "eftermiddagen",
      "eftermiddags", "kvall", "kvallen", "kvalls", "natt", "natten", "lunch", "lunchtid", "morning", "afternoon",
      "evening", "night", "noon", "lunchtime", "dagen", "tiden"};
  for (auto d : k)
    if (w == d) return true;
  return false;
}

bool is_connector(std::string_view w) {
  static const std::array<std::string_view, 22> k = {
      "den", "vid", "ca", "cirka", "runt", "omkring", "at", "around", "about", "approximately", "approx",
      "on", "pa", "under", "strax", "kring", "in", "the", "i", "ungefar", "sometime", "of"};
  for (auto d : k)
    if (w == d) return true;
  return false;
}

enum class DateKind { absolute, relative_days, weekday, vague, same_day };

struct DatePart {
  size_t next = 0;
  DateKind kind = DateKind::vague;
  int y = 0, m = 0, d = 0;  // absolute (y = 0: year not written)
  int days = 0;             // relative_days
  int wd = 0;               // weekday
};

struct ClockPart {
  size_t next = 0;
  int h = 0, m = 0;
};

class Reader {
 public:
  Reader(std::string_view folded, const std::vector<Tok>& t) : f_(folded), t_(t) {}

  bool word(size_t i, std::string_view w) const { return i < t_.size() && t_[i].kind == Tok::word && t_[i].s == w; }
  bool punct(size_t i, std::string_view p) const { return i < t_.size() && t_[i].kind == Tok::punct && t_[i].s == p; }
  bool num(size_t i, size_t min_len = 1, size_t max_len = 4) const {
    return i < t_.size() && t_[i].kind == Tok::num && t_[i].s.size() >= min_len && t_[i].s.size() <= max_len;
  }
  bool adjacent(size_t i) const { return i > 0 && i < t_.size() && t_[i].b == t_[i - 1].e; }
  bool dash(size_t i) const {
    return punct(i, "-") || punct(i, "\xE2\x80\x93") || punct(i, "\xE2\x80\x94");
  }

  std::optional<DatePart> date_part(size_t i) const {
    if (i >= t_.size()) return std::nullopt;
    DatePart p;
    const Tok& t = t_[i];
    if (t.kind == Tok::word) {
      auto rel = [&](size_t next, int days) {
        p.next = next;
        p.kind = DateKind::relative_days;
        p.days = days;
        return p;
      };
      if (t.s == "igar" || t.s == "igaar") return rel(i + 1, -1);
      if (t.s == "forrgar" || t.s == "iforrgar") return rel(i + 1, -2);
      if (t.s == "idag" || t.s == "imorse" || t.s == "ikvall" || t.s == "inatt" || t.s == "today" ||
          t.s == "tonight")
        return rel(i + 1, 0);
      if (t.s == "yesterday") return rel(i + 1, -1);
      if (t.s == "i" && i + 1 < t_.size() && t_[i + 1].kind == Tok::word) {
        std::string_view w = t_[i + 1].s;
        if (w == "gar") return rel(i + 2, -1);
        if (w == "forrgar") return rel(i + 2, -2);
        if (w == "dag" || w == "morse" || w == "eftermiddags" || w == "formiddags" || w == "kvall" ||
            w == "natt" || w == "kvalls")
          return rel(i + 2, 0);
        bool past = false;
        int wd = weekday_of(w, past);
        if (wd >= 0 && past) {
          p.next = i + 2;
          p.kind = DateKind::weekday;
          p.wd = wd;
          return p;
        }
        if (w == "helgen" || w == "veckan" || w == "manadsskiftet") {
          p.next = i + 2;
          p.kind = DateKind::vague;
          return p;
        }
      }
      if ((t.s == "this") && i + 1 < t_.size() &&
          (word(i + 1, "morning") || word(i + 1, "afternoon") || word(i + 1, "evening")))
        return rel(i + 2, 0);
      if (t.s == "last" && word(i + 1, "night")) return rel(i + 2, -1);
      if ((t.s == "forra" || t.s == "forriga" || t.s == "last") &&
          (word(i + 1, "veckan") || word(i + 1, "week") || word(i + 1, "manaden") || word(i + 1, "month") ||
           word(i + 1, "aret") || word(i + 1, "year") || word(i + 1, "helgen") || word(i + 1, "weekend"))) {
        p.next = i + 2;
        p.kind = DateKind::vague;
        return p;
      }
      if ((t.s == "samma" || t.s == "same") && i + 1 < t_.size() && t_[i + 1].kind == Tok::word &&
          (is_daypart(t_[i + 1].s) || t_[i + 1].s == "dag" || t_[i + 1].s == "day")) {
        p.next = i + 2;
        p.kind = DateKind::same_day;
        return p;
      }
      bool past = false;
      int wd = weekday_of(t.s, past);
      if (wd >= 0) {
        p.next = i + 1;
        p.kind = DateKind::weekday;
        p.wd = wd;
        return p;
      }
      if ((t.s == "last" || t.s == "on") && i + 1 < t_.size() && t_[i + 1].kind == Tok::word) {
        wd = weekday_of(t_[i + 1].s, past);
        if (wd >= 0) {
          p.next = i + 2;
          p.kind = DateKind::weekday;
          p.wd = wd;
          return p;
        }
      }
      // "May 20", "maj 20, 2026"
      int mo = month_of(t.s);
      if (mo && num(i + 1, 1, 2)) {
        int d = to_int(t_[i + 1].s);
        size_t j = i + 2;
        if (word(j, "th") || word(j, "st") || word(j, "nd") || word(j, "rd")) ++j;
        int y = 0;
        size_t k = punct(j, ",") ? j + 1 : j;
        if (num(k, 4, 4)) {
          y = to_int(t_[k].s);
          j = k + 1;
        }
        if (d >= 1 && d <= 31) {
          p.next = j;
          p.kind = DateKind::absolute;
          p.y = y;
          p.m = mo;
          p.d = d;
          return p;
        }
      }
      return std::nullopt;
    }
    if (t.kind != Tok::num) return std::nullopt;
    // ISO 2026-05-20
    if (t.s.size() == 4 && dash(i + 1) && adjacent(i + 1) && num(i + 2, 1, 2) && adjacent(i + 2) &&
        dash(i + 3) && adjacent(i + 3) && num(i + 4, 1, 2) && adjacent(i + 4)) {
      p.next = i + 5;
      p.kind = DateKind::absolute;
      p.y = to_int(t.s);
      p.m = to_int(t_[i + 2].s);
      p.d = to_int(t_[i + 4].s);
      if (word(p.next, "t") && adjacent(p.next)) ++p.next;
      return valid_date(p.y, p.m, p.d) ? std::optional(p) : std::nullopt;
    }
    if (t.s.size() > 2) return std::nullopt;
    if (i > 0 && adjacent(i) && (t_[i - 1].kind != Tok::punct || t_[i - 1].s == "." || t_[i - 1].s == "/" ||
                                 t_[i - 1].s == ","))
      return std::nullopt;  // inside a longer number or code
    int d = to_int(t.s);
    // 20/5, 20/5-2026, 20/5 2026
    if (punct(i + 1, "/") && adjacent(i + 1) && num(i + 2, 1, 2) && adjacent(i + 2)) {
      p.kind = DateKind::absolute;
      p.d = d;
      p.m = to_int(t_[i + 2].s);
      p.next = i + 3;
      if ((dash(i + 3) || punct(i + 3, "/")) && adjacent(i + 3) && (num(i + 4, 4, 4) || num(i + 4, 2, 2)) &&
          adjacent(i + 4)) {
        p.y = to_int(t_[i + 4].s);
        p.next = i + 5;
      } else if (num(i + 3, 4, 4)) {
        p.y = to_int(t_[i + 3].s);
        p.next = i + 4;
      }
      if (p.y > 0 && p.y < 100) p.y += 2000;
      if (p.m < 1 || p.m > 12 || d < 1 || d > 31) return std::nullopt;
      return p;
    }
    // 20.5.2026
    if (punct(i + 1, ".") && adjacent(i + 1) && num(i + 2, 1, 2) && adjacent(i + 2) && punct(i + 3, ".") &&
        adjacent(i + 3) && (num(i + 4, 4, 4) || num(i + 4, 2, 2)) && adjacent(i + 4)) {
      p.kind = DateKind::absolute;
      p.d = d;
      p.m = to_int(t_[i + 2].s);
      p.y = to_int(t_[i + 4].s);
      if (p.y < 100) p.y += 2000;
      p.next = i + 5;
      if (p.m < 1 || p.m > 12 || d < 1 || d > 31) return std::nullopt;
      return p;
    }
    // 20 maj [2026], 20th May 2026, 1:a juni
    size_t j = i + 1;
    if ((word(j, "th") || word(j, "st") || word(j, "nd") || word(j, "rd") || word(j, "e") || word(j, "a")) &&
        adjacent(j))
      ++j;
    else if (punct(j, ":") && adjacent(j) && (word(j + 1, "e") || word(j + 1, "a")))
      j += 2;
    else if (punct(j, ".") && adjacent(j))
      ++j;  // "20. Mai"
    if (j < t_.size() && t_[j].kind == Tok::word) {
      int mo = month_of(t_[j].s);
      if (mo && d >= 1 && d <= 31) {
        p.kind = DateKind::absolute;
        p.d = d;
        p.m = mo;
        p.next = j + 1;
        size_t k = punct(p.next, ",") ? p.next + 1 : p.next;
        if (num(k, 4, 4)) {
          p.y = to_int(t_[k].s);
          p.next = k + 1;
        }
        return p;
      }
    }
    return std::nullopt;
  }

  // hh.mm or hh:mm at i (no "kl"); not part of a dotted date.
  std::optional<ClockPart> hhmm(size_t i, bool dot_ok) const {
    if (!num(i, 1, 2)) return std::nullopt;
    if (!(punct(i + 1, ":") || (dot_ok && punct(i + 1, "."))) || !adjacent(i + 1) || !num(i + 2, 2, 2) ||
        !adjacent(i + 2))
      return std::nullopt;
    if (punct(i + 3, ".") && adjacent(i + 3) && num(i + 4) && adjacent(i + 4)) return std::nullopt;  // a date
    if (punct(i + 3, ":") && adjacent(i + 3) && num(i + 4, 2, 2) && adjacent(i + 4)) {
      // hh:mm:ss — seconds are dropped.
      int h = to_int(t_[i].s), m = to_int(t_[i + 2].s);
      if (h > 23 || m > 59) return std::nullopt;
      return ClockPart{i + 5, h, m};
    }
    int h = to_int(t_[i].s), m = to_int(t_[i + 2].s);
    if (h > 23 || m > 59) return std::nullopt;
    return ClockPart{i + 3, h, m};
  }

  std::optional<ClockPart> clock_part(size_t i) const {
    if (i >= t_.size()) return std::nullopt;
    if (i > 0 && adjacent(i) && t_[i].kind == Tok::num &&
        (t_[i - 1].kind == Tok::num || t_[i - 1].s == "." || t_[i - 1].s == "," || t_[i - 1].s == "/" ||
         t_[i - 1].s == "-" || t_[i - 1].s == ":"))
      return std::nullopt;  // tail of a longer number
    if (word(i, "kl") || word(i, "klockan") || word(i, "kloc")) {
      size_t j = i + 1;
      if (punct(j, ".")) ++j;
      if (auto c = hhmm(j, true)) return c;
      if (num(j, 1, 2)) {
        int h = to_int(t_[j].s);
        if (h <= 23) {
          size_t n = j + 1;
          if (word(n, "tiden") || ((dash(n)) && word(n + 1, "tiden"))) n += dash(n) ? 2 : 1;
          return ClockPart{n, h, 0};
        }
      }
      return std::nullopt;
    }
    if (auto c = hhmm(i, true)) {
      // am/pm after a clock
      ClockPart r = *c;
      if (word(r.next, "pm") && r.h < 12) {
        r.h += 12;
        ++r.next;
      } else if (word(r.next, "am")) {
        if (r.h == 12) r.h = 0;
        ++r.next;
      }
      return r;
    }
    if (num(i, 1, 2)) {
      int h = to_int(t_[i].s);
      // 22-tiden, 22-tiden
      if (dash(i + 1) && adjacent(i + 1) && word(i + 2, "tiden") && h <= 23) return ClockPart{i + 3, h, 0};
      // 3 pm, 3pm, 3 p.m.
      if (word(i + 1, "pm") || (word(i + 1, "p") && punct(i + 2, ".") && word(i + 3, "m"))) {
        if (h < 1 || h > 12) return std::nullopt;
        return ClockPart{i + (word(i + 1, "pm") ? 2u : 4u), h == 12 ? 12 : h + 12, 0};
      }
      if (word(i + 1, "am") || (word(i + 1, "a") && punct(i + 2, ".") && word(i + 3, "m"))) {
        if (h < 1 || h > 12) return std::nullopt;
        return ClockPart{i + (word(i + 1, "am") ? 2u : 4u), h == 12 ? 0 : h, 0};
      }
    }
    // "mellan 14 och 15", "between 14 and 15": the start of the span.
    if ((word(i, "mellan") || word(i, "between")) && num(i + 1, 1, 2)) {
      auto c = hhmm(i + 1, true);
      ClockPart r = c ? *c : ClockPart{i + 2, to_int(t_[i + 1].s), 0};
      if (word(r.next, "och") || word(r.next, "and")) {
        if (auto e = hhmm(r.next + 1, true)) {
          r.next = e->next;
        } else if (num(r.next + 1, 1, 2)) {
          r.next += 2;
        } else {
          return std::nullopt;
        }
        return r.h <= 23 ? std::optional(r) : std::nullopt;
      }
    }
    return std::nullopt;
  }

  // After a clock: "–15.30", "till 15", "to 16:00" belong to the same span.
  size_t skip_span_end(size_t j) const {
    if (dash(j) || word(j, "till") || word(j, "to") || word(j, "och") || word(j, "and")) {
      size_t k = j + 1;
      if (word(k, "kl") || word(k, "klockan")) {
        ++k;
        if (punct(k, ".")) ++k;
      }
      if (auto c = hhmm(k, true)) return c->next;
      if (dash(j) && num(k, 1, 2) && adjacent(k)) return k + 1;
    }
    return j;
  }

  bool is_bound_before(size_t i) const {
    if (i == 0) return false;
    size_t p = i - 1;
    if (p > 0 && (word(p, "den") || word(p, "the") || word(p, "on") || word(p, "kl"))) --p;
    if (t_[p].kind != Tok::word) return false;
    std::string_view w = t_[p].s;
    if (w == "efter" || w == "after") return !(p > 0 && (word(p - 1, "strax") || word(p - 1, "shortly")));
    return w == "innan" || w == "fore" || w == "before" || w == "senast" || w == "tidigast" || w == "until" ||
           w == "sedan" || w == "since" || w == "by";
  }

  const std::vector<Tok>& toks() const { return t_; }

 private:
  std::string_view f_;
  const std::vector<Tok>& t_;
};

struct Expr {
  size_t begin_tok = 0, end_tok = 0;
  std::optional<DatePart> date;
  std::optional<ClockPart> clock;
};

// Skips connectors and day parts from j (at most 4 tokens); returns the new index.
size_t skip_fillers(const Reader& r, size_t j) {
  const auto& t = r.toks();
  size_t n = 0;
  while (j < t.size() && n < 4) {
    if (t[j].kind == Tok::punct && t[j].s == ",") {
      ++j;
      ++n;
      continue;
    }
    if (t[j].kind == Tok::word && (is_connector(t[j].s) || is_daypart(t[j].s))) {
      ++j;
      ++n;
      continue;
    }
    break;
  }
  return j;
}

std::optional<Expr> expr_at(const Reader& r, size_t i) {
  Expr e;
  e.begin_tok = i;
  if (auto d = r.date_part(i)) {
    e.date = d;
    e.end_tok = d->next;
    // "torsdagen den 11 juni": an explicit date after a weekday wins.
    if (d->kind == DateKind::weekday) {
      size_t k = e.end_tok;
      if (r.punct(k, ",")) ++k;
      if (r.word(k, "den") || r.word(k, "the")) ++k;
      if (auto d2 = r.date_part(k); d2 && d2->kind == DateKind::absolute) {
        e.date = d2;
        e.end_tok = d2->next;
      }
    }
    size_t j = skip_fillers(r, e.end_tok);
    if (auto c = r.clock_part(j)) {
      e.clock = c;
      e.end_tok = r.skip_span_end(c->next);
    } else {
      // Day parts after the date belong to the expression.
      while (e.end_tok < r.toks().size() && r.toks()[e.end_tok].kind == Tok::word &&
             is_daypart(r.toks()[e.end_tok].s))
        ++e.end_tok;
    }
    return e;
  }
  if (auto c = r.clock_part(i)) {
    e.clock = c;
    e.end_tok = r.skip_span_end(c->next);
    size_t j = skip_fillers(r, e.end_tok);
    if (auto d = r.date_part(j); d && d->kind != DateKind::vague) {
      e.date = d;
      e.end_tok = d->next;
    }
    return e;
  }
  return std::nullopt;
}

}  // namespace

std::vector<TimeMatch> find_times(std::string_view text, std::optional<TimePoint> reference) {
  std::vector<TimeMatch> out;
  std::vector<size_t> map;
  std::string f = fold_with_map(text, map);
  std::vector<Tok> toks = tokenize(f);
  Reader r(f, toks);

  std::optional<Ymd> ref_day;
  if (reference) {
    auto l = st::to_local(*reference);
    ref_day = Ymd{l.year, l.month, l.day};
  }
  std::optional<Ymd> last_day;  // the day the narrative is on, for a clock time alone

  size_t i = 0;
  while (i < toks.size()) {
    auto e = expr_at(r, i);
    if (!e) {
      ++i;
      continue;
    }
    TimeMatch m;
    m.begin = map[toks[e->begin_tok].b];
    m.end = map[toks[e->end_tok - 1].e];
    m.is_bound = r.is_bound_before(e->begin_tok);
    m.has_clock = e->clock.has_value();
    std::optional<Ymd> day;
    bool vague = false;
    if (e->date) {
      const DatePart& d = *e->date;
      switch (d.kind) {
        case DateKind::absolute: {
          int y = d.y;
          if (y == 0 && ref_day) {
            y = ref_day->y;
            // A day-month later than the reference is last year's.
            if (d.m > ref_day->m || (d.m == ref_day->m && d.d > ref_day->d + 1)) --y;
          }
          if (y != 0 && valid_date(y, d.m, d.d)) day = Ymd{y, d.m, d.d};
          if (d.y == 0) m.is_relative = true;
          break;
        }
        case DateKind::relative_days:
          m.is_relative = true;
          if (ref_day) day = add_days(*ref_day, d.days);
          break;
        case DateKind::weekday:
          m.is_relative = true;
          if (ref_day) {
            int ref_wd = st::weekday(ref_day->y, ref_day->m, ref_day->d);
            int back = (ref_wd - d.wd + 7) % 7;
            if (back == 0) back = 7;
            day = add_days(*ref_day, -back);
          }
          break;
        case DateKind::same_day:
          m.is_relative = true;
          day = last_day;
          break;
        case DateKind::vague:
          vague = true;
          break;
      }
    } else if (e->clock) {
      m.is_relative = true;
      day = last_day ? last_day : ref_day;
    }
    m.has_date = day.has_value();
    if (day && !vague) {
      last_day = day;
      st::LocalDateTime l{day->y, day->m, day->d, 0, 0, 0};
      if (e->clock) {
        l.hour = e->clock->h;
        l.minute = e->clock->m;
        if (!m.is_bound) m.value = st::format_rfc3339(l);
      } else if (!m.is_bound) {
        m.value = st::format_date(l);
      }
    }
    out.push_back(std::move(m));
    i = e->end_tok > i ? e->end_tok : i + 1;
  }
  return out;
}

std::optional<std::string> read_time(std::string_view text, std::optional<TimePoint> reference) {
  auto all = find_times(text, reference);
  if (all.empty()) return std::nullopt;
  return all.front().value;
}

std::optional<TimePoint> read_instant(std::string_view text, std::optional<TimePoint> reference) {
  // RFC 5322 style with a numeric zone: "Mon, 20 May 2026 16:39:00 +0200".
  std::string_view t = trim(text);
  std::vector<size_t> map;
  std::string f = fold_with_map(t, map);
  std::vector<Tok> toks = tokenize(f);
  Reader r(f, toks);
  for (size_t i = 0; i < toks.size(); ++i) {
    auto e = expr_at(r, i);
    if (!e || !e->date || e->date->kind != DateKind::absolute) continue;
    const DatePart& d = *e->date;
    int y = d.y;
    if (y == 0 && reference) y = st::to_local(*reference).year;
    if (!valid_date(y, d.m, d.d)) return std::nullopt;
    int h = e->clock ? e->clock->h : 0, mi = e->clock ? e->clock->m : 0;
    // Explicit numeric zone after the clock.
    size_t z = e->end_tok;
    if (z < toks.size() && (r.punct(z, "+") || r.punct(z, "-")) && r.num(z + 1, 4, 4)) {
      int sign = toks[z].s == "-" ? -1 : 1;
      int hhmm = to_int(toks[z + 1].s);
      using namespace std::chrono;
      sys_days sd = sys_days{year{y} / month{static_cast<unsigned>(d.m)} / day{static_cast<unsigned>(d.d)}};
      return TimePoint{sd + hours{h} + minutes{mi} - sign * (hours{hhmm / 100} + minutes{hhmm % 100})};
    }
    return st::to_instant(st::LocalDateTime{y, d.m, d.d, h, mi, 0});
  }
  return std::nullopt;
}

}  // namespace gdprd::parsers
