#pragma once
// The typed tool layer's vocabulary: a command line (ToolCommand), a command plus the parser of
// its output (ToolCall<T>), and what such a call gave back (ToolReply<T>).

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

#include "core/tool_runner.hpp"

namespace helmdeck::core {

/// One external command, fully spelled out: what Docker, Helm and Kubectl hand to a runner.
struct ToolCommand {
    QString program;  ///< "helm", "kubectl", "docker" (looked up on PATH), or a path
    QStringList arguments;
    int timeoutMs = 60000;  ///< <= 0: none (streams such as `logs -f`)
    QMap<QString, QString> environment;  ///< added to the current environment
    QString workingDirectory;

    /// "helm status todo-chatbot -o json …", for logs and confirmations.
    QString display() const;
    bool operator==(const ToolCommand&) const = default;
};

/// Starts `command` on `runner`.
void startCommand(ToolRunner& runner, const ToolCommand& command);

/// What a parsed call gave back: the process's end and, when it ran and parsed, the value.
template <typename T>
struct ToolReply {
    ToolResult result;
    std::optional<T> value;
    QString error;  ///< one line when !ok(): the tool's reason or the parser's

    bool ok() const { return value.has_value(); }
};

/// A command and the pure parser of its stdout.
template <typename T>
struct ToolCall {
    using Parser = std::function<std::optional<T>(const QByteArray& stdoutData, QString* error)>;

    ToolCommand command;
    Parser parse;
    QString what;  ///< "helm status", named in a parse error

    ToolReply<T> reply(const ToolResult& result) const {
        ToolReply<T> out;
        out.result = result;
        if (!result.ok()) {
            out.error = result.reason;
            return out;
        }
        QString error;
        out.value = parse(result.stdoutData, &error);
        if (!out.value)
            out.error = QStringLiteral("cannot read the output of %1: %2").arg(what, error);
        return out;
    }
};

}  // namespace helmdeck::core
