#pragma once
// Local target: start todo-chatbot as a child process and wait until it is ready.

#include "core/pipeline.hpp"

namespace helmdeck::core {

class LocalBackend;

class BackendStep : public Step {
    Q_OBJECT

public:
    using Step::Step;

    QString id() const override { return QStringLiteral("backend"); }
    QString title() const override { return tr("Start backend"); }

public Q_SLOTS:
    void cancel() override;

protected:
    void start(RunContext& context) override;

private:
    std::shared_ptr<LocalBackend> backend_;
};

}  // namespace helmdeck::core
