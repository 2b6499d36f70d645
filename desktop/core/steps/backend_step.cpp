#include "core/steps/backend_step.hpp"

#include <QDir>

#include "core/local_backend.hpp"
#include "core/paths.hpp"

namespace helmdeck::core {

void BackendStep::start(RunContext& context) {
    const QString program = findTodoChatbot();
    if (program.isEmpty()) {
        finish(StepResult::failed(tr("todo-chatbot not found next to helmdeck-cli or on PATH"),
                                  tr("build it: cmake --build build --target todo-chatbot")));
        return;
    }
    const QString dataDir = QDir(appDataDir()).filePath(QStringLiteral("local"));
    if (!QDir().mkpath(dataDir)) {
        finish(StepResult::failed(tr("cannot create %1").arg(dataDir),
                                  tr("check HELMDECK_DATA_DIR and its permissions")));
        return;
    }
    backend_ = std::make_shared<LocalBackend>();
    connect(backend_.get(), &RunningService::logLine, this, &Step::logLine);
    connect(backend_.get(), &LocalBackend::up, this, [this, &context](const QUrl& url) {
        context.endpointUrl = url;
        context.service = backend_;
        // Later log lines (request logs) belong to the service, not to this finished step.
        disconnect(backend_.get(), &RunningService::logLine, this, &Step::logLine);
        Q_EMIT progress(1.0, tr("ready on %1").arg(url.toString()));
        finish(StepResult::ok(backend_->description()));
    });
    connect(backend_.get(), &LocalBackend::failed, this, [this](const QString& reason) {
        backend_->stop();
        finish(StepResult::failed(reason, tr("run build/bin/todo-chatbot by hand to see why")));
    });
    Q_EMIT progress(0.1, tr("starting todo-chatbot"));
    backend_->start(program, QDir(dataDir).filePath(QStringLiteral("todo.db")));
}

void BackendStep::cancel() {
    if (!isRunning()) return;
    if (backend_) {
        backend_->disconnect(this);
        backend_->stop();
    }
    finish(StepResult::cancelled());
}

}  // namespace helmdeck::core
