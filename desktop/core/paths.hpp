#pragma once
// Where Helmdeck keeps its data, where the workspace is, and where todo-chatbot lives.

#include <QString>

namespace helmdeck::core {

/// The app's data folder (runs history, local SQLite). HELMDECK_DATA_DIR overrides it
/// (tests point it at a temp dir). Created if missing.
QString appDataDir();

/// The nearest folder holding helmdeck.yaml, walking up from `startDir` (default: the
/// current dir, then the executable's dir, then an installed app's copy of the shipped
/// workspace: see installedWorkspaceRoot()). Empty when none is found.
QString findWorkspaceRoot(const QString& startDir = {});

/// The todo-chatbot executable: next to the running binary (build/bin), else on PATH.
/// Empty when not found.
QString findTodoChatbot();

}  // namespace helmdeck::core
