#pragma once
// Measures images in the local Docker engine: `docker image inspect` for the size, `docker
// history` for the layers, one image at a time, asynchronously. The Measure step and the
// Images page both use it.

#include <QObject>
#include <QStringList>

#include "core/pipeline.hpp"
#include "core/tools/docker.hpp"
#include "core/tools/tool_session.hpp"

namespace helmdeck::core {

class ImageInspector : public QObject {
    Q_OBJECT

public:
    explicit ImageInspector(QObject* parent = nullptr);

    /// Queues `reference` ("host:5000/img:tag", "debian:bookworm-slim"); a bare repository
    /// ("todo-chatbot") measures its newest local tag.
    void measure(const QString& reference);
    bool isBusy() const { return busy_ || !queue_.isEmpty(); }
    /// A MeasuredImage named after `reference`, not yet sized.
    static MeasuredImage describe(const QString& reference);

public Q_SLOTS:
    /// Drops the queue and stops the running command; emits nothing more for it.
    void cancel();

Q_SIGNALS:
    void measured(const helmdeck::core::MeasuredImage& image);
    void failed(const QString& reference, const QString& reason);
    void idle();
    void logLine(const QString& line);

private:
    void next();
    void resolve(const QString& repository);
    void inspect(const QString& reference);
    void fail(const QString& reference, const QString& reason);

    ToolSession session_;
    Docker docker_;
    QStringList queue_;
    MeasuredImage current_;
    bool busy_ = false;
};

}  // namespace helmdeck::core
