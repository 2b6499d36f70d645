#include "ui/images_page.hpp"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "core/image_inspector.hpp"
#include "core/run_report.hpp"
#include "ui/charts/image_size_chart.hpp"
#include "ui/charts/layer_breakdown_chart.hpp"
#include "ui/charts/size_trend_chart.hpp"
#include "ui/theme.hpp"
#include "ui/page_frame.hpp"

namespace helmdeck::ui {

ImagesPage::ImagesPage(QWidget* parent) : QWidget(parent) {
    const PageFrame frame = makePageFrame(
        this, tr("Images"),
        tr("Sizes come from Build & Deploy on Docker or Cluster, or from a local image."));
    auto* layout = frame.layout;
    auto* header = frame.header;
    status_ = frame.subtitle;
    reference_ = new QLineEdit(this);
    reference_->setPlaceholderText(tr("Local image, e.g. debian:bookworm-slim"));
    reference_->setMinimumWidth(300);
    auto* measure = new QPushButton(tr("Measure"), this);
    header->addWidget(reference_, 0, Qt::AlignVCenter);
    header->addWidget(measure, 0, Qt::AlignVCenter);

    auto* grid = new QGridLayout;
    grid->setSpacing(12);
    sizes_ = new ImageSizeChart(this);
    grid->addWidget(sizes_, 0, 0);

    auto* side = new QFrame(this);
    side->setObjectName(QStringLiteral("card"));
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(14, 12, 14, 12);
    auto* listTitle = new QLabel(tr("Measured images"), side);
    listTitle->setObjectName(QStringLiteral("sectionTitle"));
    list_ = new QListWidget(side);
    list_->setStyleSheet(QStringLiteral("QListWidget { border: none; }"));
    summary_ = new QLabel(side);
    summary_->setObjectName(QStringLiteral("muted"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    sideLayout->addWidget(listTitle);
    sideLayout->addWidget(list_, 1);
    sideLayout->addWidget(summary_);
    grid->addWidget(side, 0, 1);

    layers_ = new LayerBreakdownChart(this);
    grid->addWidget(layers_, 1, 0);
    trend_ = new SizeTrendChart(this);
    grid->addWidget(trend_, 1, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    layout->addLayout(grid, 1);

    inspector_ = new core::ImageInspector(this);
    connect(inspector_, &core::ImageInspector::measured, this,
            [this](const core::MeasuredImage& image) { addImages({image}); });
    connect(inspector_, &core::ImageInspector::failed, this,
            [this](const QString& ref, const QString& why) {
                status_->setText(tr("Could not measure %1: %2").arg(ref, why));
            });
    connect(inspector_, &core::ImageInspector::idle, this, &ImagesPage::measuringFinished);
    connect(list_, &QListWidget::currentRowChanged, this, &ImagesPage::select);
    auto measureTyped = [this] {
        if (!reference_->text().trimmed().isEmpty()) measureLocal(reference_->text());
    };
    connect(measure, &QPushButton::clicked, this, measureTyped);
    connect(reference_, &QLineEdit::returnPressed, this, measureTyped);
    refresh();
}

void ImagesPage::setBudgetMb(double budgetMb) {
    budgetMb_ = budgetMb;
    sizes_->setBudgetMb(budgetMb);
    trend_->setBudgetMb(budgetMb);
    refresh();
}

void ImagesPage::addImages(const QList<core::MeasuredImage>& images) {
    for (const auto& image : images) {
        if (image.sizeBytes < 0) continue;
        auto it = std::find_if(images_.begin(), images_.end(), [&](const auto& known) {
            return known.reference == image.reference;
        });
        if (it != images_.end())
            *it = image;
        else
            images_.append(image);
    }
    refresh();
}

void ImagesPage::setHistory(const QList<core::RunRecord>& runs) {
    trend_->setRuns(runs);
}

void ImagesPage::measureLocal(const QString& reference) {
    status_->setText(tr("Measuring %1…").arg(reference));
    inspector_->measure(reference);
}

bool ImagesPage::isMeasuring() const {
    return inspector_->isBusy();
}

QString ImagesPage::summaryText() const {
    return summary_->text();
}

void ImagesPage::refresh() {
    sizes_->setImages(images_);
    const int selected = std::max(0, list_->currentRow());
    {
        const QSignalBlocker blocker(list_);
        list_->clear();
        QStringList lines;
        for (const auto& image : images_) {
            const bool fits = double(image.sizeBytes) / 1e6 <= budgetMb_;
            auto* item =
                new QListWidgetItem(QStringLiteral("%1  ·  %2  ·  %3")
                                        .arg(image.reference, core::formatBytes(image.sizeBytes),
                                             fits ? tr("within budget") : tr("over budget")),
                                    list_);
            item->setForeground(fits ? theme::text() : theme::failed());
            lines.append(tr("%1: %2 (%n layer(s))", nullptr, int(image.layers.size()))
                             .arg(image.reference, core::formatBytes(image.sizeBytes)));
        }
        summary_->setText(images_.isEmpty()
                              ? tr("No image measured yet.")
                              : tr("Budget %1 MB per image.").arg(budgetMb_) + QLatin1Char('\n') +
                                    lines.join(QLatin1Char('\n')));
    }
    if (!images_.isEmpty()) {
        list_->setCurrentRow(std::min(selected, int(images_.size()) - 1));
        select(list_->currentRow());
        status_->setText(tr("%n image(s) measured.", nullptr, int(images_.size())));
    }
}

void ImagesPage::select(int row) {
    if (row >= 0 && row < images_.size()) layers_->setImage(images_.at(row));
}

}  // namespace helmdeck::ui
