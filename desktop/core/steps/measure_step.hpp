#pragma once
// Measure: each built image's size and layers, through the ImageInspector the Images page uses.

#include "core/image_inspector.hpp"
#include "core/pipeline.hpp"

namespace helmdeck::core {

class MeasureStep : public Step {
    Q_OBJECT

public:
    explicit MeasureStep(QObject* parent = nullptr);

    QString id() const override { return QStringLiteral("measure"); }
    QString title() const override { return tr("Measure image"); }

public Q_SLOTS:
    void cancel() override;

protected:
    void start(RunContext& context) override;

private:
    void measureNext();

    ImageInspector inspector_;
    RunContext* context_ = nullptr;
    int index_ = 0;
};

}  // namespace helmdeck::core
