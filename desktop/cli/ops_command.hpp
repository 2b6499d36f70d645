#pragma once
// helmdeck-cli diagnose and ops: runs the Ops assistant for the profile's release, asks y/N on a
// terminal before a mutating action (or takes --yes), and prints the answer.

#include <QObject>
#include <memory>

#include "cli_options.hpp"
#include "core/ops/action_gate.hpp"
#include "core/ops/llm_session.hpp"
#include "core/ops/ops_assistant.hpp"

namespace helmdeck::cli {

/// y/N on stderr and stdin when stdin is a terminal; --yes answers yes; otherwise no.
class TerminalConfirmer : public ops::Confirmer {
public:
    explicit TerminalConfirmer(bool assumeYes) : assumeYes_(assumeYes) {}
    ops::Confirmation confirm(const ops::Action& action, const QString& command) override;

private:
    bool assumeYes_;
};

class OpsCommand : public QObject {
    Q_OBJECT

public:
    OpsCommand(const core::Profile& profile, CliOptions options, QObject* parent = nullptr);
    ~OpsCommand() override;

    /// Starts diagnose or ops; done() follows with the exit code.
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void onAnswered(const ops::OpsAnswer& answer);

    CliOptions options_;
    ops::OpsSettings settings_;
    TerminalConfirmer confirmer_;
    std::unique_ptr<ops::OpsAssistant> assistant_;
    std::unique_ptr<ops::LlmSession> llm_;
    core::OpsLlmSpec llmSpec_;
    QString setupError_;
};

}  // namespace helmdeck::cli
