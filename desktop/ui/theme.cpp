#include "ui/theme.hpp"

#include <QApplication>
#include <QImageReader>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

#include "ui/state_icons.hpp"

// The .qrc lives in resources/; a static library needs its initialiser called by hand.
static void initHelmdeckResources() {
    Q_INIT_RESOURCE(helmdeck);
}

namespace helmdeck::ui::theme {

QColor ok() {
    return QColor(0x2e, 0xa0, 0x43);
}
QColor failed() {
    return QColor(0xd1, 0x24, 0x2f);
}
QColor running() {
    return QColor(0x2f, 0x81, 0xf7);
}
QColor warning() {
    return QColor(0xbf, 0x87, 0x00);
}
QColor idle() {
    return QColor(0x8b, 0x94, 0x9e);
}
QColor accent() {
    return running();
}

bool isDark() {
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}
QColor text() {
    return isDark() ? QColor(0xe6, 0xed, 0xf3) : QColor(0x1f, 0x23, 0x28);
}
QColor mutedText() {
    return isDark() ? QColor(0x8b, 0x94, 0x9e) : QColor(0x65, 0x6d, 0x76);
}
QColor surface() {
    return isDark() ? QColor(0x16, 0x1b, 0x22) : QColor(0xff, 0xff, 0xff);
}
QColor border() {
    return isDark() ? QColor(0x30, 0x36, 0x3d) : QColor(0xd0, 0xd7, 0xde);
}

QString styleSheet(bool dark) {
    const QString window = dark ? QStringLiteral("#0d1117") : QStringLiteral("#f6f8fa");
    const QString card = dark ? QStringLiteral("#161b22") : QStringLiteral("#ffffff");
    const QString line = dark ? QStringLiteral("#30363d") : QStringLiteral("#d0d7de");
    const QString fg = dark ? QStringLiteral("#e6edf3") : QStringLiteral("#1f2328");
    const QString muted = dark ? QStringLiteral("#8b949e") : QStringLiteral("#656d76");
    const QString rail = dark ? QStringLiteral("#010409") : QStringLiteral("#eef1f4");
    const QString hover = dark ? QStringLiteral("#1f2630") : QStringLiteral("#e7ecf0");
    QString css = QStringLiteral(R"(
QMainWindow, QWidget#page { background: %1; }
QWidget { color: %4; font-size: 10pt; }
QToolBar { background: %2; border: none; border-bottom: 1px solid %3; padding: 6px 10px; spacing: 8px; }
QToolBar QLabel { color: %5; }
QStatusBar { background: %2; border-top: 1px solid %3; color: %5; }
QStatusBar QLabel { color: %5; padding: 0 8px; }
QFrame#card { background: %2; border: 1px solid %3; border-radius: 8px; }
QFrame#rail { background: %6; border: none; border-right: 1px solid %3; }
QLabel#pageTitle { font-size: 16pt; font-weight: 600; }
QLabel#sectionTitle { font-size: 11pt; font-weight: 600; }
QLabel#muted, QLabel#railCaption { color: %5; }
QLabel#railCaption { font-size: 8pt; font-weight: 600; letter-spacing: 1px; }
QLabel#metricValue { font-size: 18pt; font-weight: 600; }
QLabel#metricName { color: %5; font-size: 8pt; }
QPushButton { background: %2; border: 1px solid %3; border-radius: 6px; padding: 5px 14px; }
QPushButton:hover { background: %7; }
QPushButton:disabled { color: %5; background: %1; }
QListWidget::item { padding: 6px; border-radius: 6px; }
QListWidget::item:selected { background: %7; color: %4; border: 1px solid #2f81f7; }
QPushButton#primary { background: #2f81f7; color: white; border: 1px solid #1f6feb; font-weight: 600; }
QPushButton#primary:hover { background: #1f6feb; }
QPushButton#primary:disabled { background: %3; color: %5; border-color: %3; }
QPushButton#danger { color: #d1242f; }
QPushButton#navButton { text-align: left; border: none; border-radius: 6px; padding: 7px 12px; background: transparent; }
QPushButton#navButton:hover { background: %7; }
QPushButton#navButton:checked { background: #2f81f7; color: white; font-weight: 600; }
QPushButton#segment:checked { background: #2f81f7; color: white; border: 1px solid #1f6feb; font-weight: 600; }
QLineEdit, QSpinBox { background: %2; border: 1px solid %3; border-radius: 6px; padding: 4px 8px; }
QPlainTextEdit, QTextEdit, QTableWidget, QTreeWidget, QListWidget { background: %2; border: 1px solid %3; border-radius: 6px; }
QPlainTextEdit#console { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
QHeaderView::section { background: %6; border: none; border-bottom: 1px solid %3; padding: 4px 8px; font-weight: 600; }
QProgressBar { background: %3; border: none; border-radius: 3px; max-height: 6px; min-height: 6px; }
QProgressBar::chunk { background: #2f81f7; border-radius: 3px; }
QScrollArea { border: none; background: transparent; }
QTabWidget::pane { border: none; }
QFrame#banner { background: %8; border: 1px solid #bf8700; border-radius: 8px; }
QFrame#failure { background: %9; border: 1px solid #d1242f; border-radius: 8px; }
QFrame#bubbleUser { background: #2f81f7; border-radius: 12px; }
QFrame#bubbleUser QLabel { color: white; }
QFrame#bubbleBot { background: %2; border: 1px solid %3; border-radius: 12px; }
QToolButton#chip { background: %7; border: 1px solid %3; border-radius: 10px; padding: 2px 10px; font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; }
QLabel#badge { border-radius: 9px; padding: 2px 10px; color: white; font-weight: 600; }
)");
    const QString bannerBg = dark ? QStringLiteral("#2b2111") : QStringLiteral("#fff8e5");
    const QString failureBg = dark ? QStringLiteral("#2d1518") : QStringLiteral("#fff0ee");
    return css.arg(window, card, line, fg, muted, rail, hover, bannerBg, failureBg);
}

namespace {
// HELMDECK_THEME=dark|light overrides the system palette (screenshots, checking both looks).
void applyForcedPalette(QApplication& app) {
    const QByteArray forced = qgetenv("HELMDECK_THEME");
    if (forced != "dark" && forced != "light") return;
    QPalette palette = app.style()->standardPalette();
    if (forced == "dark") {
        const QColor window(0x0d, 0x11, 0x17), base(0x16, 0x1b, 0x22), text(0xe6, 0xed, 0xf3);
        palette.setColor(QPalette::Window, window);
        palette.setColor(QPalette::WindowText, text);
        palette.setColor(QPalette::Base, base);
        palette.setColor(QPalette::AlternateBase, window);
        palette.setColor(QPalette::Text, text);
        palette.setColor(QPalette::Button, base);
        palette.setColor(QPalette::ButtonText, text);
        palette.setColor(QPalette::Mid, QColor(0x30, 0x36, 0x3d));
        palette.setColor(QPalette::Highlight, accent());
        palette.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x94, 0x9e));
        palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8b, 0x94, 0x9e));
        palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8b, 0x94, 0x9e));
    }
    app.setPalette(palette);
}
}  // namespace

void apply(QApplication& app) {
    initHelmdeckResources();
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"))) app.setStyle(fusion);
    applyForcedPalette(app);
    app.setWindowIcon(appIcon());
    app.setStyleSheet(styleSheet(isDark()));
}

QIcon appIcon() {
    initHelmdeckResources();
    // The SVG needs Qt's svg image plugin (qt6-svg-plugins); without it, paint the same wheel.
    if (QImageReader::supportedImageFormats().contains("svg"))
        return QIcon(QStringLiteral(":/helmdeck/helmdeck.svg"));
    return paintedAppIcon();
}

}  // namespace helmdeck::ui::theme
