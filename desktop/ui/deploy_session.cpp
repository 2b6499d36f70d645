#include "ui/deploy_session.hpp"

namespace helmdeck::ui {

using core::PipelineKind;

DeploySession::DeploySession(QObject* parent) : QObject(parent) {}

DeploySession::~DeploySession() {
    if (pipeline_) {
        pipeline_->disconnect(this);
        pipeline_->cancel();
    }
    stopService();
}

bool DeploySession::start(PipelineKind kind, std::optional<int> rollbackRevision) {
    if (isRunning()) return false;
    if (pipeline_) pipeline_->deleteLater();
    // A run that brings a backend up replaces the one we hold (same SQLite file, same port role).
    const bool bringsUp = kind == PipelineKind::Run || kind == PipelineKind::Deploy ||
                          kind == PipelineKind::Probe || kind == PipelineKind::Endpoint;
    if (bringsUp) stopService();
    if (kind == PipelineKind::Uninstall && target_ == core::Target::Cluster) stopService();

    core::PipelineOptions options;
    options.kind = kind;
    options.keepServiceRunning = true;  // the chat pane and the live monitor keep talking to it
    options.rollbackRevision = rollbackRevision;
    // Nothing changes a cluster before the user has seen what changes.
    options.diffBeforeDeploy = target_ == core::Target::Cluster && confirmDiff_ &&
                               (kind == PipelineKind::Run || kind == PipelineKind::Deploy);
    kind_ = kind;
    pipeline_ = core::makePipeline(profile_, target_, options, this);
    if (options.diffBeforeDeploy) pipeline_->context().confirmDiff = confirmDiff_;
    connect(pipeline_, &core::Pipeline::finished, this, &DeploySession::onFinished);
    Q_EMIT pipelineCreated(pipeline_);
    pipeline_->start();
    return true;
}

void DeploySession::cancel() {
    if (pipeline_ && pipeline_->isRunning()) pipeline_->cancel();
}

void DeploySession::onFinished() {
    core::Pipeline* pipeline = pipeline_;
    if (!pipeline) return;
    auto& context = pipeline->context();
    if (pipeline->outcome() == core::Pipeline::Outcome::Cancelled) {
        // Cancel means stop: nothing the run started is left behind.
        if (context.service) context.service->stop();
        context.service.reset();
    } else if (context.service) {
        adoptService(context.service, context.endpointUrl);
    }
    Q_EMIT pipelineFinished(pipeline);
}

void DeploySession::adoptService(std::shared_ptr<core::RunningService> service, QUrl url) {
    if (service_ == service) return;
    if (service_) {
        service_->disconnect(this);
        service_->stop();
    }
    service_ = std::move(service);
    endpoint_ = url.isValid() ? url : service_->url();
    connect(service_.get(), &core::RunningService::lost, this, &DeploySession::serviceLost);
    connect(service_.get(), &core::RunningService::logLine, this, &DeploySession::serviceLog);
    connect(service_.get(), &core::RunningService::urlChanged, this, [this](const QUrl& changed) {
        endpoint_ = changed;
        Q_EMIT endpointChanged(changed);
    });
    Q_EMIT endpointChanged(endpoint_);
}

void DeploySession::stopService() {
    if (pipeline_) {
        // The finished pipeline's context holds a copy too; drop it so stop() is final.
        if (!pipeline_->isRunning()) pipeline_->context().service.reset();
    }
    if (!service_) return;
    service_->disconnect(this);
    service_->stop();
    service_.reset();
    const bool had = endpoint_.isValid();
    endpoint_ = QUrl();
    if (had) Q_EMIT endpointChanged(endpoint_);
}

}  // namespace helmdeck::ui
