#include "core/voice/pocketsphinx_recognizer.hpp"

#include <QFileInfo>
#include <QMetaObject>

#include "core/voice/spoken_numbers.hpp"
#include "core/voice/todo_grammar.hpp"

extern "C" {
#include <pocketsphinx.h>
#include <sphinxbase/err.h>
}

namespace helmdeck::core::voice {

namespace {

enum Outcome { Recognized = 0, Failed = 1, Cancelled = 2 };
constexpr const char* kSearch = "todo";

}  // namespace

PocketSphinxModel PocketSphinxModel::installed() {
    QString dir = qEnvironmentVariable("POCKETSPHINX_MODEL_DIR");
    if (dir.isEmpty()) dir = QStringLiteral("/usr/share/pocketsphinx/model/en-us");
    return {dir + QStringLiteral("/en-us"), dir + QStringLiteral("/cmudict-en-us.dict")};
}

QString PocketSphinxModel::problem() const {
    if (!QFileInfo(acousticModel + QStringLiteral("/mdef")).isFile())
        return QStringLiteral("the speech model %1 is missing (apt-get install pocketsphinx-en-us)")
            .arg(acousticModel);
    if (!QFileInfo(dictionary).isFile())
        return QStringLiteral("the pronunciation dictionary %1 is missing (apt-get install "
                              "pocketsphinx-en-us)").arg(dictionary);
    return {};
}

// Owns the decoder; every member function runs on the recognizer's worker thread.
class SphinxWorker : public QObject {
public:
    explicit SphinxWorker(PocketSphinxModel model) : model_(std::move(model)) {}
    ~SphinxWorker() override {
        if (decoder_) ps_free(decoder_);
        if (config_) cmd_ln_free_r(config_);
    }

    void setTitles(const QStringList& titles) {
        titles_ = titles;
        grammarStale_ = true;
    }

    // Decodes `clip`, then wipes it. Returns the outcome and the transcript or the reason.
    std::pair<int, QString> run(AudioClip clip, quint64 job, const std::atomic<quint64>& cancelUpTo) {
        const auto result = decode(clip, job, cancelUpTo);
        clip.wipe();
        return result;
    }

private:
    std::pair<int, QString> decode(AudioClip& clip, quint64 job, const std::atomic<quint64>& cancelUpTo) {
        if (const QString why = prepare(); !why.isEmpty()) return {Failed, why};
        if (clip.sampleRate != kSpeechSampleRate) {
            AudioClip resampled = resampledToSpeechRate(clip);
            clip.wipe();
            clip = std::move(resampled);
        }
        if (cancelUpTo.load() >= job) return {Cancelled, {}};
        if (ps_start_utt(decoder_) < 0) return {Failed, QStringLiteral("the speech decoder would not start")};
        // The whole utterance in one call: cepstral mean normalisation over all of it is far
        // more accurate on short requests than the live estimate chunked input gets.
        const int searched = ps_process_raw(decoder_, clip.samples.constData(),
                                            size_t(clip.samples.size()), FALSE, TRUE);
        ps_end_utt(decoder_);
        if (searched < 0) return {Failed, QStringLiteral("the speech decoder rejected the audio")};
        if (cancelUpTo.load() >= job) return {Cancelled, {}};
        int32 score = 0;
        const char* hypothesis = ps_get_hyp(decoder_, &score);
        return {Recognized, digitsForSpokenNumbers(QString::fromUtf8(hypothesis ? hypothesis : ""))};
    }

