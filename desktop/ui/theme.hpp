#pragma once
// The dashboard's look: status colours, a light/dark aware stylesheet, and the app icon.

#include <QColor>
#include <QIcon>
#include <QString>

class QApplication;
class QWidget;

namespace helmdeck::ui::theme {

/// Status colours shared by the rail, the cards, the badges and the charts.
QColor ok();
QColor failed();
QColor running();
QColor warning();
QColor idle();
QColor accent();

/// True when the application palette has a dark window colour.
bool isDark();
/// Text colour that reads on the current window background, and a muted variant.
QColor text();
QColor mutedText();
QColor surface();  ///< card background
QColor border();

/// Fusion style and the stylesheet for the current palette; call once after QApplication.
void apply(QApplication& app);
/// The stylesheet itself (exposed for tests and for palette changes).
QString styleSheet(bool dark);
/// The app icon from the resources (resources/helmdeck.svg).
QIcon appIcon();

}  // namespace helmdeck::ui::theme
