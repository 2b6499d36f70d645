#pragma once
// Preflight: are the tools this pipeline needs there and answering? Fails with fix hints.

#include "core/pipeline.hpp"

namespace helmdeck::core {

class Preflight;

class PreflightStep : public Step {
    Q_OBJECT

public:
    /// `tools` must be there and answer (docker, helm, …); `needsBackend` also requires the
    /// todo-chatbot binary; `alsoCheck` are checked and reported but not required.
    PreflightStep(QStringList tools, bool needsBackend, QStringList alsoCheck = {},
                  QObject* parent = nullptr);

    QString id() const override { return QStringLiteral("preflight"); }
    QString title() const override { return tr("Preflight"); }

public Q_SLOTS:
    void cancel() override;

protected:
    void start(RunContext& context) override;

private:
    void onReport(RunContext& context, const PreflightReport& report);

    QStringList tools_;
    QStringList checked_;
    bool needsBackend_ = false;
    Preflight* preflight_ = nullptr;
};

}  // namespace helmdeck::core
