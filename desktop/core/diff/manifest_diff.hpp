#pragma once
// What an upgrade changes: the rendered manifests against the deployed ones, object by object
// (added, changed, removed), each field change named, Helm's own noise (the helm.sh/chart
// label, checksum annotations) told apart, plus the user-supplied values.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace helmdeck::core {

/// One Kubernetes object of a multi-document manifest (`helm template`, `helm get manifest`).
struct ManifestObject {
    QString kind;
    QString name;
    QString namespace_;
    QString text;  ///< the document as rendered, without "# Source:" comments (Secrets masked)

    QString key() const { return kind + QLatin1Char('/') + name; }  ///< "Deployment/todo-chatbot"
};

/// Splits and reads a multi-document manifest. nullopt (with `error`) on bad YAML.
std::optional<QList<ManifestObject>> parseManifests(const QByteArray& yaml,
                                                    QString* error = nullptr);

struct FieldChange {
    QString path;    ///< "spec.template.spec.containers[api].image"
    QString before;  ///< empty when added
    QString after;   ///< empty when removed
    QString noise;   ///< why it is Helm's noise ("helm.sh/chart label"), empty when it is not
};

struct ObjectDiff {
    enum Change { Added, Removed, Changed };
    Change change = Changed;
    QString kind;
    QString name;
    QList<FieldChange> fields;  ///< Changed only
    QString unified;            ///< the object's unified diff (---/+++/@@ hunks)

    QString key() const { return kind + QLatin1Char('/') + name; }
    bool onlyNoise() const;
    /// "image tag, 1 env var"; "added"; "removed"; "only Helm's own: helm.sh/chart label".
    QString summary() const;
};

struct ReleaseDiff {
    QString release;
    int deployedRevision = 0;  ///< 0 on a first install
    QList<ObjectDiff> objects;  ///< added, changed and removed objects, in manifest order
    QList<FieldChange> values;  ///< the user-supplied values that change
    int unchanged = 0;

    bool isEmpty() const { return objects.isEmpty() && values.isEmpty(); }
    /// Objects whose change is more than Helm's noise.
    int meaningfulCount() const;
    /// "3 objects change: Deployment/todo-chatbot (image tag, 1 env var), ConfigMap/… (…)".
    QString headline() const;
    /// The headline, the values, then each object's unified diff: what the CLI prints.
    QString text() const;
};

/// Compares the deployed objects with the rendered ones.
ReleaseDiff diffManifests(const QList<ManifestObject>& deployed,
                          const QList<ManifestObject>& rendered);
/// Compares two values documents (`helm get values -o yaml` and the new user values), leaf by
/// leaf. nullopt (with `error`) on bad YAML.
std::optional<QList<FieldChange>> diffValues(const QByteArray& deployed, const QByteArray& next,
                                             QString* error = nullptr);
/// The user-supplied values of an upgrade: the values files merged in order, then each
/// `--set a.b=c[,d=e]`, as one YAML document. nullopt (with `error`) on a bad file.
std::optional<QByteArray> userValues(const QStringList& valuesFiles, const QStringList& sets,
                                     QString* error = nullptr);
/// A unified diff of two texts with `context` lines around each change; empty when equal.
QString unifiedDiff(const QString& before, const QString& after, const QString& fromLabel,
                    const QString& toLabel, int context = 3);

}  // namespace helmdeck::core