    // Loads the decoder once, and the grammar whenever the task titles changed.
    QString prepare() {
        if (!decoder_) {
            if (const QString why = model_.problem(); !why.isEmpty()) return why;
            err_set_logfp(nullptr);  // PocketSphinx logs a lot to stderr; none of it is ours
            const QByteArray hmm = model_.acousticModel.toLocal8Bit();
            const QByteArray dict = model_.dictionary.toLocal8Bit();
            config_ = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", hmm.constData(), "-dict",
                                  dict.constData(), "-samprate", "16000",
                                  // Dither: synthetic or gated audio has runs of digital zeros.
                                  // A low word insertion penalty stops filler words in titles.
                                  "-dither", "yes", "-seed", "1", "-wip", "0.01",
                                  // Wide beams: voices far from the model's speakers (espeak's
                                  // male en-us) lose the right path to the default pruning.
                                  "-beam", "1e-70", "-wbeam", "1e-50", "-pbeam", "1e-70", nullptr);
            decoder_ = config_ ? ps_init(config_) : nullptr;
            if (!decoder_) return QStringLiteral("PocketSphinx could not load its model from %1").arg(model_.acousticModel);
        }
        if (grammarStale_) {
            const KnownWord known = [this](const QString& word) {
                char* phones = ps_lookup_word(decoder_, word.toUtf8().constData());
                const bool found = phones != nullptr;
                ckd_free(phones);
                return found;
            };
            const QByteArray grammar =
                todoGrammar(titleVocabulary(titles_, known), spokenTitles(titles_, known)).toUtf8();
            if (ps_set_jsgf_string(decoder_, kSearch, grammar.constData()) < 0 ||
                ps_set_search(decoder_, kSearch) < 0)
                return QStringLiteral("PocketSphinx rejected the todo grammar");
            grammarStale_ = false;
        }
        return {};
    }

    PocketSphinxModel model_;
    cmd_ln_t* config_ = nullptr;
    ps_decoder_t* decoder_ = nullptr;
    QStringList titles_;
    bool grammarStale_ = true;
};

PocketSphinxRecognizer::PocketSphinxRecognizer(QObject* parent, PocketSphinxModel model)
    : SpeechRecognizer(parent), cancelUpTo_(std::make_shared<std::atomic<quint64>>(0)) {
    worker_ = new SphinxWorker(std::move(model));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.setObjectName(QStringLiteral("pocketsphinx"));
    thread_.start();
}

PocketSphinxRecognizer::~PocketSphinxRecognizer() {
    cancelUpTo_->store(job_);
    thread_.quit();
    thread_.wait();
}

void PocketSphinxRecognizer::setTaskTitles(const QStringList& titles) {
    QMetaObject::invokeMethod(worker_, [worker = worker_, titles] { worker->setTitles(titles); });
}

void PocketSphinxRecognizer::recognize(AudioClip clip) {
    if (busy_) cancelUpTo_->store(job_);
    const quint64 job = ++job_;
    busy_ = true;
    // The destructor waits for the worker, and a posted call dies with its receiver, so the
    // raw pointer is safe here.
    QMetaObject::invokeMethod(worker_, [worker = worker_, clip = std::move(clip), job,
                                        cancel = cancelUpTo_, self = this]() mutable {
        const auto [outcome, text] = worker->run(std::move(clip), job, *cancel);
        QMetaObject::invokeMethod(self, [self, job, outcome = outcome, text = text] {
            self->onFinished(job, outcome, text);
        }, Qt::QueuedConnection);
    });
}

void PocketSphinxRecognizer::cancel() {
    if (!busy_) return;
    // The decoder may still finish its current call; its late result is dropped unseen.
    cancelUpTo_->store(job_);
    busy_ = false;
    ++job_;
    QMetaObject::invokeMethod(this, &SpeechRecognizer::cancelled, Qt::QueuedConnection);
}

void PocketSphinxRecognizer::onFinished(quint64 job, int outcome, const QString& text) {
    if (job != job_) return;  // superseded by a newer recognition
    busy_ = false;
    switch (outcome) {
        case Recognized: Q_EMIT recognized(text); break;
        case Failed: Q_EMIT failed(text); break;
        default: Q_EMIT cancelled(); break;
    }
}

}  // namespace helmdeck::core::voice
