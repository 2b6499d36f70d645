#pragma once
// The Store on PostgreSQL (libpq), for postgres:// and postgresql:// URLs.

#include <memory>
#include <string>

#include "chatbot/store/store.hpp"

namespace todo::store {

/// Connects, runs pending migrations, and returns the store. Throws StoreUnavailable.
std::unique_ptr<Store> open_postgres_store(const std::string& url, QueryObserver observer,
                                           std::size_t pool_size);

}  // namespace todo::store
