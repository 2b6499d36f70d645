#pragma once
// The typed actions as OpenAI-style function tools, and a model's tool call back to an action.
// The model gets exactly these tools: no shell, no free-form command line.

#include <QJsonArray>
#include <QString>
#include <optional>

#include "core/ops/action.hpp"

namespace helmdeck::ops {

/// `tools` for a Chat Completions request: one function per ActionKind, with a JSON schema.
QJsonArray llmTools();

/// The action a tool call names, with its arguments (a JSON object in a string, as the API
/// sends them) checked; nullopt with `error` for an unknown tool or bad arguments.
std::optional<Action> actionFromToolCall(const QString& name, const QString& arguments, QString* error);

}  // namespace helmdeck::ops
