#include "ui/diff_view.hpp"

#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QSyntaxHighlighter>
#include <QVBoxLayout>

#include "ui/theme.hpp"

namespace helmdeck::ui {

namespace {

// Colours a unified diff: additions, removals and hunk headers.
class UnifiedDiffHighlighter : public QSyntaxHighlighter {
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString& text) override {
        QTextCharFormat format;
        if (text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---"))) {
            format.setFontWeight(QFont::Bold);
        } else if (text.startsWith(QLatin1Char('+'))) {
            format.setForeground(theme::ok());
            format.setBackground(QColor(46, 160, 67, 40));
        } else if (text.startsWith(QLatin1Char('-'))) {
            format.setForeground(theme::failed());
            format.setBackground(QColor(248, 81, 73, 40));
        } else if (text.startsWith(QLatin1String("@@"))) {
            format.setForeground(theme::accent());
        } else {
            return;
        }
        setFormat(0, int(text.size()), format);
    }
};

QString changeName(const core::ObjectDiff& object) {
    if (object.change == core::ObjectDiff::Added) return QObject::tr("added");
    if (object.change == core::ObjectDiff::Removed) return QObject::tr("removed");
    return object.onlyNoise() ? QObject::tr("noise") : QObject::tr("changed");
}

QColor changeColour(const core::ObjectDiff& object) {
    if (object.change == core::ObjectDiff::Added) return theme::ok();
    if (object.change == core::ObjectDiff::Removed) return theme::failed();
    return object.onlyNoise() ? theme::mutedText() : theme::warning();
}

}  // namespace

DiffView::DiffView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    headline_ = new QLabel(tr("No diff yet."), this);
    headline_->setWordWrap(true);
    headline_->setObjectName(QStringLiteral("sectionTitle"));
    headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    values_ = new QLabel(this);
    values_->setWordWrap(true);
    values_->setObjectName(QStringLiteral("muted"));
    values_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    values_->hide();
    auto* split = new QSplitter(Qt::Horizontal, this);
    objects_ = new QListWidget(split);
    objects_->setMinimumWidth(260);
    unified_ = new QPlainTextEdit(split);
    unified_->setObjectName(QStringLiteral("console"));
    unified_->setReadOnly(true);
    unified_->setLineWrapMode(QPlainTextEdit::NoWrap);
    unified_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new UnifiedDiffHighlighter(unified_->document());
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    layout->addWidget(headline_);
    layout->addWidget(values_);
    layout->addWidget(split, 1);
    connect(objects_, &QListWidget::currentRowChanged, this, &DiffView::showObject);
}

void DiffView::setMessage(const QString& message) {
    diff_ = {};
    objects_->clear();
    unified_->clear();
    values_->hide();
    headline_->setText(message);
}

void DiffView::setDiff(const core::ReleaseDiff& diff) {
    diff_ = diff;
    headline_->setText(diff.deployedRevision > 0
                           ? tr("Against revision %1: %2").arg(diff.deployedRevision).arg(diff.headline())
                           : diff.headline());
    QStringList values;
    for (const core::FieldChange& value : diff.values)
        values << QStringLiteral("%1: %2 → %3")
                      .arg(value.path,
                           value.before.isEmpty() ? tr("(unset)") : value.before,
                           value.after.isEmpty() ? tr("(unset)") : value.after);
    values_->setText(tr("Values: %1").arg(values.join(QStringLiteral("; "))));
    values_->setVisible(!values.isEmpty());
    const QSignalBlocker blocker(objects_);
    objects_->clear();
    for (const core::ObjectDiff& object : diff.objects) {
        auto* item = new QListWidgetItem(QStringLiteral("%1  %2\n%3")
                                             .arg(changeName(object), object.key(), object.summary()),
                                         objects_);
        item->setForeground(changeColour(object));
        item->setToolTip(object.summary());
    }
    // The first object that is more than noise is the one to read first.
    int first = 0;
    for (int row = 0; row < diff.objects.size(); ++row)
        if (!diff.objects.at(row).onlyNoise()) {
            first = row;
            break;
        }
    if (!diff.objects.isEmpty()) objects_->setCurrentRow(first);
    showObject(objects_->currentRow());
}

int DiffView::objectCount() const {
    return objects_->count();
}

void DiffView::selectObject(int row) {
    objects_->setCurrentRow(row);
}

QString DiffView::headlineText() const {
    return headline_->text();
}

QString DiffView::unifiedText() const {
    return unified_->toPlainText();
}

QString DiffView::rowText(int row) const {
    const QListWidgetItem* item = objects_->item(row);
    return item ? item->text() : QString();
}

void DiffView::showObject(int row) {
    if (row < 0 || row >= diff_.objects.size()) {
        unified_->setPlainText(diff_.isEmpty() ? tr("Nothing changes.") : QString());
        return;
    }
    const core::ObjectDiff& object = diff_.objects.at(row);
    QString text;
    for (const core::FieldChange& field : object.fields)
        if (!field.noise.isEmpty())
            text += tr("# Helm's own: %1 (%2 → %3)\n").arg(field.noise, field.before, field.after);
    unified_->setPlainText(text + object.unified);
}

}  // namespace helmdeck::ui
