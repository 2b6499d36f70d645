#pragma once
// Every statement the SQLite store runs. ?1 is always the user id, so no statement can reach
// another user's rows.

namespace todo::store::sqlite_sql {

#define TODO_SQLITE_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

#define TODO_SQLITE_TASK_COLUMNS \
    "id, title, description, completed, priority, due_date, tags, created_at, updated_at"

#define TODO_SQLITE_MESSAGE_COLUMNS "id, conversation_id, role, content, tool_calls, created_at"

#define TODO_SQLITE_LIST_TASKS                                               \
    "SELECT " TODO_SQLITE_TASK_COLUMNS                                       \
    " FROM tasks "                                                           \
    "WHERE user_id = ?1 "                                                    \
    "AND (?2 IS NULL OR completed = ?2) "                                    \
    "AND (?3 IS NULL OR priority = ?3) "                                     \
    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(tasks.tags) AS tag " \
    "                           WHERE tag.value = ?4)) "                     \
    "AND (?5 IS NULL OR title LIKE ?5 ESCAPE '\\' OR description LIKE ?5 ESCAPE '\\') " \
    "AND (?6 IS NULL OR due_date >= ?6) AND (?7 IS NULL OR due_date <= ?7) "

// Per connection; journal_mode=WAL lets readers run beside the one writer.
inline constexpr const char* kFilePragmas =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
inline constexpr const char* kMemoryPragmas = "PRAGMA foreign_keys = ON;";

inline constexpr const char* kPing = "SELECT 1";

// IMMEDIATE takes the write lock up front, so two processes migrating cannot deadlock.
inline constexpr const char* kBeginImmediate = "BEGIN IMMEDIATE";
inline constexpr const char* kCommit = "COMMIT";
inline constexpr const char* kRollback = "ROLLBACK";
inline constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (" TODO_SQLITE_NOW "))";
inline constexpr const char* kAppliedVersions = "SELECT version FROM schema_migrations";
inline constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)";

// One statement holds SQLite's write lock from the cap check ($7; NULL means none) to the
// insert, so concurrent creates cannot pass the cap. Under the cap no row comes back; the
// trigger on tasks counts the new one.
inline constexpr const char* kInsertTask =
    "INSERT INTO tasks (user_id, title, description, priority, due_date, tags) "
    "SELECT ?1, ?2, ?3, ?4, ?5, ?6 "
    "WHERE ?7 IS NULL OR COALESCE((SELECT n FROM task_counts WHERE user_id = ?1), 0) < ?7 "
    "RETURNING " TODO_SQLITE_TASK_COLUMNS;

inline constexpr const char* kSelectTask =
    "SELECT " TODO_SQLITE_TASK_COLUMNS " FROM tasks WHERE user_id = ?1 AND id = ?2";

// ?8 = -1 means no limit.
#define TODO_SQLITE_PAGE " LIMIT ?8 OFFSET ?9"

inline constexpr const char* kCountTasks =
    "SELECT COALESCE((SELECT n FROM task_counts WHERE user_id = ?1), 0)";

inline constexpr const char* kListConversations =
    "SELECT id, created_at, updated_at FROM conversations WHERE user_id = ?1 "
    "ORDER BY id DESC LIMIT ?2 OFFSET ?3";

inline constexpr const char* kListTasksByCreated = TODO_SQLITE_LIST_TASKS "ORDER BY id" TODO_SQLITE_PAGE;
inline constexpr const char* kListTasksByDue =
    TODO_SQLITE_LIST_TASKS "ORDER BY due_date ASC NULLS LAST, id" TODO_SQLITE_PAGE;
inline constexpr const char* kListTasksByPriority = TODO_SQLITE_LIST_TASKS
    "ORDER BY CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, id" TODO_SQLITE_PAGE;
inline constexpr const char* kListTasksByTitle = TODO_SQLITE_LIST_TASKS "ORDER BY lower(title), id" TODO_SQLITE_PAGE;

// ?6 says whether to touch due_date at all, since ?7 = NULL means "clear it".
// One statement, so the patch applies atomically.
inline constexpr const char* kUpdateTask =
    "UPDATE tasks SET "
    "title = coalesce(?3, title), "
    "description = coalesce(?4, description), "
    "priority = coalesce(?5, priority), "
    "due_date = CASE WHEN ?6 THEN ?7 ELSE due_date END, "
    "completed = coalesce(?8, completed), "
    "tags = coalesce(?9, tags), "
    "updated_at = " TODO_SQLITE_NOW
    " "
    "WHERE user_id = ?1 AND id = ?2 "
    "RETURNING " TODO_SQLITE_TASK_COLUMNS;

inline constexpr const char* kToggleTask =
    "UPDATE tasks SET completed = 1 - completed, updated_at = " TODO_SQLITE_NOW
    " "
    "WHERE user_id = ?1 AND id = ?2 "
    "RETURNING " TODO_SQLITE_TASK_COLUMNS;

inline constexpr const char* kDeleteTask = "DELETE FROM tasks WHERE user_id = ?1 AND id = ?2";

inline constexpr const char* kInsertConversation =
    "INSERT INTO conversations (user_id) VALUES (?1) RETURNING id";

inline constexpr const char* kConversationExists =
    "SELECT 1 FROM conversations WHERE user_id = ?1 AND id = ?2";

// Inserts nothing when the conversation is not this user's; a trigger touches the conversation.
inline constexpr const char* kAppendMessage =
    "INSERT INTO messages (conversation_id, user_id, role, content, tool_calls) "
    "SELECT id, ?1, ?3, ?4, ?5 FROM conversations WHERE user_id = ?1 AND id = ?2 "
    "RETURNING " TODO_SQLITE_MESSAGE_COLUMNS;

inline constexpr const char* kListMessages =
    "SELECT * FROM ("
    " SELECT " TODO_SQLITE_MESSAGE_COLUMNS
    " FROM messages"
    " WHERE user_id = ?1 AND conversation_id = ?2"
    " ORDER BY id DESC LIMIT ?3) "
    "ORDER BY id";

#undef TODO_SQLITE_PAGE
#undef TODO_SQLITE_LIST_TASKS
#undef TODO_SQLITE_MESSAGE_COLUMNS
#undef TODO_SQLITE_TASK_COLUMNS
#undef TODO_SQLITE_NOW

}  // namespace todo::store::sqlite_sql
