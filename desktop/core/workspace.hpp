#pragma once
// The workspace an installed Helmdeck ships, and the user's editable copy of it.

#include <QString>

namespace helmdeck::core {

/// The read-only workspace of an installed Helmdeck (helmdeck.yaml, the chart, the Dockerfile
/// and its build context): `<prefix>/share/helmdeck/workspace` beside the executable's
/// `<prefix>/bin`. Empty when it holds no helmdeck.yaml (a build tree, no package).
QString sharedWorkspaceDir();

/// `userDir` once it holds helmdeck.yaml. On first use `sharedDir` is copied there whole
/// (through a temporary sibling, so an interrupted copy never looks complete); a copy that
/// exists is never touched again, so the user's edits stay. Empty when `sharedDir` holds no
/// helmdeck.yaml or the copy fails.
QString ensureUserWorkspace(const QString& sharedDir, const QString& userDir);

/// The workspace of an installed app run outside a checkout:
/// ensureUserWorkspace(sharedWorkspaceDir(), appDataDir() + "/workspace"). Empty if none.
QString installedWorkspaceRoot();

}  // namespace helmdeck::core
