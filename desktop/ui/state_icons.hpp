#pragma once
// Small painted icons: one per step state, and the app icon when no SVG plugin is installed.

#include <QColor>
#include <QIcon>
#include <QPixmap>

#include "core/pipeline.hpp"

namespace helmdeck::ui {

/// The colour of a step state (ok green, failed red, running blue, cancelled amber, else grey).
QColor colorOf(core::StepState state);
/// A round badge with a glyph (check, cross, dots, dash) for `state`, `size` device-independent px.
QPixmap stateIcon(core::StepState state, int size = 18, qreal devicePixelRatio = 1.0);
/// The helmdeck wheel painted with QPainter (the SVG needs Qt's svg image plugin).
QIcon paintedAppIcon();

}  // namespace helmdeck::ui
