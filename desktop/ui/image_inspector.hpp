#pragma once
// Measures images already in the local Docker engine (no build): `docker image inspect` and
// `docker history` through core's ToolRunner and parsers, one image at a time, asynchronously.
// Lets the Images page show real sizes on the local target, where the pipeline builds nothing.

#include <QObject>
#include <QStringList>

#include "core/pipeline.hpp"
#include "core/tool_runner.hpp"

namespace helmdeck::ui {

class ImageInspector : public QObject {
    Q_OBJECT

public:
    explicit ImageInspector(QObject* parent = nullptr);

    /// Queues `reference` ("debian:bookworm-slim"); a bare repository ("todo-chatbot") measures
    /// its newest local tag.
    void measure(const QString& reference);
    bool isBusy() const { return busy_ || !queue_.isEmpty(); }

Q_SIGNALS:
    void measured(const helmdeck::core::MeasuredImage& image);
    void failed(const QString& reference, const QString& reason);
    void idle();

private:
    void next();
    void resolve(const QString& repository);
    void inspect(const QString& reference);
    void fail(const QString& reference, const QString& reason);

    core::ToolRunner runner_;
    QStringList queue_;
    core::MeasuredImage current_;
    bool busy_ = false;
};

}  // namespace helmdeck::ui
