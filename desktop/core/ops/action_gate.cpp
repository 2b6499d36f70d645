#include "core/ops/action_gate.hpp"

namespace helmdeck::ops {

GateDecision gate(const Action& action, const ActionContext& context, ReadOnlySource readOnly) {
    const QString command = commandText(action, context);
    if (!isMutating(action)) return {GateDecision::RunNow, {}};
    switch (readOnly) {
        case ReadOnlySource::Profile:
            return {GateDecision::Refused,
                    QStringLiteral("refused: ops.readOnly is true in the profile, so nothing that "
                                   "changes the cluster runs (%1: %2)")
                        .arg(describe(action), command)};
        case ReadOnlySource::Flag:
            return {GateDecision::Refused,
                    QStringLiteral("refused: --read-only is set, so nothing that changes the "
                                   "cluster runs (%1: %2)")
                        .arg(describe(action), command)};
        case ReadOnlySource::None:
            break;
    }
    return {GateDecision::NeedsConfirmation,
            QStringLiteral("%1 — this changes the cluster:\n  %2\nRun it?").arg(describe(action), command)};
}

}  // namespace helmdeck::ops
