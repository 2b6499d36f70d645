#include "core/steps/uninstall_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kHelmWaitSeconds = 300;
}

void UninstallStep::start(RunContext& context) {
    const QString release = context.profile.release.name;
    Q_EMIT progress(0.1, tr("uninstalling %1").arg(release));
    runTool(helm(context).uninstall(release, kHelmWaitSeconds),
            [this, &context, release](const ToolResult& result) {
                if (!result.ok()) {
                    failWith(result, tr("helmdeck-cli status shows what is installed"));
                    return;
                }
                context.release.reset();
                context.revisions.clear();
                context.pods.clear();
                Q_EMIT progress(1.0, tr("uninstalled %1").arg(release));
                finish(StepResult::ok(tr("uninstalled %1").arg(release)));
            });
}

}  // namespace helmdeck::core
