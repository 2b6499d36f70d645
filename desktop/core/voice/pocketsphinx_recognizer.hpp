#pragma once
// CMU PocketSphinx (Debian's 5prealpha, the classic cmd_ln_t / ps_init API) behind
// SpeechRecognizer, listening with the todo grammar. The decoder lives on a worker thread.

#include <QString>
#include <QThread>
#include <atomic>
#include <memory>

#include "core/voice/speech_recognizer.hpp"

namespace helmdeck::core::voice {

class SphinxWorker;

struct PocketSphinxModel {
    QString acousticModel;  ///< the folder with mdef, means, …
    QString dictionary;     ///< cmudict-en-us.dict
    /// Debian's pocketsphinx-en-us paths (POCKETSPHINX_MODEL_DIR overrides the folder).
    static PocketSphinxModel installed();
    /// Empty when both exist; otherwise one line naming what is missing and the fix.
    QString problem() const;
};

class PocketSphinxRecognizer : public SpeechRecognizer {
    Q_OBJECT

public:
    explicit PocketSphinxRecognizer(QObject* parent = nullptr,
                                    PocketSphinxModel model = PocketSphinxModel::installed());
    ~PocketSphinxRecognizer() override;

    void setTaskTitles(const QStringList& titles) override;
    void recognize(AudioClip clip) override;
    void cancel() override;
    bool isBusy() const override { return busy_; }

private:
    void onFinished(quint64 job, int outcome, const QString& text);

    QThread thread_;
    SphinxWorker* worker_ = nullptr;  // lives on thread_, deleted when it finishes
    std::shared_ptr<std::atomic<quint64>> cancelUpTo_;
    quint64 job_ = 0;
    bool busy_ = false;
};

}  // namespace helmdeck::core::voice
