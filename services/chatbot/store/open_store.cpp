#include "chatbot/store/database_url.hpp"
#include "chatbot/store/postgres_store.hpp"
#include "chatbot/store/sqlite_store.hpp"
#include "chatbot/store/store.hpp"

namespace todo::store {

std::unique_ptr<Store> open_store(const std::string& url, QueryObserver observer,
                                  std::size_t pool_size) {
    auto parsed = parse_database_url(url);
    switch (parsed.backend) {
        case DatabaseUrl::Backend::Postgres:
            return open_postgres_store(parsed.target, std::move(observer), pool_size);
        case DatabaseUrl::Backend::Sqlite:
            return open_sqlite_store(parsed.target, std::move(observer), pool_size);
    }
    throw BadDatabaseUrl("DATABASE_URL names no supported backend");
}

}  // namespace todo::store
