#pragma once
// The final summary of a command on stdout: human text, or JSON with --json.

#include <QJsonObject>
#include <QString>

#include "core/chat_client.hpp"
#include "core/run_history.hpp"

namespace helmdeck::core {
class Pipeline;
}

namespace helmdeck::cli {

/// What `command` produced, for people: outcome line, steps, and the command's own data.
QString textSummary(const QString& command, const core::Pipeline& pipeline);
/// The same as JSON: {command, target, outcome, exitCode, reason, fixHint, endpoint, report, …}.
QJsonObject jsonSummary(const QString& command, const core::Pipeline& pipeline);

QString textChatReply(const core::ChatReply& reply);
QJsonObject jsonChatReply(const core::ChatReply& reply);

QString textHistory(const QList<core::RunRecord>& runs);

/// Writes the report: JSON when `path` ends in .json, else Markdown. False with `error`.
bool writeReport(const QString& path, const core::RunReport& report, QString* error);

}  // namespace helmdeck::cli
