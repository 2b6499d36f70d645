#include "ui/log_console.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

#include "ui/theme.hpp"

namespace helmdeck::ui {

namespace {
constexpr int kMaxLines = 20000;  // bounded: older lines drop off the top
constexpr int kMaxHighlights = 500;
}  // namespace

LogConsole::LogConsole(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto* bar = new QHBoxLayout;
    bar->setSpacing(8);
    filter_ = new QComboBox(this);
    filter_->setMinimumWidth(160);
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Search the log (Enter: next match)"));
    search_->setClearButtonEnabled(true);
    follow_ = new QCheckBox(tr("Follow"), this);
    follow_->setChecked(true);
    auto* copy = new QPushButton(tr("Copy"), this);
    copy->setToolTip(tr("Copy the visible log to the clipboard"));
    bar->addWidget(filter_);
    bar->addWidget(search_, 1);
    bar->addWidget(follow_);
    bar->addWidget(copy);
    layout->addLayout(bar);

    text_ = new QPlainTextEdit(this);
    text_->setObjectName(QStringLiteral("console"));
    text_->setReadOnly(true);
    text_->setMaximumBlockCount(kMaxLines);
    text_->setLineWrapMode(QPlainTextEdit::NoWrap);
    text_->setPlaceholderText(tr("Step output appears here as the pipeline runs."));
    layout->addWidget(text_, 1);

    connect(filter_, &QComboBox::currentIndexChanged, this, &LogConsole::rebuild);
    connect(search_, &QLineEdit::textChanged, this, &LogConsole::highlight);
    connect(search_, &QLineEdit::returnPressed, this, &LogConsole::findNext);
    connect(copy, &QPushButton::clicked, this, &LogConsole::copyVisible);
    connect(follow_, &QCheckBox::toggled, this, [this](bool on) {
        if (on) text_->verticalScrollBar()->setValue(text_->verticalScrollBar()->maximum());
    });
    // Scrolling up by hand stops following; back at the bottom follows again.
    connect(text_->verticalScrollBar(), &QScrollBar::sliderMoved, this, [this](int value) {
        follow_->setChecked(value >= text_->verticalScrollBar()->maximum());
    });
    setSources({});
}

void LogConsole::setSources(const QStringList& sources) {
    sources_ = sources;
    const QSignalBlocker blocker(filter_);
    filter_->clear();
    filter_->addItem(tr("All sources"), -1);
    for (int i = 0; i < sources.size(); ++i) filter_->addItem(sources.at(i), i);
    clear();
}

void LogConsole::clear() {
    lines_.clear();
    text_->clear();
}

bool LogConsole::visible(const Line& line) const {
    const int wanted = filter_->currentData().toInt();
    return wanted < 0 ? line.source != quietSource_ : line.source == wanted;
}

void LogConsole::appendLine(int source, const QString& line) {
    lines_.push_back({source, line});
    if (lines_.size() > std::size_t(kMaxLines))
        lines_.erase(lines_.begin(), lines_.begin() + kMaxLines / 10);
    if (!visible(lines_.back())) return;
    const QString prefix =
        filter_->currentData().toInt() < 0 && source >= 0 && source < sources_.size()
            ? QStringLiteral("[%1] ").arg(sources_.at(source))
            : QString();
    text_->appendPlainText(prefix + line);
    if (follows()) text_->verticalScrollBar()->setValue(text_->verticalScrollBar()->maximum());
}

void LogConsole::showSource(int source) {
    const int index = filter_->findData(source);
    if (index >= 0) filter_->setCurrentIndex(index);
}

bool LogConsole::follows() const {
    return follow_->isChecked();
}

QString LogConsole::visibleText() const {
    return text_->toPlainText();
}

void LogConsole::rebuild() {
    QStringList visibleLines;
    const bool all = filter_->currentData().toInt() < 0;
    for (const Line& line : lines_) {
        if (!visible(line)) continue;
        const bool tagged = all && line.source >= 0 && line.source < sources_.size();
        visibleLines.append(tagged
                                ? QStringLiteral("[%1] %2").arg(sources_.at(line.source), line.text)
                                : line.text);
    }
    text_->setPlainText(visibleLines.join(QLatin1Char('\n')));
    if (follows()) text_->verticalScrollBar()->setValue(text_->verticalScrollBar()->maximum());
    highlight();
}

void LogConsole::highlight() {
    QList<QTextEdit::ExtraSelection> selections;
    const QString needle = search_->text();
    if (!needle.isEmpty()) {
        QTextCursor cursor(text_->document());
        QColor color = theme::warning();
        color.setAlpha(90);
        while (selections.size() < kMaxHighlights) {
            cursor = text_->document()->find(needle, cursor);
            if (cursor.isNull()) break;
            QTextEdit::ExtraSelection selection;
            selection.cursor = cursor;
            selection.format.setBackground(color);
            selections.append(selection);
        }
    }
    text_->setExtraSelections(selections);
}

void LogConsole::findNext() {
    const QString needle = search_->text();
    if (needle.isEmpty()) return;
    follow_->setChecked(false);
    if (!text_->find(needle)) {
        text_->moveCursor(QTextCursor::Start);  // wrap around
        text_->find(needle);
    }
}

void LogConsole::copyVisible() {
    const QString selected = text_->textCursor().selectedText();
    QApplication::clipboard()->setText(selected.isEmpty() ? visibleText() : selected);
}

}  // namespace helmdeck::ui
