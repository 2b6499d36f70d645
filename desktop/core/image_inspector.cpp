#include "core/image_inspector.hpp"

#include <QTimer>

#include "core/parsers/image_reference.hpp"

namespace helmdeck::core {

ImageInspector::ImageInspector(QObject* parent) : QObject(parent) {
    connect(&session_, &ToolSession::logLine, this, &ImageInspector::logLine);
}

MeasuredImage ImageInspector::describe(const QString& reference) {
    const ImageReference parsed = parseImageReference(reference);
    MeasuredImage image;
    image.reference = reference;
    image.name = parsed.name();
    image.tag = parsed.tag;
    return image;
}

void ImageInspector::measure(const QString& reference) {
    queue_.append(reference.trimmed());
    if (!busy_) QTimer::singleShot(0, this, &ImageInspector::next);
}

void ImageInspector::cancel() {
    queue_.clear();
    busy_ = false;
    session_.disconnect(this);
    connect(&session_, &ToolSession::logLine, this, &ImageInspector::logLine);
    session_.cancel();
}

void ImageInspector::next() {
    if (busy_) return;
    if (queue_.isEmpty()) {
        Q_EMIT idle();
        return;
    }
    busy_ = true;
    const QString reference = queue_.takeFirst();
    if (parseImageReference(reference).hasTagOrDigest())
        inspect(reference);
    else
        resolve(reference);
}

void ImageInspector::fail(const QString& reference, const QString& reason) {
    busy_ = false;
    Q_EMIT failed(reference, reason);
    QTimer::singleShot(0, this, &ImageInspector::next);
}

void ImageInspector::resolve(const QString& repository) {
    session_.call(docker_.imageTags(repository), [this, repository](const auto& reply) {
        if (!busy_) return;  // cancelled
        if (!reply.ok()) return fail(repository, reply.error);
        if (reply.value->isEmpty())
            return fail(repository, tr("no local image named %1").arg(repository));
        inspect(reply.value->first());
    });
}

void ImageInspector::inspect(const QString& reference) {
    current_ = describe(reference);
    session_.call(docker_.inspectImage(reference), [this, reference](const auto& inspected) {
        if (!busy_) return;
        if (!inspected.ok()) return fail(reference, inspected.error);
        current_.sizeBytes = inspected.value->sizeBytes;
        session_.call(docker_.history(reference), [this, reference](const auto& history) {
            if (!busy_) return;
            if (!history.ok()) return fail(reference, history.error);
            current_.layers = *history.value;
            busy_ = false;
            Q_EMIT measured(current_);
            QTimer::singleShot(0, this, &ImageInspector::next);
        });
    });
}

}  // namespace helmdeck::core
