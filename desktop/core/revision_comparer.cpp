#include "core/revision_comparer.hpp"

namespace helmdeck::core {

RevisionComparer::RevisionComparer(QObject* parent) : QObject(parent) {}

void RevisionComparer::compare(const Helm& helm, const QString& release, int from, int to) {
    if (session_.isRunning()) session_.cancel();
    helm_ = helm;
    release_ = release;
    read(from, [this, from, to](const Side& before) {
        read(to, [this, before, from, to](const Side& after) {
            ReleaseDiff diff = diffManifests(before.objects, after.objects);
            diff.release = release_;
            diff.deployedRevision = from;
            QString error;
            const auto values = diffValues(before.values, after.values, &error);
            if (!values) {
                Q_EMIT failed(tr("cannot compare the values of revisions %1 and %2: %3")
                                  .arg(from)
                                  .arg(to)
                                  .arg(error));
                return;
            }
            diff.values = *values;
            Q_EMIT compared(diff);
        });
    });
}

void RevisionComparer::read(int revision, std::function<void(const Side&)> done) {
    session_.call(helm_.getManifest(release_, revision),
                  [this, revision, done](const ToolReply<QByteArray>& manifest) {
                      if (!manifest.ok()) return Q_EMIT failed(manifest.error);
                      QString error;
                      const auto objects = parseManifests(*manifest.value, &error);
                      if (!objects)
                          return Q_EMIT failed(
                              tr("cannot read the manifest of revision %1: %2").arg(revision).arg(error));
                      session_.call(helm_.getValues(release_, revision),
                                    [this, objects, done](const ToolReply<QByteArray>& values) {
                                        if (!values.ok()) return Q_EMIT failed(values.error);
                                        done({*objects, *values.value});
                                    });
                  });
}

}  // namespace helmdeck::core
