#include "exit_codes.hpp"

namespace helmdeck::cli {

int exitCodeFor(core::Pipeline::Outcome outcome) {
    switch (outcome) {
        case core::Pipeline::Outcome::Pass:
            return kExitPass;
        case core::Pipeline::Outcome::SloBreach:
            return kExitSloBreach;
        case core::Pipeline::Outcome::StepFailed:
            return kExitStepFailure;
        case core::Pipeline::Outcome::Cancelled:
            return kExitInterrupted;
    }
    return kExitStepFailure;
}

QString outcomeName(core::Pipeline::Outcome outcome) {
    switch (outcome) {
        case core::Pipeline::Outcome::Pass:
            return QStringLiteral("pass");
        case core::Pipeline::Outcome::SloBreach:
            return QStringLiteral("slo-breach");
        case core::Pipeline::Outcome::StepFailed:
            return QStringLiteral("step-failed");
        case core::Pipeline::Outcome::Cancelled:
            return QStringLiteral("cancelled");
    }
    return {};
}

}  // namespace helmdeck::cli
