#pragma once
// The Store on embedded SQLite, for sqlite:PATH and sqlite::memory: URLs.

#include <memory>
#include <string>

#include "chatbot/store/store.hpp"

namespace todo::store {

/// Opens `path` (":memory:" for a private in-memory database), runs pending migrations and
/// returns the store. Throws StoreUnavailable.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, QueryObserver observer,
                                         std::size_t pool_size);

}  // namespace todo::store
