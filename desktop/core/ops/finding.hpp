#pragma once
// One result of an analyzer: what is wrong with which object, why, the evidence, and the fix.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

#include "core/ops/action.hpp"

namespace helmdeck::ops {

enum class Severity { Info, Warning, Error };

/// "info", "warning", "error".
QString nameOf(Severity severity);

/// A Kubernetes object (or a Helm release, kind "Release").
struct ObjectRef {
    QString kind;  ///< Pod, Deployment, Service, PersistentVolumeClaim, Node, Release, …
    QString name;

    bool isEmpty() const { return name.isEmpty(); }
    QString text() const { return kind + QLatin1Char('/') + name; }  ///< "Pod/todo-chatbot-…"
    bool operator==(const ObjectRef&) const = default;
};

struct Finding {
    Severity severity = Severity::Warning;
    QString analyzer;    ///< pods, deployments, services, helm, events
    ObjectRef object;    ///< what is wrong
    ObjectRef parent;    ///< who owns it (a Pod's Deployment), when known
    QString cause;       ///< one line a person can act on
    QStringList evidence;  ///< event messages and log lines, most telling first
    QString fixHint;     ///< what to do, in words, when there is no action or to add to it
    std::optional<Action> fix;  ///< the proposed fix, as a typed action
};

/// The worst severity among `findings` (Info when empty).
Severity worstSeverity(const QList<Finding>& findings);
/// True when any finding is at warning or above (`diagnose` then exits 1).
bool needsAttention(const QList<Finding>& findings);

/// {severity, analyzer, object, parent?, cause, evidence, fixHint?, fix?{…, command}}.
QJsonObject toJson(const Finding& finding, const ActionContext& context);
/// Several lines for a terminal: "error  Pod/x: cause", the evidence indented, the fix.
QString toText(const Finding& finding, const ActionContext& context);

}  // namespace helmdeck::ops
