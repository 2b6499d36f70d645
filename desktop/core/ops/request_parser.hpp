#pragma once
// The built-in, offline understanding of ops requests: a pure function from the user's words to
// an analyzer run or one typed action. What it does not understand gets the list of what it can
// do, never a guess that acts.

#include <QString>
#include <optional>

#include "core/ops/action.hpp"

namespace helmdeck::ops {

struct OpsRequest {
    enum class Kind {
        Diagnose,     ///< "why is the backend failing?": run the analyzers, show the findings
        Health,       ///< "is everything healthy?": the same, answered yes or with the findings
        Events,       ///< "show the warnings": the Warning events, grouped
        TopMemory,    ///< "which pod uses the most memory?"
        UpgradeDiff,  ///< "what changed in the last upgrade?": values of the last two revisions
        Act,          ///< one typed action (names still to resolve against the cluster)
        Explain,      ///< "how do I roll back?": show the action's command, run nothing
        Help,         ///< not understood, or missing a detail: `reply` says what it can do
    };
    Kind kind = Kind::Help;
    QString subject;  ///< what the user named: "backend", "pods", a pod name; "" for everything
    std::optional<Action> action;  ///< Act and Explain: the kind and its numbers
    QString pod;  ///< Logs, Describe, DeletePod: a pod name, or "crashing", "pending", "failing"
    QString reply;  ///< Help: the answer to show
};

OpsRequest parseOpsRequest(const QString& text);

/// What the assistant understands, as a short list with one example each.
QString opsCapabilities();

/// A compact, stable description for tests and logs: "act scale replicas=3 subject=backend".
QString summary(const OpsRequest& request);

}  // namespace helmdeck::ops
