#pragma once
// Compares two revisions of a release: `helm get manifest` and `helm get values` of each, then
// the diff model. For the Cluster page's "Compare revisions".

#include <QObject>

#include "core/diff/manifest_diff.hpp"
#include "core/tools/helm.hpp"
#include "core/tools/tool_session.hpp"

namespace helmdeck::core {

class RevisionComparer : public QObject {
    Q_OBJECT

public:
    explicit RevisionComparer(QObject* parent = nullptr);

    /// What changed from revision `from` to revision `to`; compared() or failed() follows.
    void compare(const Helm& helm, const QString& release, int from, int to);
    bool isBusy() const { return session_.isRunning(); }

Q_SIGNALS:
    void compared(const helmdeck::core::ReleaseDiff& diff);
    void failed(const QString& reason);

private:
    struct Side {
        QList<ManifestObject> objects;
        QByteArray values;
    };
    void read(int revision, std::function<void(const Side&)> done);

    ToolSession session_;
    Helm helm_{KubeScope{}};
    QString release_;
};

}  // namespace helmdeck::core
