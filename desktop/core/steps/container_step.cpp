#include "core/steps/container_step.hpp"

#include "core/docker_container.hpp"

namespace helmdeck::core {

void ContainerStep::start(RunContext& context) {
    if (context.images.isEmpty()) {
        finish(StepResult::failed(tr("the profile lists no image to run"),
                                  tr("add an entry under images: in helmdeck.yaml")));
        return;
    }
    const QString reference = context.images.first().reference;
    container_ = std::make_shared<DockerContainer>();
    connect(container_.get(), &RunningService::logLine, this, &Step::logLine);
    connect(container_.get(), &DockerContainer::up, this, [this, &context](const QUrl& url) {
        context.endpointUrl = url;
        context.service = container_;
        disconnect(container_.get(), &RunningService::logLine, this, &Step::logLine);
        Q_EMIT progress(1.0, tr("ready on %1").arg(url.toString()));
        finish(StepResult::ok(container_->description()));
    });
    connect(container_.get(), &DockerContainer::failed, this, [this](const QString& reason) {
        container_->stop();
        finish(StepResult::failed(reason, tr("see the container log above; try "
                                             "docker run --rm -p 8080:8080 IMAGE by hand")));
    });
    Q_EMIT progress(0.1, tr("starting %1").arg(reference));
    container_->start(reference);
}

void ContainerStep::cancel() {
    if (!isRunning()) return;
    if (container_) {
        container_->disconnect(this);
        container_->stop();
    }
    finish(StepResult::cancelled());
}

}  // namespace helmdeck::core
