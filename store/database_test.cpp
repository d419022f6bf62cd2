#include "store/database.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>

#include "store/schema.hpp"
#include "store/test_dir.hpp"

namespace gdprd::store {
namespace {

using testing::TestDir;

mode_t file_mode(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 0777;
}

TEST(Database, NewFileIsPrivateEvenWithPermissiveUmask) {
  TestDir dir;
  mode_t old = ::umask(0);
  {
    Database db(dir.file("a.db"));
    db.exec("CREATE TABLE t(x)");
  }
  ::umask(old);
  EXPECT_EQ(file_mode(dir.file("a.db")), 0600u);
}

TEST(Database, NewFileIsReadWriteEvenWithRestrictiveUmask) {
  TestDir dir;
  mode_t old = ::umask(0277);
  {
    Database db(dir.file("a.db"));
  }
  ::umask(old);
  EXPECT_EQ(file_mode(dir.file("a.db")), 0600u);
}

TEST(Database, UriLookingPathIsAPlainPrivateFile) {
  // No URI parsing: "file:..." from a config cannot switch off the 0600 creation.
  TestDir dir;
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.file(""));
  mode_t old = ::umask(0);
  {
    Database db("file:x.db?mode=memory");
    db.exec("CREATE TABLE t(x)");
  }
  ::umask(old);
  std::filesystem::current_path(cwd);
  EXPECT_EQ(file_mode(dir.file("file:x.db?mode=memory")), 0600u);
}

TEST(Database, UnopenablePathIsAStoreError) {
  TestDir dir;
  EXPECT_THROW(Database(dir.file("missing-dir/a.db")), StoreError);
}

TEST(Database, WalFilesInheritPrivateMode) {
  TestDir dir;
  mode_t old = ::umask(0);
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
  ::umask(old);
  EXPECT_EQ(file_mode(dir.file("a.db-wal")), 0600u);
}

TEST(Database, PragmasAreSetOnOpen) {
  TestDir dir;
  Database db(dir.file("a.db"));
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.text(0), "wal");
  auto sync = db.prepare("PRAGMA synchronous");
  ASSERT_TRUE(sync.step());
  EXPECT_EQ(sync.int64(0), 2);  // FULL
  auto fk = db.prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.step());
  EXPECT_EQ(fk.int64(0), 1);
}

TEST(Database, EmptyFileIsMigratedToLatestVersion) {
  TestDir dir;
  Database db(dir.file("a.db"));
  EXPECT_EQ(db.schema_version(), static_cast<int>(migrations().size()));
  for (const char* table : {"messages", "incidents", "reference_counters", "events", "outbox", "mailbox_state",
                            "reminders"}) {
    auto s = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    s.bind(1, table);
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.int64(0), 1) << table;
  }
}

TEST(Database, VersionOneFileKeepsItsDataWhenReopened) {
  TestDir dir;
  std::string path = dir.file("v1.db");
  {
    // Build a v1 file by hand, the way an older binary left it.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    std::string sql(migrations()[0]);
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           "INSERT INTO reference_counters VALUES (2026, 41); PRAGMA user_version = 1;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  Database db(path);
  EXPECT_EQ(db.schema_version(), static_cast<int>(migrations().size()));
  auto s = db.prepare("SELECT last_seq FROM reference_counters WHERE year = 2026");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.int64(0), 41);
  // Migration 2 was applied on top: its trigger exists.
  auto t = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'messages_raw_immutable'");
  ASSERT_TRUE(t.step());
  EXPECT_EQ(t.int64(0), 1);
}

TEST(Database, FailedMigrationLeavesTheVersionUnchanged) {
  TestDir dir;
  std::string path = dir.file("broken.db");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    std::string sql(migrations()[0]);
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    // An object in the way of migration 2 makes it fail halfway.
    ASSERT_EQ(sqlite3_exec(raw,
                           "CREATE TRIGGER incidents_reference_immutable AFTER INSERT ON incidents BEGIN SELECT 1; END;"
                           "PRAGMA user_version = 1;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  EXPECT_THROW(Database db(path), StoreError);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw,
                     "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master "
                     "WHERE name = 'messages_raw_immutable')",
                     -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);  // still v1
  EXPECT_EQ(sqlite3_column_int(stmt, 1), 0);  // the first statement of v2 was rolled back
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
}

TEST(Database, FileFromNewerSchemaIsRefused) {
  TestDir dir;
  std::string path = dir.file("new.db");
  {
    Database db(path);
    db.exec("PRAGMA user_version = 999");
  }
  try {
    Database db(path);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_FALSE(e.transient());
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos);
  }
}

TEST(Database, TransactionWithoutCommitRollsBack) {
  TestDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t(x)");
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
  }
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (2)");
    tx.commit();
  }
  auto s = db.prepare("SELECT group_concat(x) FROM t");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0), "2");
}

TEST(Database, SecondWriterTimesOutWithTransientError) {
  TestDir dir;
  Database a(dir.file("a.db"));
  Database b(dir.file("a.db"), std::chrono::milliseconds(50));
  Transaction hold(a);
  try {
    Transaction tx(b);
    FAIL() << "expected SQLITE_BUSY";
  } catch (const StoreError& e) {
    EXPECT_TRUE(e.transient());
    EXPECT_EQ(e.sqlite_code() & 0xff, SQLITE_BUSY);
  }
}

TEST(Database, ConstraintViolationIsNotTransient) {
  TestDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t(x UNIQUE); INSERT INTO t VALUES (1)");
  try {
    db.exec("INSERT INTO t VALUES (1)");
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_FALSE(e.transient());
  }
}

TEST(Database, PlainIntAndZeroBindAsIntegers) {
  TestDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t(x)");
  db.prepare("INSERT INTO t VALUES (?), (?)").bind(1, 0).bind(2, 7).run();
  auto s = db.prepare("SELECT group_concat(typeof(x) || x) FROM t");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0), "integer0,integer7");
}

TEST(Database, BlobRoundTripKeepsNulAndHighBytes) {
  TestDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t(b BLOB)");
  std::string bytes("a\0b\xff\r\n", 6);
  db.prepare("INSERT INTO t VALUES (?)").bind_blob(1, bytes).run();
  auto s = db.prepare("SELECT b FROM t");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.blob(0), bytes);
}

}  // namespace
}  // namespace gdprd::store
