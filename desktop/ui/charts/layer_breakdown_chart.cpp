#include "ui/charts/layer_breakdown_chart.hpp"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QHorizontalStackedBarSeries>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>
#include <algorithm>

#include "core/parsers/docker_image_parser.hpp"

namespace helmdeck::ui {

namespace {
constexpr int kNamedLayers = 6;  // the rest are summed into "other layers"
const QList<QColor>& layerColors() {
    static const QList<QColor> colors{QColor(0x2f, 0x81, 0xf7), QColor(0x2e, 0xa0, 0x43),
                                      QColor(0x8e, 0x44, 0xe0), QColor(0xe3, 0x6b, 0x0a),
                                      QColor(0x0a, 0xa2, 0xb5), QColor(0xc9, 0x37, 0x8a),
                                      QColor(0x8b, 0x94, 0x9e)};
    return colors;
}
}  // namespace

LayerBreakdownChart::LayerBreakdownChart(QWidget* parent)
    : ChartWidget(tr("Layers of the selected image"), parent) {
    series_ = new QHorizontalStackedBarSeries;
    series_->setBarWidth(0.5);
    chart()->addSeries(series_);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    yAxis_ = new QBarCategoryAxis;
    xAxis_ = new QValueAxis;
    xAxis_->setTitleText(tr("MB"));
    xAxis_->setLabelFormat(QStringLiteral("%.0f"));
    chart()->addAxis(yAxis_, Qt::AlignLeft);
    chart()->addAxis(xAxis_, Qt::AlignBottom);
    series_->attachAxis(yAxis_);
    series_->attachAxis(xAxis_);
    applyTheme();
    setSubtitle(tr("Select a measured image"));
}

int LayerBreakdownChart::segmentCount() const {
    return int(series_->count());
}

void LayerBreakdownChart::setImage(const core::MeasuredImage& image) {
    series_->clear();
    yAxis_->clear();
    QList<core::ImageLayer> layers;
    for (const auto& layer : image.layers)
        if (layer.sizeBytes > 0) layers.append(layer);
    std::stable_sort(layers.begin(), layers.end(),
                     [](const auto& a, const auto& b) { return a.sizeBytes > b.sizeBytes; });
    qint64 other = 0;
    int index = 0;
    for (const auto& layer : layers) {
        if (index >= kNamedLayers) {
            other += layer.sizeBytes;
            continue;
        }
        QString name = core::summarizeLayerCommand(layer.createdBy).simplified();
        if (name.size() > 38) name = name.left(36) + QStringLiteral("…");
        auto* set = new QBarSet(name.isEmpty() ? tr("layer %1").arg(index + 1) : name);
        set->append(double(layer.sizeBytes) / 1e6);
        set->setColor(layerColors().at(index % layerColors().size()));
        set->setBorderColor(set->color());
        series_->append(set);
        ++index;
    }
    if (other > 0) {
        auto* set = new QBarSet(tr("other layers"));
        set->append(double(other) / 1e6);
        set->setColor(layerColors().constLast());
        series_->append(set);
    }
    yAxis_->append(image.name.isEmpty() ? tr("image") : image.name);
    const double mb = std::max(1.0, double(image.sizeBytes) / 1e6);
    xAxis_->setRange(0, mb * 1.05);
    xAxis_->applyNiceNumbers();
    setSubtitle(
        layers.isEmpty()
            ? tr("No layer sizes for %1").arg(image.reference)
            : tr("%1 — %n non-empty layer(s)", nullptr, int(layers.size())).arg(image.reference));
}

}  // namespace helmdeck::ui
