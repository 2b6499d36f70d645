#pragma once
// Every statement the PostgreSQL store runs. Parameters are sent as text and cast here;
// $1 is always the user id, so no statement can reach another user's rows.

namespace todo::store::pg_sql {

// Timestamps leave the database as ISO 8601 UTC with seconds, the API's format.
#define TODO_PG_ISO(column) \
    "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

#define TODO_PG_TASK_COLUMNS                                                         \
    "id, title, description, completed, priority, to_char(due_date, 'YYYY-MM-DD'), " \
    "tags::text, " TODO_PG_ISO("created_at") ", " TODO_PG_ISO("updated_at")

#define TODO_PG_MESSAGE_COLUMNS \
    "id, conversation_id, role, content, tool_calls, " TODO_PG_ISO("created_at")

#define TODO_PG_LIST_TASKS                                           \
    "SELECT " TODO_PG_TASK_COLUMNS                                   \
    " FROM tasks "                                                   \
    "WHERE user_id = $1 "                                            \
    "AND ($2::boolean IS NULL OR completed = $2::boolean) "          \
    "AND ($3::text IS NULL OR priority = $3::text) "                 \
    "AND ($4::text IS NULL OR tags @> jsonb_build_array($4::text)) " \
    "AND ($5::text IS NULL OR title ILIKE $5::text ESCAPE '\\' "     \
    "     OR description ILIKE $5::text ESCAPE '\\') " \
    "AND ($6::date IS NULL OR due_date >= $6::date) "               \
    "AND ($7::date IS NULL OR due_date <= $7::date) "

inline constexpr const char* kPing = "SELECT 1";

inline constexpr const char* kBegin = "BEGIN";
inline constexpr const char* kCommit = "COMMIT";
inline constexpr const char* kRollback = "ROLLBACK";
// Serialises replicas that start at the same moment; released at commit.
inline constexpr const char* kLockMigrations = "SELECT pg_advisory_xact_lock(7370616365)";
inline constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY,"
    " name text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";
inline constexpr const char* kAppliedVersions = "SELECT version FROM schema_migrations";
inline constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2)";

// Checks the cap ($7; NULL means none) against the committed count, without a lock: creates
// in flight at the same moment (at most the connection pools' size) can each pass it once.
// Under the cap nothing is inserted and no row comes back; the trigger counts the new row.
inline constexpr const char* kInsertTask =
    "INSERT INTO tasks (user_id, title, description, priority, due_date, tags) "
    "SELECT $1, $2, $3, $4, $5::date, $6::jsonb "
    "WHERE $7::bigint IS NULL OR "
    " (SELECT COALESCE(sum(n), 0) FROM task_counts WHERE user_id = $1) < $7::bigint "
    "RETURNING " TODO_PG_TASK_COLUMNS;

inline constexpr const char* kSelectTask =
    "SELECT " TODO_PG_TASK_COLUMNS " FROM tasks WHERE user_id = $1 AND id = $2::bigint";

// A NULL $8 means no limit.
#define TODO_PG_PAGE " LIMIT $8::bigint OFFSET $9::bigint"

inline constexpr const char* kCountTasks =
    "SELECT COALESCE(sum(n), 0)::bigint FROM task_counts WHERE user_id = $1";

inline constexpr const char* kListConversations =
    "SELECT id, " TODO_PG_ISO("created_at") ", " TODO_PG_ISO("updated_at")
    " FROM conversations WHERE user_id = $1 ORDER BY id DESC LIMIT $2::bigint OFFSET $3::bigint";

inline constexpr const char* kListTasksByCreated = TODO_PG_LIST_TASKS "ORDER BY id" TODO_PG_PAGE;
inline constexpr const char* kListTasksByDue =
    TODO_PG_LIST_TASKS "ORDER BY due_date ASC NULLS LAST, id" TODO_PG_PAGE;
inline constexpr const char* kListTasksByPriority = TODO_PG_LIST_TASKS
    "ORDER BY CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, id" TODO_PG_PAGE;
inline constexpr const char* kListTasksByTitle = TODO_PG_LIST_TASKS "ORDER BY lower(title), id" TODO_PG_PAGE;

// $6 says whether to touch due_date at all, since $7 = NULL means "clear it".
inline constexpr const char* kUpdateTask =
    "UPDATE tasks SET "
    "title = COALESCE($3::text, title), "
    "description = COALESCE($4::text, description), "
    "priority = COALESCE($5::text, priority), "
    "due_date = CASE WHEN $6::boolean THEN $7::date ELSE due_date END, "
    "completed = COALESCE($8::boolean, completed), "
    "tags = COALESCE($9::jsonb, tags), "
    "updated_at = now() "
    "WHERE user_id = $1 AND id = $2::bigint "
    "RETURNING " TODO_PG_TASK_COLUMNS;

inline constexpr const char* kToggleTask =
    "UPDATE tasks SET completed = NOT completed, updated_at = now() "
    "WHERE user_id = $1 AND id = $2::bigint "
    "RETURNING " TODO_PG_TASK_COLUMNS;

inline constexpr const char* kDeleteTask =
    "DELETE FROM tasks WHERE user_id = $1 AND id = $2::bigint";

inline constexpr const char* kInsertConversation =
    "INSERT INTO conversations (user_id) VALUES ($1) RETURNING id";

inline constexpr const char* kConversationExists =
    "SELECT 1 FROM conversations WHERE user_id = $1 AND id = $2::bigint";

// Inserts nothing when the conversation is not this user's.
inline constexpr const char* kAppendMessage =
    "WITH conversation AS ("
    " UPDATE conversations SET updated_at = now()"
    " WHERE user_id = $1 AND id = $2::bigint RETURNING id) "
    "INSERT INTO messages (conversation_id, user_id, role, content, tool_calls) "
    "SELECT id, $1, $3, $4, $5 FROM conversation "
    "RETURNING " TODO_PG_MESSAGE_COLUMNS;

inline constexpr const char* kListMessages =
    "SELECT * FROM ("
    " SELECT " TODO_PG_MESSAGE_COLUMNS
    " FROM messages"
    " WHERE user_id = $1 AND conversation_id = $2::bigint"
    " ORDER BY id DESC LIMIT $3::bigint) AS latest "
    "ORDER BY id";

#undef TODO_PG_PAGE
#undef TODO_PG_LIST_TASKS
#undef TODO_PG_MESSAGE_COLUMNS
#undef TODO_PG_TASK_COLUMNS
#undef TODO_PG_ISO

}  // namespace todo::store::pg_sql
