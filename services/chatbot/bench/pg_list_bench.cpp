// One task list query, the store's own (created order, no filters, first page), sent N times
// whole and N times as a prepared statement on one connection; prints the mean and p50 round
// trip of each as JSON. Usage: todo-pg-list-bench DATABASE_URL USER_ID [N]
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "chatbot/store/postgres_sql.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Timing {
    double mean_us = 0;
    double p50_us = 0;
};

[[noreturn]] void fail(const char* what, PGconn* connection) {
    std::fprintf(stderr, "todo-pg-list-bench: %s: %s", what, PQerrorMessage(connection));
    std::exit(1);
}

// Runs `send` n times and times each round trip to its last result.
template <typename Send>
Timing time_queries(PGconn* connection, int n, Send send) {
    std::vector<double> micros;
    micros.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const auto started = Clock::now();
        PGresult* result = send();
        if (PQresultStatus(result) != PGRES_TUPLES_OK) fail("list query failed", connection);
        PQclear(result);
        micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - started).count());
    }
    Timing timing;
    for (double us : micros) timing.mean_us += us / n;
    std::nth_element(micros.begin(), micros.begin() + n / 2, micros.end());
    timing.p50_us = micros[static_cast<std::size_t>(n / 2)];
    return timing;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: todo-pg-list-bench DATABASE_URL USER_ID [N]\n");
        return 2;
    }
    const int n = argc > 3 ? std::max(1, std::atoi(argv[3])) : 2000;
    PGconn* connection = PQconnectdb(argv[1]);
    if (PQstatus(connection) != CONNECTION_OK) fail("cannot connect", connection);

    // The parameters GET /api/{user}/tasks sends: no filter, the default page of 100 plus one.
    const char* params[9] = {argv[2], nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "101", "0"};
    const char* sql = todo::store::pg_sql::kListTasksByCreated;
    auto whole = [&] { return PQexecParams(connection, sql, 9, nullptr, params, nullptr, nullptr, 0); };
    auto prepared = [&] {
        return PQexecPrepared(connection, "list", 9, params, nullptr, nullptr, 0);
    };
    PGresult* prepare = PQprepare(connection, "list", sql, 9, nullptr);
    if (PQresultStatus(prepare) != PGRES_COMMAND_OK) fail("prepare failed", connection);
    PQclear(prepare);

    time_queries(connection, n / 10 + 1, whole);  // warm the caches and the plan
    time_queries(connection, n / 10 + 1, prepared);
    const Timing unprepared_timing = time_queries(connection, n, whole);
    const Timing prepared_timing = time_queries(connection, n, prepared);
    PGresult* count = PQexecParams(connection, todo::store::pg_sql::kCountTasks, 1, nullptr, params,
                                   nullptr, nullptr, 0);
    const char* tasks = PQresultStatus(count) == PGRES_TUPLES_OK ? PQgetvalue(count, 0, 0) : "0";
    std::printf(
        "{\"queries\": %d, \"tasks\": %s, \"unprepared_mean_us\": %.1f, \"unprepared_p50_us\": %.1f, "
        "\"prepared_mean_us\": %.1f, \"prepared_p50_us\": %.1f}\n",
        n, tasks, unprepared_timing.mean_us, unprepared_timing.p50_us, prepared_timing.mean_us,
        prepared_timing.p50_us);
    PQclear(count);
    PQfinish(connection);
    return 0;
}
