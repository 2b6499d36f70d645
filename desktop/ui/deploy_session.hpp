#pragma once
// The GUI's hold on the core: the profile and target, the pipeline being run, and the backend a
// run left up (shared with the chat pane and the live monitor). No deployment logic of its own.

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>
#include <optional>

#include "core/pipeline.hpp"
#include "core/profile.hpp"

namespace helmdeck::ui {

class DeploySession : public QObject {
    Q_OBJECT

public:
    explicit DeploySession(QObject* parent = nullptr);
    ~DeploySession() override;

    void setProfile(const core::Profile& profile) { profile_ = profile; }
    const core::Profile& profile() const { return profile_; }
    void setTarget(core::Target target) { target_ = target; }
    core::Target target() const { return target_; }

    /// Asked before a cluster deploy with the diff of what it changes (the window's dialog).
    void setDiffConfirmation(core::RunContext::DiffConfirmation confirm) {
        confirmDiff_ = std::move(confirm);
    }

    /// Starts a pipeline of `kind` for the current target; false when one is already running.
    bool start(core::PipelineKind kind, std::optional<int> rollbackRevision = {});
    bool isRunning() const { return pipeline_ && pipeline_->isRunning(); }
    /// The current (or last) pipeline; it stays alive until the next start().
    core::Pipeline* pipeline() const { return pipeline_; }
    core::PipelineKind kind() const { return kind_; }

    /// Where the backend answers now (empty when none is up).
    QUrl endpoint() const { return endpoint_; }
    std::shared_ptr<core::RunningService> service() const { return service_; }
    /// Stops the backend a run left up (the local process, the container, the port-forward).
    void stopService();

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    /// A new pipeline exists (not started yet): views attach to its signals here.
    void pipelineCreated(helmdeck::core::Pipeline* pipeline);
    void pipelineFinished(helmdeck::core::Pipeline* pipeline);
    void endpointChanged(const QUrl& url);
    /// The backend went away by itself (crash, kill, container exit).
    void serviceLost(const QString& reason);
    void serviceLog(const QString& line);

private:
    void onFinished();
    void adoptService(std::shared_ptr<core::RunningService> service, QUrl url);

    core::Profile profile_ = core::defaultProfile();
    core::Target target_ = core::Target::Local;
    core::PipelineKind kind_ = core::PipelineKind::Run;
    QPointer<core::Pipeline> pipeline_;
    std::shared_ptr<core::RunningService> service_;
    QUrl endpoint_;
    core::RunContext::DiffConfirmation confirmDiff_;
};

}  // namespace helmdeck::ui
