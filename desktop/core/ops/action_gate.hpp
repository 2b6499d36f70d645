#pragma once
// The one rule every face obeys before an action runs: read-only actions run at once, mutating
// ones need an explicit yes, and read-only mode refuses them, naming the setting that says so.

#include <QString>

#include "core/ops/action.hpp"

namespace helmdeck::ops {

/// Where read-only mode came from, so the refusal can name it.
enum class ReadOnlySource { None, Profile, Flag };

struct GateDecision {
    enum Kind { RunNow, NeedsConfirmation, Refused } kind = Refused;
    QString message;  ///< Refused: why, naming the setting; NeedsConfirmation: the question
};

GateDecision gate(const Action& action, const ActionContext& context, ReadOnlySource readOnly);

/// How a confirmation came: who said yes (for the audit log), or why there was no yes.
struct Confirmation {
    bool confirmed = false;
    QString by;      ///< "tty", "--yes", "gui"
    QString reason;  ///< when not confirmed: "declined", "no terminal to ask on; pass --yes"
};

/// Asks for a yes before a mutating action. Implemented by each face (CLI prompt, GUI card).
class Confirmer {
public:
    virtual ~Confirmer() = default;
    virtual Confirmation confirm(const Action& action, const QString& command) = 0;
};

}  // namespace helmdeck::ops
