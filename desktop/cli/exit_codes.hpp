#pragma once
// helmdeck-cli's exit codes, and the mapping from a pipeline's outcome.

#include "core/pipeline.hpp"

namespace helmdeck::cli {

enum ExitCode : int {
    kExitPass = 0,          ///< every step ok and every budget met
    kExitSloBreach = 1,     ///< the verdict failed (or could not judge): the breach is named
    kExitUsage = 2,         ///< bad arguments or a bad profile
    kExitStepFailure = 3,   ///< a tool or step failed (missing tool, build error, …)
    kExitInterrupted = 130  ///< SIGINT/SIGTERM: cancelled cleanly (128 + SIGINT, as shells do)
};

int exitCodeFor(core::Pipeline::Outcome outcome);
/// "pass", "slo-breach", "step-failed", "cancelled".
QString outcomeName(core::Pipeline::Outcome outcome);

}  // namespace helmdeck::cli
