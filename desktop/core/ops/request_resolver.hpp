#pragma once
// Turns a parsed request's words ("the backend", "the crashing pod", "roll back") into a
// concrete action on the objects of a snapshot. Pure: the same snapshot gives the same action.

#include <QString>
#include <optional>

#include "core/ops/action.hpp"
#include "core/ops/cluster_snapshot.hpp"
#include "core/ops/request_parser.hpp"

namespace helmdeck::ops {

struct Resolution {
    std::optional<Action> action;
    QString problem;  ///< why there is no action ("no pod is crashing; pods: …")
};

Resolution resolveAction(const OpsRequest& request, const ClusterSnapshot& snapshot,
                         const ActionContext& context);

}  // namespace helmdeck::ops
